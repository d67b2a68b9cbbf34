// Reading the inbox: the list (newest message first, keyset-paged, filtered, searched),
// the counts of each filter, one conversation, an order's conversations; marking read.
// Every list walks an index in (last_message_at DESC, id DESC) order, so a page costs
// the same on the first screen and the thousandth: no OFFSET, no sort of the table.
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { ConversationWithCustomer } from './contract-mapping';
import type { Store } from './open';
import type { Database } from './schema';

export interface ConversationFilter {
  accountId?: number;
  orderId?: string;
  /** Only conversations awaiting the shop's answer (true); false or absent: no filter. */
  replyNeeded?: boolean;
  /** Only conversations with unread messages (true); false or absent: no filter. */
  unread?: boolean;
  /** true: only snoozed conversations; false: none of them; absent: no filter. */
  snoozed?: boolean;
  /** FTS5 terms from toSearchTerms(), all required; absent or empty: no search. */
  searchTerms?: readonly string[];
  /** Terms found in so many messages that walking the list beats collecting their matches (see classifySearchTerms). */
  commonTerms?: ReadonlySet<string>;
}

/** Where a page ends: the next page starts strictly after this (last_message_at, id). */
export interface ListPosition {
  lastMessageAt: number;
  id: number;
}

export interface ConversationListPage {
  rows: ConversationWithCustomer[];
  /** Null on the last page. */
  next: ListPosition | null;
}

export interface ConversationCountRow {
  /** Not snoozed. */
  all: number;
  /** Awaiting a reply, not snoozed, not marked done. */
  replyNeeded: number;
  /** Unread, not snoozed. */
  unread: number;
  snoozed: number;
}

/** Longest list of one order's conversations returned (an order has a handful). */
const ORDER_CONVERSATIONS_MAX = 500;

/**
 * Conversations with their customer. The customer's e-mail is the one of the thread's own
 * order: Mirakl gives an address per order (OR11's customer_notification_email, often a
 * relay unique to the order), never one per customer.
 */
export function selectConversations(db: Kysely<Database>) {
  return db
    .selectFrom('conversations as c')
    .leftJoin('customers as cu', 'cu.id', 'c.customer_id')
    .leftJoin('orders as o', (join) => join.onRef('o.account_id', '=', 'c.account_id').onRef('o.mirakl_order_id', '=', 'c.order_id'))
    .selectAll('c')
    .select(['cu.mirakl_customer_id as customer_mirakl_id', 'cu.name as customer_name', 'o.customer_email as customer_email']);
}

/**
 * A conversation matches a term when its subject, customer name or order id does, or any
 * of its messages. Two plans for the same predicate:
 * - a rare term: collect the few conversations its messages belong to, then page them;
 * - a common term (thousands of messages): walk the list newest first and test each
 *   conversation's messages, stopping as soon as the page is full. Collecting every match
 *   first would cost hundreds of milliseconds for a word in half the inbox.
 */
function matchesTerm(term: string, common: boolean) {
  if (common) {
    return sql<SqlBool>`(c.id IN (SELECT rowid FROM conversations_fts WHERE conversations_fts MATCH ${term})
      OR EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id
                 AND m.id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ${term})))`;
  }
  return sql<SqlBool>`c.id IN (
    SELECT rowid FROM conversations_fts WHERE conversations_fts MATCH ${term}
    UNION
    SELECT m.conversation_id FROM messages m WHERE m.id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ${term}))`;
}

/** Messages matching a term beyond which the term counts as common. */
const COMMON_TERM_MATCHES = 2_000;

/** Whether at least COMMON_TERM_MATCHES messages match an FTS5 term; counting stops there. */
async function hasManyMatches(db: Kysely<Database>, term: string): Promise<boolean> {
  const result = await sql<{ n: number }>`SELECT count(*) AS n FROM (
    SELECT rowid FROM messages_fts WHERE messages_fts MATCH ${term} LIMIT ${COMMON_TERM_MATCHES})`.execute(db);
  return (result.rows[0]?.n ?? 0) >= COMMON_TERM_MATCHES;
}

/**
 * Which search terms are common enough for the walking plan. A prefix term (`"word"*`) is
 * first judged by its whole word: a prefix matches at least what its word matches, and
 * FTS5 answers a whole word from one doclist, where a prefix merges the doclists of every
 * word it starts (milliseconds for a common one, even to count the first few matches).
 */
export async function classifySearchTerms(db: Kysely<Database>, terms: readonly string[]): Promise<Set<string>> {
  const common = new Set<string>();
  for (const term of terms) {
    const wholeWord = term.endsWith('*') ? term.slice(0, -1) : null;
    if ((wholeWord !== null && (await hasManyMatches(db, wholeWord))) || (await hasManyMatches(db, term))) common.add(term);
  }
  return common;
}

/**
 * The list query, exposed so tests can EXPLAIN it. The filters are written as literal SQL
 * (`IS NOT NULL`, `> 0`) because SQLite only uses a partial index when the query's WHERE
 * clause spells out the index's condition, which a bound parameter does not.
 */
export function conversationListQuery(db: Kysely<Database>, filter: ConversationFilter, after: ListPosition | null, limit: number) {
  let query = selectConversations(db);
  if (filter.accountId !== undefined) query = query.where('c.account_id', '=', filter.accountId);
  if (filter.orderId !== undefined) query = query.where('c.order_id', '=', filter.orderId);
  // Marked done here: no longer awaiting a reply, whatever Mirakl's clock says.
  if (filter.replyNeeded) query = query.where(sql<SqlBool>`c.reply_needed_since IS NOT NULL`).where(sql<SqlBool>`c.done_at IS NULL`);
  if (filter.unread) query = query.where(sql<SqlBool>`c.unread_count > 0`);
  if (filter.snoozed === true) query = query.where(sql<SqlBool>`c.snoozed_at IS NOT NULL`);
  if (filter.snoozed === false) query = query.where(sql<SqlBool>`c.snoozed_at IS NULL`);
  for (const term of filter.searchTerms ?? []) query = query.where(matchesTerm(term, filter.commonTerms?.has(term) ?? false));
  if (after) query = query.where(sql<SqlBool>`(c.last_message_at, c.id) < (${after.lastMessageAt}, ${after.id})`);
  return query.orderBy('c.last_message_at', 'desc').orderBy('c.id', 'desc').limit(limit);
}

export async function listConversations(
  db: Kysely<Database>,
  filter: ConversationFilter,
  after: ListPosition | null,
  limit: number,
): Promise<ConversationListPage> {
  const terms = filter.searchTerms ?? [];
  const planned = terms.length > 0 && !filter.commonTerms ? { ...filter, commonTerms: await classifySearchTerms(db, terms) } : filter;
  // One row more than asked tells whether another page exists without counting.
  const rows = await conversationListQuery(db, planned, after, limit + 1).execute();
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const last = page.at(-1);
  return { rows: page, next: hasMore && last ? { lastMessageAt: last.last_message_at, id: last.id } : null };
}

/**
 * How many conversations each inbox filter holds; each count reads the smallest index that
 * answers it. Snoozed ones are few: they are counted through their own partial index and
 * taken off the totals, rather than tested row by row across the whole table.
 */
export async function countConversations(db: Kysely<Database>, accountId?: number): Promise<ConversationCountRow> {
  const account = accountId === undefined ? sql`` : sql` AND account_id = ${accountId}`;
  const result = await sql<{ total: number; snoozed: number; replyNeeded: number; unread: number; snoozedUnread: number }>`SELECT
      (SELECT count(*) FROM conversations WHERE 1 = 1${account}) AS "total",
      (SELECT count(*) FROM conversations WHERE snoozed_at IS NOT NULL${account}) AS "snoozed",
      (SELECT count(*) FROM conversations WHERE reply_needed_since IS NOT NULL AND done_at IS NULL AND snoozed_at IS NULL${account}) AS "replyNeeded",
      (SELECT count(*) FROM conversations WHERE unread_count > 0${account}) AS "unread",
      (SELECT count(*) FROM conversations WHERE snoozed_at IS NOT NULL AND unread_count > 0${account}) AS "snoozedUnread"`.execute(db);
  const row = result.rows[0];
  if (!row) return { all: 0, replyNeeded: 0, unread: 0, snoozed: 0 };
  return {
    all: Number(row.total) - Number(row.snoozed),
    replyNeeded: Number(row.replyNeeded),
    unread: Number(row.unread) - Number(row.snoozedUnread),
    snoozed: Number(row.snoozed),
  };
}

export async function findConversation(db: Kysely<Database>, id: number): Promise<ConversationWithCustomer | undefined> {
  return selectConversations(db).where('c.id', '=', id).executeTakeFirst();
}

/** Several conversations by id, in no particular order (for live events). */
export async function conversationsByIds(db: Kysely<Database>, ids: readonly number[]): Promise<ConversationWithCustomer[]> {
  if (ids.length === 0) return [];
  return selectConversations(db).where('c.id', 'in', [...ids]).execute();
}

export async function listOrderConversations(db: Kysely<Database>, orderId: string, accountId?: number): Promise<ConversationWithCustomer[]> {
  return conversationListQuery(db, accountId === undefined ? { orderId } : { orderId, accountId }, null, ORDER_CONVERSATIONS_MAX).execute();
}

/** Accounts whose conversations or stored orders mention this order id. */
export async function accountsOfOrder(db: Kysely<Database>, orderId: string): Promise<number[]> {
  const rows = await db
    .selectFrom('conversations')
    .select('account_id')
    .where('order_id', '=', orderId)
    .union(db.selectFrom('orders').select('account_id').where('mirakl_order_id', '=', orderId))
    .execute();
  return rows.map((r) => r.account_id);
}

/** Returns false when the conversation does not exist. */
export function markConversationRead(store: Store, id: number, now: number): boolean {
  return store.transaction(() => {
    const exists = store.sqlite.prepare('SELECT 1 FROM conversations WHERE id = ?').get(id) !== undefined;
    if (exists) store.sqlite.prepare('UPDATE conversations SET unread_count = 0, updated_at = ? WHERE id = ? AND unread_count != 0').run(now, id);
    return exists;
  });
}
