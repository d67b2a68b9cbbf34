// Reading the inbox: the list (newest message first, or longest waiting first; keyset-paged,
// filtered, searched), the counts of each filter, one conversation, an order's
// conversations; marking read. Every list walks an index in its order ((last_message_at
// DESC, id DESC), or (reply_needed_since, id) for the waiting), so a page costs the same on
// the first screen and the thousandth: no OFFSET, no sort of the table.
import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { ConversationWithCustomer } from './contract-mapping';
import { dialectOf } from './dialect';
import { hasOpenWaitIn, type OpenWaitRange } from './response-stats';
import type { Database } from './schema';
import { orderIdFragment } from './search-query';
import { conversationIdsWithOrderFragment, messageIdsWith, orderIdHolds, tsQuery } from './search-sql';

/** `recent`: newest activity first. `waiting`: only conversations awaiting a reply, the one waiting longest first. */
export type ListSort = 'recent' | 'waiting';

export interface ConversationFilter {
  accountId?: number;
  orderId?: string;
  /** Only conversations awaiting the shop's answer (true); false or absent: no filter. */
  replyNeeded?: boolean;
  /** Only conversations with unread messages (true); false or absent: no filter. */
  unread?: boolean;
  /** true: only snoozed conversations; false: none of them; absent: no filter. */
  snoozed?: boolean;
  /** Terms from toSearchTerms(), all required; absent or empty: no search. */
  searchTerms?: readonly string[];
  /** Terms found in so many messages that walking the list beats collecting their matches (see classifySearchTerms). */
  commonTerms?: ReadonlySet<string>;
  /** The list's order (default `recent`). */
  sort?: ListSort;
  /** Only conversations whose open wait started in one of these ranges (the cockpit's age and breach filters). */
  openWaitRanges?: readonly OpenWaitRange[];
}

/** Where a page ends: the next page starts strictly after this (sort key, id): last_message_at, or reply_needed_since when waiting. */
export interface ListPosition {
  sortKey: number;
  id: number;
}

/** A searched count stops here: beyond it, "500+" says enough and counting on would cost a walk of the whole inbox. */
export const SEARCH_COUNT_LIMIT = 500;

export interface SearchCount {
  /** Conversations matching, up to SEARCH_COUNT_LIMIT. */
  count: number;
  /** False when the count stopped at the limit (there are at least that many). */
  exact: boolean;
}

export interface ConversationListPage {
  rows: ConversationWithCustomer[];
  /** Null on the last page. */
  next: ListPosition | null;
  /** A search's first page: how many conversations match. Null otherwise. */
  total: SearchCount | null;
  /** The search terms found in thousands of messages (empty without a search): how the search was run. */
  commonTerms: ReadonlySet<string>;
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

/** The counts among a search's results. */
export interface SearchCountRow extends ConversationCountRow {
  /** The same counts per connection that has results. */
  accounts: Array<ConversationCountRow & { accountId: number }>;
  /** False when the search matched more than SEARCH_COUNT_LIMIT conversations: the counts are of the newest ones, lower bounds. */
  exact: boolean;
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
 * A conversation matches a term when its subject, customer name, order id or attachment
 * names do, or any of its messages; a word with a digit also matches inside its order id.
 * Two plans for the same predicate:
 * - a rare term: collect the few conversations its messages belong to, then page them;
 * - a common term (thousands of messages): walk the list in its order and test each
 *   conversation's messages, stopping as soon as the page is full. Collecting every match
 *   first would cost hundreds of milliseconds for a word in half the inbox.
 */
function matchesTerm(db: Kysely<Database>, term: string, common: boolean) {
  if (dialectOf(db) === 'postgres') return matchesTermOnPostgres(db, term, common);
  const fragment = orderIdFragment(term);
  if (common) {
    // Walking: the order id is right there on the row, no index needed.
    const inOrderId = fragment === null ? sql`` : sql` OR ${orderIdHolds(db, 'c.order_id', fragment)}`;
    return sql<SqlBool>`(c.id IN (SELECT rowid FROM conversations_fts WHERE conversations_fts MATCH ${term})${inOrderId}
      OR EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id
                 AND m.id IN (${messageIdsWith(db, term)})))`;
  }
  const inOrderIds = fragment === null ? sql`` : sql`
    UNION
    ${conversationIdsWithOrderFragment(db, fragment)}`;
  return sql<SqlBool>`c.id IN (
    SELECT rowid FROM conversations_fts WHERE conversations_fts MATCH ${term}
    UNION
    SELECT m.conversation_id FROM messages m WHERE m.id IN (${messageIdsWith(db, term)})${inOrderIds})`;
}

/**
 * The same two plans on PostgreSQL, over GIN indexes on cs_search_vector() of the same
 * texts (migrations 0002, 0006): subject and order id, the customer's name, each message's
 * text, each attachment's name; and pg_trgm's index of the order ids.
 */
function matchesTermOnPostgres(db: Kysely<Database>, term: string, common: boolean) {
  const query = tsQuery(term);
  const fragment = orderIdFragment(term);
  const attachmentsMatching = sql`SELECT m.conversation_id FROM attachments a JOIN messages m ON m.id = a.message_id WHERE cs_search_vector(a.name) @@ ${query}`;
  if (common) {
    const inOrderId = fragment === null ? sql`` : sql` OR ${orderIdHolds(db, 'c.order_id', fragment)}`;
    return sql<SqlBool>`(cs_search_vector(c.subject || ' ' || coalesce(c.order_id, '')) @@ ${query}${inOrderId}
      OR c.customer_id IN (SELECT cu.id FROM customers cu WHERE cs_search_vector(cu.name) @@ ${query})
      OR c.id IN (${attachmentsMatching})
      OR EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND cs_search_vector(m.body_text) @@ ${query}))`;
  }
  // One IN over a union: each branch is a bitmap scan of its GIN index (an OR of them
  // would test every conversation of the list in turn instead).
  const inOrderIds = fragment === null ? sql`` : sql`
    UNION ALL
    ${conversationIdsWithOrderFragment(db, fragment)}`;
  return sql<SqlBool>`c.id IN (
    SELECT id FROM conversations WHERE cs_search_vector(subject || ' ' || coalesce(order_id, '')) @@ ${query}
    UNION ALL
    SELECT cc.id FROM customers cu JOIN conversations cc ON cc.customer_id = cu.id WHERE cs_search_vector(cu.name) @@ ${query}
    UNION ALL
    SELECT m.conversation_id FROM messages m WHERE cs_search_vector(m.body_text) @@ ${query}
    UNION ALL
    ${attachmentsMatching}${inOrderIds})`;
}

/** Messages matching a term beyond which the term counts as common. */
const COMMON_TERM_MATCHES = 2_000;

/** Whether at least COMMON_TERM_MATCHES rows match (message ids, or conversation ids by order id); counting stops there. */
async function hasManyMatches(db: Kysely<Database>, matches: RawBuilder<number>): Promise<boolean> {
  const result = await sql<{ n: number }>`SELECT count(*) AS n FROM (${matches} LIMIT ${COMMON_TERM_MATCHES}) AS found`.execute(db);
  return Number(result.rows[0]?.n ?? 0) >= COMMON_TERM_MATCHES;
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
    const fragment = orderIdFragment(term);
    if (
      (wholeWord !== null && (await hasManyMatches(db, messageIdsWith(db, wholeWord)))) ||
      (await hasManyMatches(db, messageIdsWith(db, term))) ||
      // "000" is in every order id: collecting them all would be the slow plan.
      (fragment !== null && (await hasManyMatches(db, conversationIdsWithOrderFragment(db, fragment))))
    ) {
      common.add(term);
    }
  }
  return common;
}

/** Adds the filter's conditions (on `conversations as c`) to a query: what the list and the searched counts share. */
function whereFiltered<QB extends SelectQueryBuilder<any, any, any>>(db: Kysely<Database>, query: QB, filter: ConversationFilter): QB {
  const conditions: Array<RawBuilder<SqlBool>> = [];
  if (filter.accountId !== undefined) conditions.push(sql<SqlBool>`c.account_id = ${filter.accountId}`);
  if (filter.orderId !== undefined) conditions.push(sql<SqlBool>`c.order_id = ${filter.orderId}`);
  // Marked done here: no longer awaiting a reply, whatever Mirakl's clock says.
  if (filter.replyNeeded || filter.sort === 'waiting') conditions.push(sql<SqlBool>`c.reply_needed_since IS NOT NULL`, sql<SqlBool>`c.done_at IS NULL`);
  if (filter.unread) conditions.push(sql<SqlBool>`c.unread_count > 0`);
  if (filter.snoozed === true) conditions.push(sql<SqlBool>`c.snoozed_at IS NOT NULL`);
  if (filter.snoozed === false) conditions.push(sql<SqlBool>`c.snoozed_at IS NULL`);
  if (filter.openWaitRanges) conditions.push(hasOpenWaitIn(filter.openWaitRanges));
  for (const term of filter.searchTerms ?? []) conditions.push(matchesTerm(db, term, filter.commonTerms?.has(term) ?? false));
  return conditions.reduce((q, condition) => q.where(condition) as QB, query);
}

/** Where a list order reads its sort key, and which way. */
function ordering(sort: ListSort | undefined) {
  return sort === 'waiting' ? { key: 'reply_needed_since' as const, direction: 'asc' as const } : { key: 'last_message_at' as const, direction: 'desc' as const };
}

/** Strictly after a page's last row, in the list's order. */
function afterPosition(sort: ListSort | undefined, after: ListPosition) {
  const { key, direction } = ordering(sort);
  return direction === 'desc'
    ? sql<SqlBool>`(${sql.ref(`c.${key}`)}, c.id) < (${after.sortKey}, ${after.id})`
    : sql<SqlBool>`(${sql.ref(`c.${key}`)}, c.id) > (${after.sortKey}, ${after.id})`;
}

/**
 * The list query, exposed so tests can EXPLAIN it. The filters are written as literal SQL
 * (`IS NOT NULL`, `> 0`) because SQLite only uses a partial index when the query's WHERE
 * clause spells out the index's condition, which a bound parameter does not.
 *
 * With `countMatches` (a search's first page), the walk goes on past the page up to
 * SEARCH_COUNT_LIMIT matches, in the same statement: each row then carries `match_count`.
 * A second statement would gather the search terms' matches a second time, which is most of
 * what a common word's search costs.
 */
export function conversationListQuery(db: Kysely<Database>, filter: ConversationFilter, after: ListPosition | null, limit: number, countMatches = false) {
  const { key, direction } = ordering(filter.sort);
  const position = after ? [afterPosition(filter.sort, after)] : [];
  if (!countMatches) {
    return position
      .reduce((q, condition) => q.where(condition), whereFiltered(db, selectConversations(db), filter))
      .select(sql<number | null>`NULL`.as('match_count'))
      .orderBy(`c.${key}`, direction)
      .orderBy('c.id', direction)
      .limit(limit);
  }
  return db
    .with('matched', (qb) =>
      position
        .reduce((q, condition) => q.where(condition), whereFiltered(db, qb.selectFrom('conversations as c'), filter))
        .select(['c.id', `c.${key} as sort_key`])
        .orderBy(`c.${key}`, direction)
        .orderBy('c.id', direction)
        .limit(SEARCH_COUNT_LIMIT),
    )
    .selectFrom('matched as mt')
    .innerJoin('conversations as c', 'c.id', 'mt.id')
    // As selectConversations: the customer, and the order for its e-mail.
    .leftJoin('customers as cu', 'cu.id', 'c.customer_id')
    .leftJoin('orders as o', (join) => join.onRef('o.account_id', '=', 'c.account_id').onRef('o.mirakl_order_id', '=', 'c.order_id'))
    .selectAll('c')
    .select(['cu.mirakl_customer_id as customer_mirakl_id', 'cu.name as customer_name', 'o.customer_email as customer_email'])
    .select(sql<number | null>`(SELECT count(*) FROM matched)`.as('match_count'))
    .orderBy('mt.sort_key', direction)
    .orderBy('mt.id', direction)
    .limit(limit);
}

export async function listConversations(
  db: Kysely<Database>,
  filter: ConversationFilter,
  after: ListPosition | null,
  limit: number,
): Promise<ConversationListPage> {
  const terms = filter.searchTerms ?? [];
  const planned = await withSearchPlan(db, filter);
  const countMatches = terms.length > 0 && after === null;
  // One row more than asked tells whether another page exists without counting.
  const rows = await conversationListQuery(db, planned, after, limit + 1, countMatches).execute();
  const hasMore = rows.length > limit;
  const page = (hasMore ? rows.slice(0, limit) : rows).map(({ match_count: _count, ...row }) => row);
  const last = page.at(-1);
  const sortKey = last ? (filter.sort === 'waiting' ? last.reply_needed_since : last.last_message_at) : null;
  const matches = rows[0]?.match_count ?? 0;
  return {
    rows: page,
    next: hasMore && last && sortKey !== null ? { sortKey, id: last.id } : null,
    total: countMatches ? { count: matches, exact: matches < SEARCH_COUNT_LIMIT } : null,
    commonTerms: planned.commonTerms ?? new Set(),
  };
}

/** The filter with its search terms classified (rare or common), unless already done. */
async function withSearchPlan(db: Kysely<Database>, filter: ConversationFilter): Promise<ConversationFilter> {
  const terms = filter.searchTerms ?? [];
  return terms.length > 0 && !filter.commonTerms ? { ...filter, commonTerms: await classifySearchTerms(db, terms) } : filter;
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

/**
 * The same counts among a search's results: one walk of the list in its order, up to
 * SEARCH_COUNT_LIMIT matches (the list's first page walks the same way). Past the limit the
 * counts are those of the newest matches: lower bounds, and `exact` says so.
 */
export async function countSearchResults(db: Kysely<Database>, searchTerms: readonly string[], accountId?: number): Promise<SearchCountRow> {
  const filter = await withSearchPlan(db, { searchTerms, ...(accountId === undefined ? {} : { accountId }) });
  const rows = await db
    .with('matched', (qb) =>
      whereFiltered(db, qb.selectFrom('conversations as c'), filter)
        .select(['c.account_id', 'c.reply_needed_since', 'c.done_at', 'c.snoozed_at', 'c.unread_count'])
        .orderBy('c.last_message_at', 'desc')
        .orderBy('c.id', 'desc')
        .limit(SEARCH_COUNT_LIMIT),
    )
    .selectFrom('matched')
    .select([
      'account_id',
      sql<number>`count(*)`.as('all'),
      sql<number>`count(CASE WHEN done_at IS NULL AND snoozed_at IS NULL THEN reply_needed_since END)`.as('replyNeeded'),
      sql<number>`count(CASE WHEN unread_count > 0 THEN 1 END)`.as('unread'),
      sql<number>`count(snoozed_at)`.as('snoozed'),
    ])
    .groupBy('account_id')
    .execute();
  const accounts = rows.map((r) => ({
    accountId: r.account_id,
    all: Number(r.all),
    replyNeeded: Number(r.replyNeeded),
    unread: Number(r.unread),
    snoozed: Number(r.snoozed),
  }));
  const total = accounts.reduce((sum, a) => sum + a.all, 0);
  return {
    all: total,
    replyNeeded: accounts.reduce((sum, a) => sum + a.replyNeeded, 0),
    unread: accounts.reduce((sum, a) => sum + a.unread, 0),
    snoozed: accounts.reduce((sum, a) => sum + a.snoozed, 0),
    accounts,
    exact: total < SEARCH_COUNT_LIMIT,
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
  const rows = await conversationListQuery(db, accountId === undefined ? { orderId } : { orderId, accountId }, null, ORDER_CONVERSATIONS_MAX).execute();
  return rows.map(({ match_count: _count, ...row }) => row);
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
