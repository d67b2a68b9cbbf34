// Runtime schemas for Mirakl's answers, checked at the boundary. They follow Mirakl's
// published compatibility rules: unknown fields are ignored (zod strips them), and
// enumerations are kept as plain strings so a value added by Mirakl tomorrow is stored,
// not rejected. Dates are accepted with or without milliseconds and become epoch ms.
import { z } from 'zod';

/** ISO-8601 date-time (Z or an offset, any sub-second precision) → milliseconds since the epoch. */
export const miraklDate = z.iso.datetime({ offset: true }).transform((value) => Date.parse(value));

const participant = z.object({
  type: z.string(),
  id: z.string().optional(),
  display_name: z.string(),
});

const sender = z.object({
  type: z.string(),
  display_name: z.string(),
  organization_details: z.object({ type: z.string().optional(), id: z.string().optional(), display_name: z.string().optional() }).optional(),
});

export const miraklAttachment = z.object({
  id: z.string().min(1),
  name: z.string(),
  size: z.number().int().nonnegative(),
});

export const miraklMessage = z.object({
  id: z.string().min(1),
  body: z.string(),
  date_created: miraklDate,
  from: sender,
  to: z.array(participant).default([]),
  attachments: z.array(miraklAttachment).default([]),
});

const thread = {
  id: z.string().min(1),
  topic: z.object({ type: z.string(), value: z.string() }),
  entities: z.array(z.object({ type: z.string(), id: z.string(), label: z.string().optional() })).default([]),
  authorized_participants: z.array(participant),
  current_participants: z.array(participant),
  date_created: miraklDate,
  date_updated: miraklDate,
  metadata: z.object({
    last_message_date: miraklDate,
    last_sender: sender.nullish(),
    shop_reply_needed_since: miraklDate.nullable(),
    total_count: z.number().int().nonnegative(),
  }),
};

/** A thread from M11: messages present with with_messages=true, only the last 100. */
export const miraklListedThread = z.object({ ...thread, messages: z.array(miraklMessage).optional() });
/** A thread from M10: every message. */
export const miraklFullThread = z.object({ ...thread, messages: z.array(miraklMessage) });

export const m11Response = z.object({
  data: z.array(miraklListedThread),
  next_page_token: z.string().min(1).nullish(),
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
  customer_notification_email: z.string().nullish(),
  order_lines: z.array(orderLine).default([]),
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

export const postMessageResponse = z.object({
  message_id: z.string().min(1),
  thread_id: z.string().min(1),
});

export type MiraklListedThread = z.output<typeof miraklListedThread>;
export type MiraklFullThread = z.output<typeof miraklFullThread>;
export type MiraklThread = MiraklListedThread | MiraklFullThread;
export type MiraklMessage = z.output<typeof miraklMessage>;
export type M11Response = z.output<typeof m11Response>;
export type MiraklOrder = z.output<typeof miraklOrder>;
export type A01Response = z.output<typeof a01Response>;
export type MiraklOrderDocument = z.output<typeof miraklOrderDocument>;
export type PostMessageResponse = z.output<typeof postMessageResponse>;
