// Pure mapping from Mirakl's thread shape to the rows the store keeps. No I/O.
import type { MiraklMessage, MiraklThread } from '../mirakl/schemas';
import { topicSubject } from '../mirakl/topic-subject';
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
  /** The topic in words, before any reason label is known (the store applies the label it has). */
  subject: string;
  topicType: string;
  /** Mirakl's topic.value: the text, or the reason code. */
  topicValue: string;
  orderId: string | null;
  /** The CUSTOMER participant; its name is '' when Mirakl gave none (the order's customer names it later). */
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
const CUSTOMER_SENDER = 'CUSTOMER_USER';
const ORDER_ENTITY = 'MMP_ORDER';
const CUSTOMER_PARTICIPANT = 'CUSTOMER';

/** The order a thread is about (its MMP_ORDER entity), if any. */
export function orderIdOf(thread: Pick<MiraklThread, 'entities'>): string | null {
  return thread.entities.find((e) => e.type === ORDER_ENTITY)?.id ?? null;
}

export function mapThread(thread: MiraklThread): MappedThread {
  const customer =
    thread.authorized_participants.find((p) => p.type === CUSTOMER_PARTICIPANT && p.id) ??
    thread.current_participants.find((p) => p.type === CUSTOMER_PARTICIPANT && p.id);
  const customerName = customer?.display_name.trim() ?? '';
  const messages = (thread.messages ?? [])
    .map((m) => mapMessage(m, customerName))
    .sort((a, b) => a.sentAt - b.sentAt || compare(a.miraklMessageId, b.miraklMessageId));
  const lastSent = messages.at(-1)?.sentAt ?? 0;
  return {
    miraklThreadId: thread.id,
    subject: topicSubject(thread.topic),
    topicType: thread.topic.type,
    topicValue: thread.topic.value,
    orderId: orderIdOf(thread),
    customer: customer?.id ? { miraklId: customer.id, name: customerName } : null,
    createdAt: thread.date_created,
    updatedAt: thread.date_updated,
    lastMessageAt: Math.max(thread.metadata.last_message_date, lastSent),
    replyNeededSince: thread.metadata.shop_reply_needed_since,
    totalCount: thread.metadata.total_count,
    messages,
  };
}

/** A customer's message without a sender name takes the thread's customer's, when the thread has one. */
function mapMessage(message: MiraklMessage, customerName: string): MappedMessage {
  const senderName = message.from.display_name.trim();
  return {
    miraklMessageId: message.id,
    direction: message.from.type === SHOP_SENDER ? 'outbound' : 'inbound',
    senderType: message.from.type,
    senderName: senderName === '' && message.from.type === CUSTOMER_SENDER ? customerName : senderName,
    body: message.body,
    bodyText: bodyToText(message.body),
    sentAt: message.date_created,
    attachments: message.attachments.map((a) => ({ miraklAttachmentId: a.id, name: a.name, size: a.size })),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
