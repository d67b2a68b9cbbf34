// The store's tables, in one place. Times are integers (milliseconds since the
// epoch, UTC): compact, unambiguous, and they sort and compare as numbers.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface AccountsTable {
  id: Generated<number>;
  /** Display name, e.g. "Best Buy Canada". */
  name: string;
  base_url: string;
  /** Mirakl shop id when one key reaches several shops; null uses the key's default shop. */
  shop_id: string | null;
  /** API key as stored: plain for the CLI's own accounts, or sealed by the desktop shell. */
  api_key: string | null;
  /** 1 for the embedded demo Mirakl. */
  is_demo: ColumnType<number, number | undefined, number>;
  created_at: number;
  updated_at: number;
}

export interface CustomersTable {
  id: Generated<number>;
  account_id: number;
  mirakl_customer_id: string;
  name: string;
  email: string | null;
  created_at: number;
  updated_at: number;
}

export interface ConversationsTable {
  id: Generated<number>;
  account_id: number;
  mirakl_thread_id: string;
  customer_id: number | null;
  /** Mirakl order id, from the thread's MMP_ORDER entity. */
  order_id: string | null;
  subject: string;
  topic_type: string;
  last_message_at: number;
  last_message_preview: string;
  message_count: number;
  unread_count: number;
  /** From Mirakl's metadata.shop_reply_needed_since; null once the shop replied. */
  reply_needed_since: number | null;
  /** Mirakl's date_updated as last seen: tells whether a re-delivered thread changed. */
  mirakl_updated_at: number;
  created_at: number;
  updated_at: number;
}

export interface MessagesTable {
  id: Generated<number>;
  account_id: number;
  conversation_id: number;
  /** Null for a reply not yet accepted by Mirakl. */
  mirakl_message_id: string | null;
  direction: 'inbound' | 'outbound';
  /** Mirakl's from.type as sent (CUSTOMER_USER, SHOP_USER, OPERATOR_USER, or a newer value). */
  sender_type: string;
  sender_name: string;
  /** The body exactly as Mirakl holds it (often raw HTML from an e-mail client). */
  body: string;
  /** Readable plain text made from body: what previews, search and the UI use. */
  body_text: string;
  sent_at: number;
  status: 'delivered' | 'pending' | 'failed';
  error: string | null;
  created_at: number;
}

export interface AttachmentsTable {
  id: Generated<number>;
  message_id: number;
  mirakl_attachment_id: string;
  name: string;
  size: number;
}

export interface OrdersTable {
  id: Generated<number>;
  account_id: number;
  mirakl_order_id: string;
  state: string;
  customer_mirakl_id: string | null;
  customer_name: string | null;
  customer_email: string | null;
  currency: string | null;
  total_price: number | null;
  shipping_price: number | null;
  /** JSON array of OrderLine (src-shared): product, sku, quantity, price, state. */
  lines_json: string;
  tracking_number: string | null;
  tracking_url: string | null;
  carrier: string | null;
  mirakl_created_at: number | null;
  fetched_at: number;
}

export interface SyncStateTable {
  account_id: number;
  /** High-water mark: the next pass asks for threads updated since this (ms). Null before the first pass. */
  cursor: number | null;
  /** Lower bound for a first sync, set by --since or the app's setting. */
  initial_since: number | null;
  last_success_at: number | null;
  last_error: string | null;
  last_error_at: number | null;
}

export interface Database {
  accounts: AccountsTable;
  customers: CustomersTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  attachments: AttachmentsTable;
  orders: OrdersTable;
  sync_state: SyncStateTable;
}

export type Account = Selectable<AccountsTable>;
export type NewAccount = Insertable<AccountsTable>;
export type AccountUpdate = Updateable<AccountsTable>;
export type Customer = Selectable<CustomersTable>;
export type ConversationRow = Selectable<ConversationsTable>;
export type MessageRow = Selectable<MessagesTable>;
export type AttachmentRow = Selectable<AttachmentsTable>;
export type OrderRow = Selectable<OrdersTable>;
export type SyncStateRow = Selectable<SyncStateTable>;
