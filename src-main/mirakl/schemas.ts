// Runtime schemas for Mirakl's answers, checked at the boundary. They follow Mirakl's
// published compatibility rules: unknown fields are ignored (zod strips them), and
// enumerations are kept as plain strings so a value added by Mirakl tomorrow is stored,
// not rejected. Dates are accepted with or without milliseconds and become epoch ms.
// Every shape real shops send is accepted: an optional field absent or null, an empty
// next_page_token on the last page, an empty e-mail meaning none.
import { z } from 'zod';

/** ISO-8601 date-time (Z or an offset, any sub-second precision) → milliseconds since the epoch. */
export const miraklDate = z.iso.datetime({ offset: true }).transform((value) => Date.parse(value));

/** A text Mirakl may leave out or send as null: '' then. */
const optionalText = z
  .string()
  .nullish()
  .transform((value) => value ?? '');

/** A list Mirakl may leave out or send as null: empty then. */
const optionalList = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((value): z.output<T>[] => value ?? []);

const participant = z.object({
  type: z.string(),
  id: z.string().optional(),
  display_name: optionalText,
});

const sender = z.object({
  type: z.string(),
  display_name: optionalText,
  organization_details: z
    .object({ type: z.string().optional(), id: z.string().optional(), display_name: z.string().nullish() })
    .nullish(),
});

export const miraklAttachment = z.object({
  id: z.string().min(1),
  name: z.string(),
  size: z.number().int().nonnegative(),
});

export const miraklMessage = z.object({
  id: z.string().min(1),
  /** Null or absent on a message that only carries attachments. */
  body: optionalText,
  date_created: miraklDate,
  from: sender,
  to: optionalList(participant),
  attachments: optionalList(miraklAttachment),
});

const thread = {
  id: z.string().min(1),
  topic: z.object({ type: z.string(), value: z.string() }),
  entities: optionalList(z.object({ type: z.string(), id: z.string(), label: z.string().nullish() })),
  authorized_participants: z.array(participant),
  current_participants: optionalList(participant),
  date_created: miraklDate,
  date_updated: miraklDate,
  metadata: z.object({
    last_message_date: miraklDate,
    last_sender: sender.nullish(),
    shop_reply_needed_since: miraklDate.nullish().transform((value) => value ?? null),
    total_count: z.number().int().nonnegative(),
  }),
};

/** A thread from M11: messages present with with_messages=true, only the last 100. */
export const miraklListedThread = z.object({ ...thread, messages: z.array(miraklMessage).optional() });
/** A thread from M10: every message. */
export const miraklFullThread = z.object({ ...thread, messages: z.array(miraklMessage) });

/**
 * An M11 page. Its threads are checked one by one (see client.listThreads): one thread
 * that does not match the contract must not make the rest of its page unreadable.
 */
export const m11Envelope = z.object({
  data: z.array(z.unknown()),
  /** Absent on the last page; some instances send "" there instead. */
  next_page_token: z
    .string()
    .nullish()
    .transform((value) => (value ? value : null)),
});

const orderLine = z.object({
  order_line_id: z.string(),
  product_title: z.string().nullish(),
  product_sku: z.string().nullish(),
  offer_sku: z.string().nullish(),
  quantity: z.number(),
  price: z.number().nullish(),
  price_unit: z.number().nullish(),
  total_price: z.number().nullish(),
  order_line_state: z.string().nullish(),
});

export const miraklOrder = z.object({
  order_id: z.string().min(1),
  commercial_id: z.string().nullish(),
  order_state: z.string(),
  created_date: miraklDate.nullish(),
  currency_iso_code: z.string().nullish(),
  total_price: z.number().nullish(),
  shipping_price: z.number().nullish(),
  customer: z
    .object({ customer_id: z.string().nullish(), firstname: z.string().nullish(), lastname: z.string().nullish(), locale: z.string().nullish() })
    .nullish(),
  /** "" means the order has no notification address: null then. */
  customer_notification_email: z
    .string()
    .nullish()
    .transform((value) => (value && value.trim() !== '' ? value.trim() : null)),
  order_lines: optionalList(orderLine),
  shipping_tracking: z.string().nullish(),
  shipping_tracking_url: z.string().nullish(),
  shipping_company: z.string().nullish(),
});

export const or11Response = z.object({
  orders: z.array(miraklOrder),
  total_count: z.number().int().nonnegative().optional(),
});

export const miraklOrderDocument = z.object({
  id: z.union([z.number().int(), z.string().min(1)]).transform(String),
  order_id: z.string().min(1),
  file_name: z.string(),
  file_size: z.number().int().nonnegative().nullish(),
  type: z.string(),
  date_uploaded: miraklDate.nullish(),
});

export const or72Response = z.object({
  order_documents: z.array(miraklOrderDocument),
});

export const a01Response = z.object({
  shop_id: z.union([z.number(), z.string()]).transform(String),
  shop_name: z.string(),
  shop_state: z.string().optional(),
  currency_iso_code: z.string().optional(),
});

/** RE02 (and its deprecated form RE14): the labels of REASON_CODE topics, in the shop's locale. */
export const reasonsResponse = z.object({
  reasons: z.array(z.object({ code: z.string().min(1), label: z.string() })),
  /** Deprecated by Mirakl and left out by some instances. */
  total_count: z.number().int().nonnegative().optional(),
});

export const postMessageResponse = z.object({
  message_id: z.string().min(1),
  thread_id: z.string().min(1),
});

export type MiraklListedThread = z.output<typeof miraklListedThread>;
export type MiraklFullThread = z.output<typeof miraklFullThread>;
export type MiraklThread = MiraklListedThread | MiraklFullThread;
export type MiraklMessage = z.output<typeof miraklMessage>;
export type MiraklOrder = z.output<typeof miraklOrder>;
export type A01Response = z.output<typeof a01Response>;
export type MiraklReason = z.output<typeof reasonsResponse>['reasons'][number];
export type MiraklOrderDocument = z.output<typeof miraklOrderDocument>;
export type PostMessageResponse = z.output<typeof postMessageResponse>;
