// Pure mapping from Mirakl's thread shape to the rows the store keeps. No I/O.
import type { MiraklMessage, MiraklThread } from '../mirakl/schemas';
import { bodyToText } from './body-text';

export interface MappedAttachment {
  miraklAttachmentId: string;
  name: string;
  size: number;
}

export interface MappedMessage {
  miraklMessageId: string;
  direction: 'inbound' | 'outbound';
  senderType: string;
  senderName: string;
  body: string;
  bodyText: string;
  sentAt: number;
  attachments: MappedAttachment[];
}

export interface MappedThread {
  miraklThreadId: string;
  subject: string;
  topicType: string;
  orderId: string | null;
  customer: { miraklId: string; name: string } | null;
  createdAt: number;
  updatedAt: number;
  lastMessageAt: number;
  replyNeededSince: number | null;
  /** Mirakl's count of messages in the thread. */
  totalCount: number;
  /** Oldest first. */
  messages: MappedMessage[];
}

/** Mirakl's from.type for the shop's own users: everything else was written to us. */
const SHOP_SENDER = 'SHOP_USER';
const ORDER_ENTITY = 'MMP_ORDER';
const CUSTOMER_PARTICIPANT = 'CUSTOMER';

/** The order a thread is about (its MMP_ORDER entity), if any. */
export function orderIdOf(thread: Pick<MiraklThread, 'entities'>): string | null {
  return thread.entities.find((e) => e.type === ORDER_ENTITY)?.id ?? null;
}

export function mapThread(thread: MiraklThread): MappedThread {
  const messages = (thread.messages ?? []).map(mapMessage).sort((a, b) => a.sentAt - b.sentAt || compare(a.miraklMessageId, b.miraklMessageId));
  const customer =
    thread.authorized_participants.find((p) => p.type === CUSTOMER_PARTICIPANT && p.id) ??
    thread.current_participants.find((p) => p.type === CUSTOMER_PARTICIPANT && p.id);
  const lastSent = messages.at(-1)?.sentAt ?? 0;
  return {
    miraklThreadId: thread.id,
    subject: subjectOf(thread.topic),
    topicType: thread.topic.type,
    orderId: orderIdOf(thread),
    customer: customer?.id ? { miraklId: customer.id, name: customer.display_name } : null,
    createdAt: thread.date_created,
    updatedAt: thread.date_updated,
    lastMessageAt: Math.max(thread.metadata.last_message_date, lastSent),
    replyNeededSince: thread.metadata.shop_reply_needed_since,
    totalCount: thread.metadata.total_count,
    messages,
  };
}

/**
 * A REASON_CODE topic carries the marketplace's code (e.g. DAMAGED_PRODUCT), not a label:
 * shown as words until the marketplace's own label is known.
 */
export function subjectOf(topic: { type: string; value: string }): string {
  if (topic.type === 'REASON_CODE' && /^[A-Z0-9]+(?:[_-][A-Z0-9]+)*$/.test(topic.value)) {
    const words = topic.value.toLowerCase().replace(/[_-]+/g, ' ');
    return words.charAt(0).toUpperCase() + words.slice(1);
  }
  return topic.value;
}

function mapMessage(message: MiraklMessage): MappedMessage {
  return {
    miraklMessageId: message.id,
    direction: message.from.type === SHOP_SENDER ? 'outbound' : 'inbound',
    senderType: message.from.type,
    senderName: message.from.display_name,
    body: message.body,
    bodyText: bodyToText(message.body),
    sentAt: message.date_created,
    attachments: message.attachments.map((a) => ({ miraklAttachmentId: a.id, name: a.name, size: a.size })),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
