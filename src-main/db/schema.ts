// The store's tables, in one place. Times are integers (milliseconds since the
// epoch, UTC): compact, unambiguous, and they sort and compare as numbers.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface AccountsTable {
  id: Generated<number>;
  /** Display name of the marketplace, e.g. "Best Buy Canada". */
  name: string;
  /** The seller's shop name on it (A01's shop_name), which signs replies written here; null until A01 answered. */
  shop_name: ColumnType<string | null, string | null | undefined, string | null>;
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
  /** What is shown: the topic's text, or its reason code's label (see mirakl/topic-subject). */
  subject: string;
  /** Mirakl's topic.type: FREE_TEXT, REASON_CODE, or a newer value. */
  topic_type: string;
  /** Mirakl's topic.value as sent: the text, or the reason code ("20"). */
  topic_value: ColumnType<string, string | undefined, string>;
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
  /** Snoozed since (local state, never sent to Mirakl); a message received after it ends the snooze. */
  snoozed_at: ColumnType<number | null, number | null | undefined, number | null>;
  /** The time the snooze was asked until; null: until the customer writes. */
  snooze_until: ColumnType<number | null, number | null | undefined, number | null>;
  /** When it comes back: snooze_until, or earlier to answer before the 24-hour mark; null: only on a message. */
  snooze_wake_at: ColumnType<number | null, number | null | undefined, number | null>;
  /** Marked done here (Mirakl has no seller API to clear "reply needed"); a message received after it ends it. */
  done_at: ColumnType<number | null, number | null | undefined, number | null>;
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
  /** Where the M13 download is cached on disk; null until first opened. */
  local_path: ColumnType<string | null, string | null | undefined, string | null>;
  /** Content type of the cached file (Mirakl's, or guessed from the name). */
  content_type: ColumnType<string | null, string | null | undefined, string | null>;
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
  /** OR11's commercial_id: the order number the customer knows. */
  commercial_id: ColumnType<string | null, string | null | undefined, string | null>;
  customer_firstname: ColumnType<string | null, string | null | undefined, string | null>;
  customer_lastname: ColumnType<string | null, string | null | undefined, string | null>;
  /** OR11's customer.locale (e.g. fr_FR): which language a saved reply is picked in. */
  customer_locale: ColumnType<string | null, string | null | undefined, string | null>;
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
  /** When the connection's reason labels (RE02) were last fetched; null: never. */
  reasons_fetched_at: ColumnType<number | null, number | null | undefined, number | null>;
}

/** A connection's labels of REASON_CODE topics (RE02, type MESSAGING), in the shop's locale. */
export interface MessageReasonsTable {
  account_id: number;
  code: string;
  label: string;
  fetched_at: number;
}

/**
 * A thread Mirakl sent that does not match the contract. Kept as sent, with why, and asked
 * for again (M10) on every pass until it can be read; then stored and removed from here.
 */
export interface StuckThreadsTable {
  account_id: number;
  /** The Mirakl thread id, or, for an entry without one, "unidentified:" and a hash of what was sent. */
  thread_key: string;
  /** Null when Mirakl sent no usable id: it cannot be asked for again. */
  mirakl_thread_id: string | null;
  /** Where it departs from the contract, e.g. "messages.3.date_created: Invalid ISO datetime". */
  reason: string;
  /** JSON, as Mirakl sent it. */
  raw: string;
  /** First seen unreadable. */
  since: number;
  last_attempt_at: number;
  attempts: ColumnType<number, number | undefined, number>;
}

export type OutboxOutcome = 'started' | 'unknown' | 'transient' | 'refused';

/** A reply not yet accepted by Mirakl (its message row is pending, or failed when refused). */
export interface OutboxTable {
  message_id: number;
  recipient: 'customer' | 'operator';
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: number;
  /** When the last attempt started. */
  last_attempt_at: number | null;
  /**
   * null: never attempted; started: M12 sent, outcome not recorded (the process died);
   * unknown: M12 may have reached Mirakl; transient: it did not (e.g. 429); refused: 4xx.
   */
  last_outcome: OutboxOutcome | null;
  /** Start of the first attempt whose outcome is unknown: the thread is read (M10) before posting again. */
  unknown_since: number | null;
  /** The process working on the row ("host:pid:random"), until lease_until. */
  lease_owner: string | null;
  lease_until: number | null;
  created_at: number;
}

/** A customer's wait for the shop's answer (see db/waits.ts). */
export interface WaitsTable {
  conversation_id: number;
  account_id: number;
  started_at: number;
  /** Null while the customer still waits. */
  ended_at: number | null;
}

/** A connection's response target; no row: the default (24 hours, every hour counting, 30 days). */
export interface ResponseTargetsTable {
  account_id: number;
  target_seconds: number;
  warning_seconds: number | null;
  scoring_window_days: number;
  /** JSON BusinessHours (src-shared/response-target); null: every hour counts. */
  business_hours: string | null;
  preset: string | null;
  updated_at: number;
}

export interface SavedRepliesTable {
  id: Generated<number>;
  name: string;
  /** May hold {{variables}} and {{ask:Field}} (src-shared/saved-reply-template). */
  body: string;
  /** 'fr', 'en', …; null: any language. */
  language: string | null;
  /** A marketplace's own reply; null: every marketplace. */
  account_id: number | null;
  position: number;
  created_at: number;
  updated_at: number;
}

/** A file a client sent, waiting for a reply or a new thread to take it (a day at most). */
export interface UploadsTable {
  id: Generated<number>;
  name: string;
  size: number;
  content_type: string;
  /** Relative to the data folder. */
  path: string;
  created_at: number;
}

/** A reply's own copy of a file, written before the reply is stored; sent with every attempt. */
export interface OutboxFilesTable {
  id: Generated<number>;
  message_id: number;
  position: number;
  name: string;
  size: number;
  content_type: string;
  /** Relative to the data folder. */
  path: string;
  created_at: number;
}

/** An order's document as OR72 lists it; its bytes cached after the first OR73 download. */
export interface OrderDocumentsTable {
  id: Generated<number>;
  account_id: number;
  mirakl_document_id: string;
  order_id: string;
  file_name: string;
  file_size: number | null;
  /** Mirakl's document type code (CUSTOMER_INVOICE, SYSTEM_DELIVERY_BILL, …). */
  type: string;
  uploaded_at: number | null;
  /** Relative to the data folder; null until downloaded. */
  local_path: ColumnType<string | null, string | null | undefined, string | null>;
  content_type: ColumnType<string | null, string | null | undefined, string | null>;
  /** When OR72 last listed it. */
  fetched_at: number;
}

export interface SettingsTable {
  key: string;
  /** JSON. */
  value: string;
  updated_at: number;
}

/** FTS5 tables (search only through MATCH; listed so typed queries can name them). */
export interface MessagesFtsTable {
  rowid: number;
  body_text: string;
}

export interface ConversationsFtsTable {
  rowid: number;
  subject: string;
  customer_name: string | null;
  order_id: string | null;
  /** The names of the conversation's attachments, one per line. */
  attachment_names: string | null;
}

/** Each conversation's order id in trigrams (rowid = the conversation's id): any part of three characters or more matches. */
export interface OrderIdsFtsTable {
  rowid: number;
  order_id: string;
}

export interface Database {
  accounts: AccountsTable;
  customers: CustomersTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  attachments: AttachmentsTable;
  orders: OrdersTable;
  sync_state: SyncStateTable;
  outbox: OutboxTable;
  settings: SettingsTable;
  message_reasons: MessageReasonsTable;
  stuck_threads: StuckThreadsTable;
  waits: WaitsTable;
  response_targets: ResponseTargetsTable;
  saved_replies: SavedRepliesTable;
  uploads: UploadsTable;
  outbox_files: OutboxFilesTable;
  order_documents: OrderDocumentsTable;
  messages_fts: MessagesFtsTable;
  conversations_fts: ConversationsFtsTable;
  order_ids_fts: OrderIdsFtsTable;
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
export type OutboxRow = Selectable<OutboxTable>;
export type StuckThreadRow = Selectable<StuckThreadsTable>;
export type SavedReplyRow = Selectable<SavedRepliesTable>;
export type UploadRow = Selectable<UploadsTable>;
export type OutboxFileRow = Selectable<OutboxFilesTable>;
export type OrderDocumentRow = Selectable<OrderDocumentsTable>;
