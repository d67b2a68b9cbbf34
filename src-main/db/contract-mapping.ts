// Rows as the store keeps them (snake_case, epoch milliseconds) → the contract's shapes
// (camelCase, ISO-8601 UTC). The only place that knows both sides.
import type { AccountSummary, Attachment, Connection, Conversation, Message, OrderLine, OrderSummary, OutboxFile } from '../../src-shared/contract';
import type { Account, AttachmentRow, ConversationRow, MessageRow, OrderRow, OutboxFileRow } from './schema';

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : iso(ms);
}

/** A conversation row with its customer's columns (null without a customer), as the list queries select it. */
export interface ConversationWithCustomer extends ConversationRow {
  customer_mirakl_id: string | null;
  customer_name: string | null;
  customer_email: string | null;
}

/**
 * Who wrote, when Mirakl gave no name: the store names a customer after their order (OR11)
 * once it is known; until then, and for other senders, their role.
 */
const UNNAMED: Record<string, string> = { CUSTOMER_USER: 'Customer', OPERATOR_USER: 'Marketplace operator', SHOP_USER: 'Shop' };
const UNNAMED_CUSTOMER = 'Customer';

export function toConversation(row: ConversationWithCustomer): Conversation {
  return {
    id: row.id,
    accountId: row.account_id,
    miraklThreadId: row.mirakl_thread_id,
    subject: row.subject,
    topic: { type: row.topic_type, value: row.topic_value },
    customer:
      row.customer_id !== null && row.customer_mirakl_id !== null
        ? { id: row.customer_id, miraklId: row.customer_mirakl_id, name: row.customer_name || UNNAMED_CUSTOMER, email: row.customer_email }
        : null,
    orderId: row.order_id,
    lastMessageAt: iso(row.last_message_at),
    lastMessagePreview: row.last_message_preview,
    messageCount: row.message_count,
    unreadCount: row.unread_count,
    // Marked done here: nobody waits any more, as far as this inbox is concerned.
    replyNeededSince: row.done_at === null ? isoOrNull(row.reply_needed_since) : null,
    snooze: row.snoozed_at === null ? null : { since: iso(row.snoozed_at), until: isoOrNull(row.snooze_until), wakeAt: isoOrNull(row.snooze_wake_at) },
    doneAt: isoOrNull(row.done_at),
  };
}

export function toAttachment(row: Pick<AttachmentRow, 'id' | 'name' | 'size'>): Attachment {
  return { id: row.id, name: row.name, size: row.size };
}

export function toOutboxFile(row: Pick<OutboxFileRow, 'id' | 'name' | 'size' | 'content_type'>): OutboxFile {
  return { id: row.id, name: row.name, size: row.size, contentType: row.content_type };
}

/** Until Mirakl's own copies of a reply's files are synced, the reply shows the files it was sent with. */
export function toMessage(
  row: MessageRow,
  attachments: readonly Pick<AttachmentRow, 'id' | 'name' | 'size'>[],
  outboxFiles: readonly Pick<OutboxFileRow, 'id' | 'name' | 'size' | 'content_type'>[] = [],
): Message {
  return {
    id: row.id,
    miraklMessageId: row.mirakl_message_id,
    conversationId: row.conversation_id,
    direction: row.direction,
    sender: { type: row.sender_type, name: row.sender_name || (UNNAMED[row.sender_type] ?? 'Unknown sender') },
    body: row.body,
    bodyText: row.body_text,
    sentAt: iso(row.sent_at),
    status: row.status,
    error: row.error,
    attachments: attachments.map(toAttachment),
    outboxFiles: attachments.length > 0 ? [] : outboxFiles.map(toOutboxFile),
  };
}

export function toOrderSummary(row: OrderRow): OrderSummary {
  return {
    orderId: row.mirakl_order_id,
    state: row.state,
    customerName: row.customer_name,
    customerEmail: row.customer_email,
    currency: row.currency,
    totalPrice: row.total_price,
    shippingPrice: row.shipping_price,
    lines: parseLines(row.lines_json),
    trackingNumber: row.tracking_number,
    trackingUrl: row.tracking_url,
    carrier: row.carrier,
    createdAt: isoOrNull(row.mirakl_created_at),
    commercialId: row.commercial_id,
    customerFirstName: row.customer_firstname,
    customerLastName: row.customer_lastname,
    customerLocale: row.customer_locale,
  };
}

export function toAccountSummary(row: Pick<Account, 'id' | 'name' | 'shop_name' | 'is_demo'>): AccountSummary {
  return { id: row.id, name: row.name, shopName: row.shop_name, isDemo: row.is_demo === 1 };
}

/** The API key itself never leaves: only whether one is available. */
export function toConnection(row: Account, keySource: Connection['keySource']): Connection {
  return {
    id: row.id,
    name: row.name,
    baseUrl: row.base_url,
    shopId: row.shop_id,
    isDemo: row.is_demo === 1,
    hasApiKey: keySource !== 'none',
    keySource,
  };
}

/** lines_json is written by db/orders from OR11; a damaged value shows no lines rather than failing the conversation. */
function parseLines(json: string): OrderLine[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((value: unknown): OrderLine[] => {
    if (typeof value !== 'object' || value === null) return [];
    const line = value as Record<string, unknown>;
    return [
      {
        id: String(line.id ?? ''),
        title: typeof line.title === 'string' ? line.title : '',
        sku: typeof line.sku === 'string' ? line.sku : null,
        quantity: typeof line.quantity === 'number' ? line.quantity : 0,
        unitPrice: typeof line.unitPrice === 'number' ? line.unitPrice : null,
        total: typeof line.total === 'number' ? line.total : null,
        state: typeof line.state === 'string' ? line.state : null,
      },
    ];
  });
}
