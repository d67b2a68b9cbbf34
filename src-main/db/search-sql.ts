// The search's SQL on each dialect: what finds a term in a message, an attachment name or
// inside an order id. SQLite reads its FTS5 tables (migrations 0002, 0006); PostgreSQL its
// GIN indexes over the same expressions (cs_search_vector() of the text, pg_trgm over the
// lower-cased order id), so a query here must spell an expression exactly as its index does.
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { dialectOf } from './dialect';
import { toTsQuery, trigramQuery } from './search-query';

/** A term from toSearchTerms() as PostgreSQL's tsquery (configuration cs_search). */
export function tsQuery(term: string): RawBuilder<unknown> {
  return sql`to_tsquery('cs_search', ${toTsQuery(term)})`;
}

/** The ids of the messages whose text holds the term (SQLite: messages_fts rowids). */
export function messageIdsWith(db: Kysely<any>, term: string): RawBuilder<number> {
  return dialectOf(db) === 'postgres'
    ? sql<number>`SELECT id FROM messages WHERE cs_search_vector(body_text) @@ ${tsQuery(term)}`
    : sql<number>`SELECT rowid FROM messages_fts WHERE messages_fts MATCH ${term}`;
}

/**
 * The ids of the conversations whose order id holds the fragment (any part of three
 * characters or more, case ignored): FTS5's trigram table, or pg_trgm's index over
 * lower(order_id) read by a LIKE.
 */
export function conversationIdsWithOrderFragment(db: Kysely<any>, fragment: string): RawBuilder<number> {
  return dialectOf(db) === 'postgres'
    ? sql<number>`SELECT id FROM conversations WHERE lower(order_id) LIKE ${containsPattern(fragment)}`
    : sql<number>`SELECT rowid FROM order_ids_fts WHERE order_ids_fts MATCH ${trigramQuery(fragment)}`;
}

/** `column` (an order id at hand, while walking the list) holds the fragment, case ignored. */
export function orderIdHolds(db: Kysely<any>, column: string, fragment: string): RawBuilder<SqlBool> {
  return dialectOf(db) === 'postgres'
    ? sql<SqlBool>`strpos(lower(${sql.ref(column)}), lower(${fragment})) > 0`
    : sql<SqlBool>`instr(lower(${sql.ref(column)}), lower(${fragment})) > 0`;
}

/** A LIKE pattern (backslash escapes, PostgreSQL's default) for "contains fragment", lower-cased as the index. */
function containsPattern(fragment: string): RawBuilder<string> {
  return sql<string>`'%' || lower(${fragment.replace(/[\\%_]/g, (c) => `\\${c}`)}) || '%'`;
}
