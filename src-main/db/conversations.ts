// Reading the inbox: the list (newest message first, keyset-paged, filtered, searched),
// the counts of each filter, one conversation, an order's conversations; marking read.
// Every list walks an index in (last_message_at DESC, id DESC) order, so a page costs
// the same on the first screen and the thousandth: no OFFSET, no sort of the table.
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { ConversationWithCustomer } from './contract-mapping';
import { dialectOf } from './dialect';
import { toTsQuery } from './search-query';
import type { Database } from './schema';

export interface ConversationFilter {
  accountId?: number;
  orderId?: string;
  /** Only conversations awaiting the shop's answer (true); false or absent: no filter. */
  replyNeeded?: boolean;
  /** Only conversations with unread messages (true); false or absent: no filter. */
  unread?: boolean;
  /** Terms from toSearchTerms(), all required; absent or empty: no search. */
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
  all: number;
  replyNeeded: number;
  unread: number;
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
function matchesTerm(db: Kysely<Database>, term: string, common: boolean) {
  if (dialectOf(db) === 'postgres') return matchesTermOnPostgres(term, common);
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

/**
 * The same two plans on PostgreSQL, over GIN indexes on cs_search_vector() of the same
 * texts (migration 0002): subject and order id, the customer's name, each message's text.
 */
function matchesTermOnPostgres(term: string, common: boolean) {
  const query = tsQuery(term);
  if (common) {
    return sql<SqlBool>`(cs_search_vector(c.subject || ' ' || coalesce(c.order_id, '')) @@ ${query}
      OR c.customer_id IN (SELECT cu.id FROM customers cu WHERE cs_search_vector(cu.name) @@ ${query})
      OR EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND cs_search_vector(m.body_text) @@ ${query}))`;
  }
  // One IN over a union: each branch is a bitmap scan of its GIN index (an OR of the three
  // would test every conversation of the list in turn instead).
  return sql<SqlBool>`c.id IN (
    SELECT id FROM conversations WHERE cs_search_vector(subject || ' ' || coalesce(order_id, '')) @@ ${query}
    UNION ALL
    SELECT cc.id FROM customers cu JOIN conversations cc ON cc.customer_id = cu.id WHERE cs_search_vector(cu.name) @@ ${query}
    UNION ALL
    SELECT m.conversation_id FROM messages m WHERE cs_search_vector(m.body_text) @@ ${query})`;
}

function tsQuery(term: string): RawBuilder<unknown> {
  return sql`to_tsquery('cs_search', ${toTsQuery(term)})`;
}

/** Messages matching a term beyond which the term counts as common. */
const COMMON_TERM_MATCHES = 2_000;

/** Whether at least COMMON_TERM_MATCHES messages match an FTS5 term; counting stops there. */
async function hasManyMatches(db: Kysely<Database>, term: string): Promise<boolean> {
  const matches =
    dialectOf(db) === 'postgres'
      ? sql`SELECT 1 FROM messages WHERE cs_search_vector(body_text) @@ ${tsQuery(term)} LIMIT ${COMMON_TERM_MATCHES}`
      : sql`SELECT rowid FROM messages_fts WHERE messages_fts MATCH ${term} LIMIT ${COMMON_TERM_MATCHES}`;
  const result = await sql<{ n: number }>`SELECT count(*) AS n FROM (${matches}) AS found`.execute(db);
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
  if (filter.replyNeeded) query = query.where(sql<SqlBool>`c.reply_needed_since IS NOT NULL`);
  if (filter.unread) query = query.where(sql<SqlBool>`c.unread_count > 0`);
  for (const term of filter.searchTerms ?? []) query = query.where(matchesTerm(db, term, filter.commonTerms?.has(term) ?? false));
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

/** How many conversations each inbox filter holds; each count reads the smallest index that answers it. */
export async function countConversations(db: Kysely<Database>, accountId?: number): Promise<ConversationCountRow> {
  const account = accountId === undefined ? sql`` : sql` AND account_id = ${accountId}`;
  const result = await sql<ConversationCountRow>`SELECT
      (SELECT count(*) FROM conversations WHERE 1 = 1${account}) AS "all",
      (SELECT count(*) FROM conversations WHERE reply_needed_since IS NOT NULL${account}) AS "replyNeeded",
      (SELECT count(*) FROM conversations WHERE unread_count > 0${account}) AS "unread"`.execute(db);
  return result.rows[0] ?? { all: 0, replyNeeded: 0, unread: 0 };
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
export async function markConversationRead(db: Kysely<Database>, id: number, now: number): Promise<boolean> {
  // One statement: the row is rewritten only when it had unread messages.
  const row = await db
    .updateTable('conversations')
    .set({ unread_count: 0, updated_at: sql<number>`CASE WHEN unread_count != 0 THEN ${now} ELSE updated_at END` })
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}
