// The one contract of the conversation API. IPC channels, the preload bridge, HTTP
// routes, the OpenAPI document and the renderer's client are all derived from the
// `operations` map below; nothing else declares these shapes. Pure TypeScript + zod:
// no node:, no electron, no DOM.
import { z } from 'zod';
import { checkMiraklUrl } from './mirakl-url';
import { hasLoneSurrogate } from './unicode';
import { syncStatusSchema } from './sync-status';

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
  subject: z.string(),
  customer: customerSchema.nullable(),
  orderId: z.string().nullable(),
  lastMessageAt: isoDateSchema,
  lastMessagePreview: z.string(),
  messageCount: z.number().int(),
  unreadCount: z.number().int(),
  replyNeededSince: isoDateSchema.nullable(),
});

export const attachmentSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  size: z.number().int(),
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
  attachments: z.array(attachmentSchema),
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
});

export const accountSummarySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  isDemo: z.boolean(),
});

export const conversationDetailSchema = z.object({
  conversation: conversationSchema,
  account: accountSummarySchema,
  order: orderSummarySchema.nullable(),
  /** Oldest first. */
  messages: z.array(messageSchema),
});

export const conversationPageSchema = z.object({
  items: z.array(conversationSchema),
  /** Opaque; pass back as `cursor` for the next page. Null on the last page. */
  nextCursor: z.string().nullable(),
});

export const conversationCountsSchema = z.object({
  all: z.number().int(),
  replyNeeded: z.number().int(),
  unread: z.number().int(),
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
    summary: 'Conversations, most recent message first, keyset-paginated and filterable',
    http: { method: 'GET', path: '/api/conversations' },
    input: z
      .object({
        limit: z.coerce.number().int().min(1).max(200).default(50),
        cursor: z.string().max(200).optional(),
        replyNeeded: flagSchema.optional(),
        unread: flagSchema.optional(),
        accountId: idSchema.optional(),
        orderId: orderIdSchema.optional(),
        /** Full-text search over subject, customer name, order id and message bodies. */
        q: textSchema().max(200).optional(),
      })
      .strict(),
    output: conversationPageSchema,
  }),
  countConversations: op({
    summary: 'How many conversations each filter holds (All, Reply needed, Unread)',
    http: { method: 'GET', path: '/api/conversations/counts' },
    input: z.object({ accountId: idSchema.optional() }).strict(),
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
    input: z.object({ id: idSchema, body: messageBodySchema, to: recipientSchema.default('customer') }).strict(),
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
      })
      .strict(),
    output: conversationDetailSchema,
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
export type Conversation = z.infer<typeof conversationSchema>;
export type Message = z.infer<typeof messageSchema>;
export type Attachment = z.infer<typeof attachmentSchema>;
export type OrderSummary = z.infer<typeof orderSummarySchema>;
export type OrderLine = z.infer<typeof orderLineSchema>;
export type ConversationDetail = z.infer<typeof conversationDetailSchema>;
export type ConversationPage = z.infer<typeof conversationPageSchema>;
export type ConversationCounts = z.infer<typeof conversationCountsSchema>;
export type Connection = z.infer<typeof connectionSchema>;
export type Preferences = z.infer<typeof preferencesSchema>;
export type AppEvent = z.infer<typeof appEventSchema>;
