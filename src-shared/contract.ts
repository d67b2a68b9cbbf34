// The one contract of the conversation API. IPC channels, the preload bridge, HTTP
// routes, the OpenAPI document and the renderer's client are all derived from the
// `operations` map below; nothing else declares these shapes. Pure TypeScript + zod:
// no node:, no electron, no DOM.
import { z } from 'zod';
import { checkMiraklUrl } from './mirakl-url';
import { hasLoneSurrogate } from './unicode';
import { syncStatusSchema } from './sync-status';
import { responseTargetSchema, timeZoneSchema, waitAgeBucketSchema } from './response-target';
import { templateProblems } from './saved-reply-template';

// ---------- Scalars ----------

const ID_MESSAGE = 'must be a positive whole number written in decimal digits';
/**
 * A positive row id: a number, or (HTTP paths and queries are strings) its decimal digits
 * exactly. `0x1`, `1e3`, ` 1` and `007` are not read as ids: one id, one spelling.
 */
export const idSchema = z.union(
  [
    z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    z
      .string()
      .regex(/^[1-9][0-9]{0,15}$/)
      .transform(Number)
      .pipe(z.number().max(Number.MAX_SAFE_INTEGER, ID_MESSAGE)),
  ],
  { error: ID_MESSAGE },
);
/** A boolean that also reads "true"/"false"/"1"/"0" from a query string. */
export const flagSchema = z.union([
  z.boolean(),
  z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1'),
]);
/** ISO-8601 UTC date-time, as every time in the API. */
export const isoDateSchema = z.string();
/** Mirakl's limits on a message body. */
export const BODY_MIN = 3;
export const BODY_MAX = 50_000;
const WELL_FORMED_MESSAGE = 'must be well-formed Unicode text (it holds half of a character)';
/** Text stored or sent to Mirakl: no lone surrogate (it would be stored as invalid UTF-8 and sent on as such). */
export const textSchema = () => z.string().refine((s) => !hasLoneSurrogate(s), WELL_FORMED_MESSAGE);
export const messageBodySchema = textSchema()
  .refine((s) => !s.includes('\u0000'), 'must not contain NUL characters')
  .refine((s) => s.trim().length >= BODY_MIN, `must be at least ${BODY_MIN} characters`)
  .refine((s) => s.length <= BODY_MAX, `must be at most ${BODY_MAX} characters`);
export const recipientSchema = z.enum(['customer', 'operator']);
/** Mirakl's limits on files: a message with its files at most 30 MB, an order's threads at most 50 files in all. */
export const MESSAGE_MAX_BYTES = 30 * 1024 * 1024;
export const ORDER_MAX_ATTACHMENTS = 50;
/** A file for a reply or a new thread: one uploaded (POST /api/uploads) or one of the order's documents. */
export const attachmentRefSchema = z.union([
  z.object({ uploadId: idSchema }).strict(),
  z.object({ orderDocumentId: idSchema }).strict(),
]);
export type AttachmentRef = z.infer<typeof attachmentRefSchema>;
const attachmentRefsSchema = z.array(attachmentRefSchema).max(ORDER_MAX_ATTACHMENTS).optional();
/**
 * A Mirakl order id. It becomes a segment of a Mirakl URL (OR43): `.` and `..` would
 * climb to another path, so they are refused like any text that is not one segment's worth.
 */
export const orderIdSchema = textSchema()
  .min(1)
  .max(100)
  .refine((s) => s !== '.' && s !== '..', 'must be an order id, not "." or ".."');

// ---------- Entities ----------

export const customerSchema = z.object({
  id: z.number().int(),
  miraklId: z.string(),
  name: z.string(),
  email: z.string().nullable(),
});

export const conversationSchema = z.object({
  id: z.number().int(),
  accountId: z.number().int(),
  miraklThreadId: z.string(),
  /** What the conversation is about, in words: the topic's text, or its reason code's label ("Reason 27" until one is known). */
  subject: z.string(),
  /** Mirakl's topic as sent: `FREE_TEXT` with the text, or `REASON_CODE` with the code ("20"); newer types are kept as they come. */
  topic: z.object({ type: z.string(), value: z.string() }),
  customer: customerSchema.nullable(),
  orderId: z.string().nullable(),
  lastMessageAt: isoDateSchema,
  lastMessagePreview: z.string(),
  messageCount: z.number().int(),
  unreadCount: z.number().int(),
  /** Since when the customer waits for the shop (Mirakl's clock); null once answered, or marked done here. */
  replyNeededSince: isoDateSchema.nullable(),
  /** Snoozed here (never sent to Mirakl): out of the main list until `wakeAt`, or until a message arrives. */
  snooze: z
    .object({
      since: isoDateSchema,
      /** The time asked for; null: until the customer writes again. */
      until: isoDateSchema.nullable(),
      /** When it comes back: `until`, or earlier so the customer is answered before the marketplace's 24-hour mark. */
      wakeAt: isoDateSchema.nullable(),
    })
    .nullable(),
  /** Marked done here (Mirakl has no seller API to clear "reply needed"); a new message undoes it. */
  doneAt: isoDateSchema.nullable(),
});

/** Why a conversation matched a search: the passage to show, and where the terms are in it. */
export const searchMatchSchema = z.object({
  /** Where the terms were found: a message (the newest with the most of them), an attachment's file name, or a field of the conversation. */
  field: z.enum(['message', 'attachment', 'subject', 'customer', 'orderId']),
  /** Plain text: a field whole, or a passage of a message on one line with "…" where it was cut. Never HTML. */
  text: z.string(),
  /** The terms in `text`: [start, end) offsets in UTF-16 code units, in order, not overlapping. */
  highlights: z.array(z.tuple([z.number().int().min(0), z.number().int().min(0)])),
});

/** A row of the list: a conversation, and when searching, why it matched. */
export const conversationListItemSchema = conversationSchema.extend({
  /** Present when the list was searched (q) and the match could be shown. */
  match: searchMatchSchema.optional(),
});

/** `recent`: newest activity first. `waiting`: only the conversations awaiting a reply, the one waiting longest (oldest replyNeededSince) first. */
export const listSortSchema = z.enum(['recent', 'waiting']);

export const attachmentSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  size: z.number().int(),
});

/** A file a reply carries, stored with it in the outbox until Mirakl's own copy is synced. */
export const outboxFileSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  size: z.number().int(),
  contentType: z.string(),
});

export const messageSchema = z.object({
  id: z.number().int(),
  /** Null until Mirakl has accepted the reply. */
  miraklMessageId: z.string().nullable(),
  conversationId: z.number().int(),
  direction: z.enum(['inbound', 'outbound']),
  sender: z.object({ type: z.string(), name: z.string() }),
  /** As Mirakl holds it: may be raw HTML. Never render it as HTML. */
  body: z.string(),
  /** Readable plain text made from body: what the UI shows. */
  bodyText: z.string(),
  sentAt: isoDateSchema,
  status: z.enum(['delivered', 'pending', 'failed']),
  /** Why a reply failed (Mirakl's reason), or the last transient error of a pending one. */
  error: z.string().nullable(),
  /** Files as Mirakl holds them (download through /api/attachments/{id}). */
  attachments: z.array(attachmentSchema),
  /** A reply's own files until Mirakl's copies arrive in `attachments` (then empty). */
  outboxFiles: z.array(outboxFileSchema),
});

export const orderLineSchema = z.object({
  id: z.string(),
  title: z.string(),
  sku: z.string().nullable(),
  quantity: z.number(),
  unitPrice: z.number().nullable(),
  /** The line's price, quantity × unit price, without shipping (the order's shippingPrice). */
  total: z.number().nullable(),
  state: z.string().nullable(),
});

export const orderSummarySchema = z.object({
  orderId: z.string(),
  state: z.string(),
  customerName: z.string().nullable(),
  customerEmail: z.string().nullable(),
  currency: z.string().nullable(),
  totalPrice: z.number().nullable(),
  shippingPrice: z.number().nullable(),
  lines: z.array(orderLineSchema),
  trackingNumber: z.string().nullable(),
  trackingUrl: z.string().nullable(),
  carrier: z.string().nullable(),
  createdAt: isoDateSchema.nullable(),
  /** The order number the customer knows (OR11's commercial_id). */
  commercialId: z.string().nullable(),
  customerFirstName: z.string().nullable(),
  customerLastName: z.string().nullable(),
  /** OR11's customer.locale, e.g. fr_FR. */
  customerLocale: z.string().nullable(),
});

export const accountSummarySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  /** The seller's shop on this marketplace (A01), null until known. */
  shopName: z.string().nullable(),
  isDemo: z.boolean(),
});

export const conversationDetailSchema = z.object({
  conversation: conversationSchema,
  account: accountSummarySchema,
  order: orderSummarySchema.nullable(),
  /** Oldest first. */
  messages: z.array(messageSchema),
});

/** How many conversations a search matches. Counting stops at 500 (a walk of the whole inbox costs more than the search). */
export const searchTotalSchema = z.object({
  count: z.number().int(),
  /** False when counting stopped: there are at least `count`. */
  exact: z.boolean(),
});

export const conversationPageSchema = z.object({
  items: z.array(conversationListItemSchema),
  /** Opaque; pass back as `cursor` for the next page. Null on the last page. */
  nextCursor: z.string().nullable(),
  /** On a search's first page (q, no cursor): how many conversations match. Absent otherwise. */
  total: searchTotalSchema.optional(),
});

const countsFields = {
  /** Not snoozed. */
  all: z.number().int(),
  /** Awaiting a reply, not snoozed, not marked done. */
  replyNeeded: z.number().int(),
  /** Unread, not snoozed. */
  unread: z.number().int(),
  /** Snoozed. */
  snoozed: z.number().int(),
};
export const conversationCountsSchema = z.object({
  ...countsFields,
  /** The same counts per connection (marketplace), every connection listed. */
  accounts: z.array(z.object({ accountId: z.number().int(), ...countsFields })),
  /** Counting a search (q) only: false when it matched more than 500 conversations, whose newest 500 were counted (so at least these). */
  exact: z.boolean().optional(),
});

/** An instant (ISO-8601 date-time with Z or an offset) or a calendar day (YYYY-MM-DD: its start in `tz`). */
export const periodBoundSchema = z
  .string()
  .max(40)
  .refine(
    (s) => /^\d{4}-\d{2}-\d{2}$/.test(s) || (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i.test(s) && !Number.isNaN(Date.parse(s))),
    'must be an ISO-8601 date-time with a time zone (2026-11-30T00:00:00Z) or a day (2026-11-30)',
  );

const countSchema = z.number().int().min(0);

export const responseTimesDaySchema = z.object({
  /** The calendar day, in the time zone asked for. */
  date: z.string(),
  /** Waits started that day (within the period). */
  waits: countSchema,
  answeredWithinTarget: countSchema,
  answeredLate: countSchema,
  /** Answered late, or still open and already older than the target. */
  missed: countSchema,
  /** Still open, not yet older than the target. */
  pending: countSchema,
  /** Nearest-rank median response time of that day's answered waits; null when none. */
  medianSeconds: z.number().nullable(),
});

export const responseTimesSchema = z.object({
  /** The target the waits were judged against; null when the marketplaces asked have different ones. */
  targetSeconds: z.number().int().nullable(),
  /** Waits started in the period. */
  waits: countSchema,
  answeredWithinTarget: countSchema,
  /** The answered part of missed. */
  answeredLate: countSchema,
  /** Answered late, or still open and already older than the target. */
  missed: countSchema,
  /** Still open, not yet older than the target. */
  pending: countSchema,
  /** answeredWithinTarget / (answeredWithinTarget + missed); 1 when there is nothing to judge. */
  onTimeRate: z.number().min(0).max(1),
  /** Of answered waits, nearest-rank (the value at rank ⌈p·n⌉ of the sorted times); null when none. */
  medianSeconds: z.number().nullable(),
  p90Seconds: z.number().nullable(),
  days: z.array(responseTimesDaySchema),
  /** Every wait open now (whatever the period), by age: lt1h, 1to4h, 4to12h, 12to20h, 20to24h, gt24h. */
  openByAge: z.array(z.object({ bucket: waitAgeBucketSchema, count: countSchema })),
});

export const responseTargetEntrySchema = z.object({
  accountId: z.number().int(),
  target: responseTargetSchema,
});

export const breachingConversationSchema = z.object({
  conversation: conversationSchema,
  /** When the customer's open wait started. */
  waitingSince: isoDateSchema,
  /** When it passes its connection's target (counted in business hours when the connection has them). */
  breachAt: isoDateSchema,
});

/** A Mirakl connection as the UI sees it. The API key is write-only: never returned. */
export const connectionSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  baseUrl: z.string(),
  shopId: z.string().nullable(),
  isDemo: z.boolean(),
  hasApiKey: z.boolean(),
  /**
   * Where its key comes from: `stored` in the app's store (sealed by the OS keychain on the
   * desktop), `launch` given on the command line or in the environment and kept in memory
   * only, `demo` the embedded demo's, `none` missing.
   */
  keySource: z.enum(['stored', 'launch', 'demo', 'none']),
});

/** A Mirakl base URL: https (http only for this machine), https:// added when typed without a scheme. */
const connectionUrlSchema = z
  .string()
  .max(500)
  .transform((typed, ctx) => {
    const checked = checkMiraklUrl(typed);
    if (checked.ok) return checked.url;
    ctx.addIssue({ code: 'custom', message: checked.reason, input: typed });
    return z.NEVER;
  });
/** Sent as an HTTP header: printable ASCII only (a pasted key with a stray character fails here, not in the request). */
export const apiKeySchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(500, 'must be at most 500 characters')
  .regex(/^[\x21-\x7e]+$/, 'must be the key as Mirakl shows it: letters, digits and punctuation, no spaces');
const shopIdSchema = z.string().trim().regex(/^\d{1,18}$/, 'must be a number').nullable();

/** The local HTTP API as it runs now (Settings shows it, to copy into scripts). */
export const apiAccessSchema = z.object({
  /** Where it listens; null while it is off or could not start. */
  url: z.string().nullable(),
  /** Null while it is off. */
  token: z.string().nullable(),
  /** Why it is not listening although switched on (e.g. the port is taken); null otherwise. */
  error: z.string().nullable(),
  /** `preferences`: the desktop app's httpApi preference opens and closes it; `command-line`: `serve` runs it, on its --port. */
  controlledBy: z.enum(['preferences', 'command-line']),
});
export type ApiAccess = z.infer<typeof apiAccessSchema>;

export const preferencesSchema = z.object({
  /** Seconds between sync passes. */
  syncIntervalSeconds: z.number().int().min(10).max(86_400),
  httpApi: z.object({ enabled: z.boolean(), port: z.number().int().min(1024).max(65_535) }),
  /** Show the embedded demo inbox while no real connection exists. */
  demoEnabled: z.boolean(),
  /** What saved replies write for {{signature}}. */
  signature: z.string().max(500),
});

/** 'fr', 'en', 'de', 'es', 'it', …: a two- or three-letter language code. */
export const languageSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2,3}$/, 'must be a language code such as fr, en, de, es, it');

export const savedReplySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  /** May hold {{variables}} and {{ask:Field}} fields. */
  body: z.string(),
  language: z.string().nullable(),
  /** A marketplace's own reply; null: every marketplace. */
  accountId: z.number().int().nullable(),
  /** 0-based place in the list. */
  position: z.number().int(),
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
});

const savedReplyNameSchema = z.string().trim().min(1, 'must not be empty').max(100);
/** A body a reply could be sent from: Mirakl's limits, and only variables that exist. */
export const savedReplyBodySchema = messageBodySchema.superRefine((body, context) => {
  for (const problem of templateProblems(body)) context.addIssue({ code: 'custom', message: problem.message });
});

/** What an export file holds and an import takes: marketplaces by name, since ids differ between machines. */
export const savedRepliesFileSchema = z.object({
  format: z.literal('mirakl-cs-saved-replies'),
  version: z.literal(1),
  savedReplies: z
    .array(
      z
        .object({
          name: savedReplyNameSchema,
          body: savedReplyBodySchema,
          language: languageSchema.nullable().default(null),
          marketplace: z.string().trim().min(1).max(100).nullable().default(null),
        })
        .strict(),
    )
    .max(2_000),
});
export type SavedRepliesFile = z.infer<typeof savedRepliesFileSchema>;

export const renderedReplySchema = z.object({
  /** Values filled in; variables without a value and fields left as written ({{…}}). */
  body: z.string(),
  /** Variables with no value for this conversation, e.g. order.trackingNumber. */
  missing: z.array(z.string()),
  /** Fields to fill in before sending, by name. */
  fields: z.array(z.string()),
});

/** A file sent to POST /api/uploads, waiting for a reply or a new thread to name it (kept a day). */
export const uploadSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  size: z.number().int(),
  contentType: z.string(),
});

export const orderDocumentSchema = z.object({
  id: z.number().int(),
  accountId: z.number().int(),
  orderId: z.string(),
  name: z.string(),
  size: z.number().int().nullable(),
  /** Mirakl's document type code: CUSTOMER_INVOICE, SYSTEM_DELIVERY_BILL, … */
  type: z.string(),
  uploadedAt: isoDateSchema.nullable(),
  /** Downloaded into the local cache: opens offline. */
  downloaded: z.boolean(),
});

// ---------- Events (IPC push and Server-Sent Events) ----------

export const appEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('conversation.upserted'), conversation: conversationSchema }),
  z.object({ type: z.literal('message.upserted'), message: messageSchema }),
  z.object({ type: z.literal('message.deleted'), messageId: z.number().int(), conversationId: z.number().int() }),
  z.object({ type: z.literal('sync.status'), status: syncStatusSchema }),
  /** Desktop only: the shell asks the page to show a conversation (its notification was clicked). */
  z.object({ type: z.literal('ui.openConversation'), conversationId: z.number().int() }),
  /** Desktop only: the application menu asks the page to open Settings or the shortcuts. */
  z.object({ type: z.literal('ui.openPanel'), panel: z.enum(['settings', 'shortcuts']) }),
]);

// ---------- Errors ----------

export const errorCodes = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_field: 422,
  rate_limited: 429,
  internal: 500,
  mirakl_refused: 502,
  mirakl_unreachable: 503,
} as const;
export type ErrorCode = keyof typeof errorCodes;

export const apiErrorSchema = z.object({
  code: z.enum(Object.keys(errorCodes) as [ErrorCode, ...ErrorCode[]]),
  message: z.string(),
  /** For invalid_field: the offending field, dotted (e.g. "body", "to"). */
  field: z.string().optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/** What crosses IPC: error codes survive, unlike thrown Errors. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

// ---------- Operations ----------

export interface HttpBinding {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Fastify-style path; `:name` segments are taken from the input of the same name. */
  path: string;
}

export interface OperationSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  summary: string;
  input: I;
  output: O;
  http: HttpBinding;
}

const op = <I extends z.ZodType, O extends z.ZodType>(spec: OperationSpec<I, O>) => spec;
const empty = z.object({}).strict();
const ok = z.object({ ok: z.literal(true) });

export const operations = {
  listConversations: op({
    summary: 'Conversations, most recent message first (or longest waiting first), keyset-paginated, filterable and searchable',
    http: { method: 'GET', path: '/api/conversations' },
    input: z
      .object({
        limit: z.coerce.number().int().min(1).max(200).default(50),
        cursor: z.string().max(200).optional(),
        replyNeeded: flagSchema.optional(),
        unread: flagSchema.optional(),
        /** true: only snoozed conversations. Lists leave them out otherwise, except a search. */
        snoozed: flagSchema.optional(),
        accountId: idSchema.optional(),
        orderId: orderIdSchema.optional(),
        /** Full-text search over subject, customer name, order id (any part of it), attachment names and message bodies. */
        q: textSchema().max(200).optional(),
        sort: listSortSchema.default('recent'),
        /** Only conversations whose open wait passes its target within this many hours (not late yet). */
        breachWithinHours: z.coerce.number().positive().max(720).optional(),
        /** Only conversations whose open wait is this old (the cockpit's age buckets). */
        waitAge: waitAgeBucketSchema.optional(),
      })
      .strict(),
    output: conversationPageSchema,
  }),
  countConversations: op({
    summary: 'How many conversations each filter holds (All, Reply needed, Unread), in the whole inbox or among the results of a search',
    http: { method: 'GET', path: '/api/conversations/counts' },
    input: z.object({ accountId: idSchema.optional(), q: z.string().max(200).optional() }).strict(),
    output: conversationCountsSchema,
  }),
  getConversation: op({
    summary: 'A conversation with its customer, order summary and all its messages in order',
    http: { method: 'GET', path: '/api/conversations/:id' },
    input: z.object({ id: idSchema }).strict(),
    output: conversationDetailSchema,
  }),
  sendMessage: op({
    summary: 'Reply in a conversation (stored as pending first, then sent through Mirakl M12)',
    http: { method: 'POST', path: '/api/conversations/:id/messages' },
    input: z
      .object({ id: idSchema, body: messageBodySchema, to: recipientSchema.default('customer'), attachments: attachmentRefsSchema })
      .strict(),
    output: messageSchema,
  }),
  retryMessage: op({
    summary: 'Send a failed reply again, optionally with an edited body',
    http: { method: 'POST', path: '/api/messages/:id/retry' },
    input: z.object({ id: idSchema, body: messageBodySchema.optional() }).strict(),
    output: messageSchema,
  }),
  discardMessage: op({
    summary: 'Discard a failed (or still pending) reply that Mirakl has not accepted',
    http: { method: 'DELETE', path: '/api/messages/:id' },
    input: z.object({ id: idSchema }).strict(),
    output: ok,
  }),
  markRead: op({
    summary: 'Mark a conversation read',
    http: { method: 'POST', path: '/api/conversations/:id/read' },
    input: z.object({ id: idSchema }).strict(),
    output: conversationSchema,
  }),
  listOrderConversations: op({
    summary: 'Conversations about one order',
    http: { method: 'GET', path: '/api/orders/:orderId/conversations' },
    input: z.object({ orderId: orderIdSchema, accountId: idSchema.optional() }).strict(),
    output: z.object({ items: z.array(conversationSchema) }),
  }),
  startThread: op({
    summary: 'Start a new thread on an order (Mirakl OR43)',
    http: { method: 'POST', path: '/api/orders/:orderId/threads' },
    input: z
      .object({
        orderId: orderIdSchema,
        accountId: idSchema.optional(),
        subject: textSchema().trim().min(1).max(200),
        body: messageBodySchema,
        to: z.array(recipientSchema).min(1).default(['customer']),
        attachments: attachmentRefsSchema,
      })
      .strict(),
    output: conversationDetailSchema,
  }),
  getResponseTimes: op({
    summary: 'Response times of waits started in a period, judged against each connection’s target (the cockpit’s figures)',
    http: { method: 'GET', path: '/api/stats/response-times' },
    input: z
      .object({
        from: periodBoundSchema,
        to: periodBoundSchema,
        accountId: idSchema.optional(),
        /** IANA time zone of the days; default: the machine's. */
        tz: timeZoneSchema.optional(),
      })
      .strict(),
    output: responseTimesSchema,
  }),
  listBreachingConversations: op({
    summary: 'Conversations whose open wait passes its target within the next hours, soonest first (the cockpit’s “about to breach”)',
    http: { method: 'GET', path: '/api/stats/about-to-breach' },
    input: z
      .object({
        withinHours: z.coerce.number().positive().max(720).default(4),
        accountId: idSchema.optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      })
      .strict(),
    output: z.object({ items: z.array(breachingConversationSchema) }),
  }),
  listResponseTargets: op({
    summary: 'Each connection’s response target (default: 24 hours, every hour counting, over 30 days)',
    http: { method: 'GET', path: '/api/response-targets' },
    input: empty,
    output: z.object({ items: z.array(responseTargetEntrySchema) }),
  }),
  setResponseTarget: op({
    summary: 'Set a connection’s response target (counted in business hours when businessHours is set)',
    http: { method: 'PUT', path: '/api/connections/:id/response-target' },
    input: z.object({ id: idSchema }).extend(responseTargetSchema.shape).strict(),
    output: responseTargetEntrySchema,
  }),
  snoozeConversation: op({
    summary: 'Snooze a conversation until a time or until the customer writes again (local only, never sent to Mirakl)',
    http: { method: 'POST', path: '/api/conversations/:id/snooze' },
    input: z
      .object({ id: idSchema, until: z.iso.datetime({ offset: true }).optional(), untilCustomerReplies: z.literal(true).optional() })
      .strict()
      .refine((v) => (v.until === undefined) !== (v.untilCustomerReplies === undefined), {
        message: 'give either until (an ISO date) or untilCustomerReplies: true',
        path: ['until'],
      }),
    output: z.object({
      conversation: conversationSchema,
      /** Set when the customer would wait past the marketplace's 24-hour mark: it comes back earlier (snooze.wakeAt). */
      warning: z.string().nullable(),
    }),
  }),
  unsnoozeConversation: op({
    summary: 'End a snooze now',
    http: { method: 'DELETE', path: '/api/conversations/:id/snooze' },
    input: z.object({ id: idSchema }).strict(),
    output: conversationSchema,
  }),
  markDone: op({
    summary: 'Mark a conversation done here: no reply needed (local only; a new message undoes it)',
    http: { method: 'POST', path: '/api/conversations/:id/done' },
    input: z.object({ id: idSchema }).strict(),
    output: conversationSchema,
  }),
  undoDone: op({
    summary: 'Undo "done"',
    http: { method: 'DELETE', path: '/api/conversations/:id/done' },
    input: z.object({ id: idSchema }).strict(),
    output: conversationSchema,
  }),
  markUnread: op({
    summary: 'Mark a conversation unread',
    http: { method: 'POST', path: '/api/conversations/:id/unread' },
    input: z.object({ id: idSchema }).strict(),
    output: conversationSchema,
  }),
  listSavedReplies: op({
    summary: 'Saved replies, in their order',
    http: { method: 'GET', path: '/api/saved-replies' },
    input: empty,
    output: z.object({ items: z.array(savedReplySchema) }),
  }),
  createSavedReply: op({
    summary: 'Save a reply (unknown variables are refused); it goes last unless a position is given',
    http: { method: 'POST', path: '/api/saved-replies' },
    input: z
      .object({
        name: savedReplyNameSchema,
        body: savedReplyBodySchema,
        language: languageSchema.nullable().default(null),
        accountId: idSchema.nullable().default(null),
        position: z.number().int().min(0).optional(),
      })
      .strict(),
    output: savedReplySchema,
  }),
  getSavedReply: op({
    summary: 'One saved reply',
    http: { method: 'GET', path: '/api/saved-replies/:id' },
    input: z.object({ id: idSchema }).strict(),
    output: savedReplySchema,
  }),
  updateSavedReply: op({
    summary: 'Edit a saved reply, or move it (position, 0-based); fields omitted are kept',
    http: { method: 'PATCH', path: '/api/saved-replies/:id' },
    input: z
      .object({
        id: idSchema,
        name: savedReplyNameSchema.optional(),
        body: savedReplyBodySchema.optional(),
        language: languageSchema.nullable().optional(),
        accountId: idSchema.nullable().optional(),
        position: z.number().int().min(0).optional(),
      })
      .strict(),
    output: savedReplySchema,
  }),
  deleteSavedReply: op({
    summary: 'Delete a saved reply',
    http: { method: 'DELETE', path: '/api/saved-replies/:id' },
    input: z.object({ id: idSchema }).strict(),
    output: ok,
  }),
  exportSavedReplies: op({
    summary: 'Every saved reply as an export file (marketplaces by name)',
    http: { method: 'GET', path: '/api/saved-replies/export' },
    input: empty,
    output: savedRepliesFileSchema,
  }),
  importSavedReplies: op({
    summary: 'Add the saved replies of an export file after the existing ones (all or none)',
    http: { method: 'POST', path: '/api/saved-replies/import' },
    input: savedRepliesFileSchema.strict(),
    output: z.object({ items: z.array(savedReplySchema), imported: z.number().int() }),
  }),
  renderSavedReply: op({
    summary: "A saved reply filled in for a conversation, in the customer's language",
    http: { method: 'POST', path: '/api/conversations/:id/saved-replies/:savedReplyId/render' },
    input: z.object({ id: idSchema, savedReplyId: idSchema }).strict(),
    output: renderedReplySchema,
  }),
  listOrderDocuments: op({
    summary: "An order's documents (Mirakl OR72: invoices, delivery bills…); the stored list when Mirakl cannot be reached",
    http: { method: 'GET', path: '/api/orders/:orderId/documents' },
    input: z.object({ orderId: orderIdSchema, accountId: idSchema.optional() }).strict(),
    output: z.object({
      items: z.array(orderDocumentSchema),
      /** Why the list could not be refreshed from Mirakl (it is the one stored before); null when it is fresh. */
      error: z.string().nullable(),
    }),
  }),
  getSyncStatus: op({
    summary: 'Sync status of every connection',
    http: { method: 'GET', path: '/api/sync' },
    input: empty,
    output: z.object({ connections: z.array(syncStatusSchema) }),
  }),
  syncNow: op({
    summary: 'Start a sync pass now (or join the running one)',
    http: { method: 'POST', path: '/api/sync' },
    input: z.object({ accountId: idSchema.optional() }).strict(),
    output: z.object({ connections: z.array(syncStatusSchema) }),
  }),
  getApiAccess: op({
    summary: 'The local HTTP API: where it listens and its access token, for scripts (null when it is off)',
    http: { method: 'GET', path: '/api/access' },
    input: empty,
    output: apiAccessSchema,
  }),
  health: op({
    summary: 'Liveness and version',
    http: { method: 'GET', path: '/api/health' },
    input: empty,
    output: z.object({ ok: z.literal(true), version: z.string() }),
  }),
  listConnections: op({
    summary: 'Mirakl connections (API keys are never returned)',
    http: { method: 'GET', path: '/api/connections' },
    input: empty,
    output: z.object({ items: z.array(connectionSchema) }),
  }),
  addConnection: op({
    summary: 'Add a Mirakl connection (tested through A01 first)',
    http: { method: 'POST', path: '/api/connections' },
    input: z
      .object({
        baseUrl: connectionUrlSchema,
        apiKey: apiKeySchema,
        shopId: shopIdSchema.default(null),
        name: textSchema().trim().min(1).max(100).optional(),
      })
      .strict(),
    output: connectionSchema,
  }),
  testConnection: op({
    summary: 'Test a connection through Mirakl A01: a stored one by id, or unsaved settings',
    http: { method: 'POST', path: '/api/connections/test' },
    input: z
      .object({
        id: idSchema.optional(),
        baseUrl: connectionUrlSchema.optional(),
        apiKey: apiKeySchema.optional(),
        shopId: shopIdSchema.optional(),
      })
      .strict(),
    output: z.object({ ok: z.boolean(), shopId: z.string().nullable(), shopName: z.string().nullable(), error: z.string().nullable() }),
  }),
  updateConnection: op({
    summary: 'Edit a connection; omit apiKey to keep the stored one',
    http: { method: 'PATCH', path: '/api/connections/:id' },
    input: z
      .object({
        id: idSchema,
        name: textSchema().trim().min(1).max(100).optional(),
        baseUrl: connectionUrlSchema.optional(),
        apiKey: apiKeySchema.optional(),
        shopId: shopIdSchema.optional(),
      })
      .strict(),
    output: connectionSchema,
  }),
  removeConnection: op({
    summary: 'Remove a connection and its synced data',
    http: { method: 'DELETE', path: '/api/connections/:id' },
    input: z.object({ id: idSchema }).strict(),
    output: ok,
  }),
  getPreferences: op({
    summary: 'App preferences',
    http: { method: 'GET', path: '/api/preferences' },
    input: empty,
    output: preferencesSchema,
  }),
  setPreferences: op({
    summary: 'Change app preferences (fields omitted are kept)',
    http: { method: 'PATCH', path: '/api/preferences' },
    input: z
      .object({
        syncIntervalSeconds: preferencesSchema.shape.syncIntervalSeconds.optional(),
        httpApi: preferencesSchema.shape.httpApi.partial().optional(),
        demoEnabled: z.boolean().optional(),
        signature: preferencesSchema.shape.signature.optional(),
      })
      .strict(),
    output: preferencesSchema,
  }),
} as const;

/**
 * Binary download of an attachment (Mirakl M13, cached on disk after the first fetch).
 * Not in `operations` because its answer is bytes, not JSON: HTTP serves it at this path,
 * IPC answers `{ name, contentType, bytes: Uint8Array }` on the channel below.
 */
export const attachmentDownload = {
  http: { method: 'GET', path: '/api/attachments/:id' } as HttpBinding,
  channel: 'cs:attachment',
  input: z.object({ id: idSchema }).strict(),
} as const;

/** Bytes of an order's document (OR73 the first time, the local cache afterwards), like attachmentDownload. */
export const orderDocumentDownload = {
  http: { method: 'GET', path: '/api/order-documents/:id' } as HttpBinding,
  channel: 'cs:order-document',
  input: z.object({ id: idSchema }).strict(),
} as const;

/**
 * A file sent for a reply or a new thread. HTTP: multipart/form-data with one file part named
 * `file`; IPC (the desktop): `{ name, contentType, bytes }` on the channel below. Answers an Upload.
 */
export const fileUpload = {
  http: { method: 'POST', path: '/api/uploads' } as HttpBinding,
  channel: 'cs:upload',
  /** Mirakl takes at most 30 MB per message, files included: no single file can be bigger. */
  maxBytes: MESSAGE_MAX_BYTES,
  input: z
    .object({
      name: z.string().trim().min(1).max(255),
      contentType: z.string().max(200).default('application/octet-stream'),
      bytes: z.instanceof(Uint8Array),
    })
    .strict(),
} as const;

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export type OperationInput<K extends OperationName> = z.input<Operations[K]['input']>;
export type OperationParsedInput<K extends OperationName> = z.output<Operations[K]['input']>;
export type OperationOutput<K extends OperationName> = z.output<Operations[K]['output']>;

/** The service behind both transports: one function per operation, taking parsed input. */
export type ServiceApi = { [K in OperationName]: (input: OperationParsedInput<K>) => Promise<OperationOutput<K>> };

export interface AttachmentFile {
  name: string;
  contentType: string;
  bytes: Uint8Array;
}

/** IPC channel of an operation, and of the event stream. */
export const channelOf = (name: OperationName) => `cs:${name}`;
export const EVENTS_CHANNEL = 'cs:event';

export type Customer = z.infer<typeof customerSchema>;
export type OutboxFile = z.infer<typeof outboxFileSchema>;
export type SavedReply = z.infer<typeof savedReplySchema>;
export type RenderedReply = z.infer<typeof renderedReplySchema>;
export type Upload = z.infer<typeof uploadSchema>;
export type OrderDocument = z.infer<typeof orderDocumentSchema>;
export type AccountSummary = z.infer<typeof accountSummarySchema>;
export type Conversation = z.infer<typeof conversationSchema>;
export type Message = z.infer<typeof messageSchema>;
export type Attachment = z.infer<typeof attachmentSchema>;
export type OrderSummary = z.infer<typeof orderSummarySchema>;
export type OrderLine = z.infer<typeof orderLineSchema>;
export type ConversationDetail = z.infer<typeof conversationDetailSchema>;
export type ConversationPage = z.infer<typeof conversationPageSchema>;
export type ConversationListItem = z.infer<typeof conversationListItemSchema>;
export type SearchMatch = z.infer<typeof searchMatchSchema>;
export type SearchTotal = z.infer<typeof searchTotalSchema>;
export type ListSort = z.infer<typeof listSortSchema>;
export type ConversationCounts = z.infer<typeof conversationCountsSchema>;
export type Connection = z.infer<typeof connectionSchema>;
export type Preferences = z.infer<typeof preferencesSchema>;
export type AppEvent = z.infer<typeof appEventSchema>;
export type ResponseTimes = z.infer<typeof responseTimesSchema>;
export type ResponseTimesDay = z.infer<typeof responseTimesDaySchema>;
export type ResponseTargetEntry = z.infer<typeof responseTargetEntrySchema>;
export type BreachingConversation = z.infer<typeof breachingConversationSchema>;
