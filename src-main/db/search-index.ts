// Writes SQLite's full-text indexes (messages_fts, conversations_fts, order_ids_fts) for new
// rows. The code that inserts rows calls this, not an AFTER INSERT trigger: a trigger gives
// every INSERT a statement savepoint, and FTS5 flushes its pending terms to a new index
// segment at each savepoint, so a first sync wrote one tiny segment per message and spent 3x
// the time of the inserts themselves merging them. Here the new rows of a transaction are
// indexed together, in a few multi-row statements. Edits and deletes keep their triggers:
// they are rare, and an edit of a row not indexed yet must wait until this ran (its trigger
// would remove from the index a row that is not in it, corrupting it).
// PostgreSQL indexes expressions of the rows themselves (migrations 0002, 0006): nothing to do there.
import { sql, type Kysely } from 'kysely';
import { dialectOf, inValues } from './dialect';
import { MultiRowStatement } from './multi-row';
import type { Database } from './schema';

export interface NewSearchRows {
  /** Messages inserted by this transaction: id and body_text. */
  messages: ReadonlyArray<readonly [id: number, bodyText: string]>;
  /** Conversations inserted by this transaction. */
  conversations: readonly number[];
  /** Conversations whose messages got attachments in this transaction (new or not): their names are indexed. */
  withAttachments?: readonly number[];
}

const insertMessageTerms = new MultiRowStatement('INSERT INTO messages_fts (rowid, body_text) VALUES', '(?, ?)', '', 512);

/** Indexes rows just inserted. Call inside the transaction that inserted them, before any edit of them. */
export async function indexNewRows(trx: Kysely<Database>, rows: NewSearchRows): Promise<void> {
  if (dialectOf(trx) === 'postgres') return;
  const withAttachments = new Set(rows.withAttachments ?? []);
  // A conversation new to the store without attachments skips collecting their names
  // (conversation_search_rows' subquery): most have none, and a first sync inserts thousands.
  const plain = rows.conversations.filter((id) => !withAttachments.has(id));
  if (plain.length > 0) {
    // Read back here: a subject or customer name set later in the same transaction is indexed
    // as it ended up (REPLACE: the update trigger may have indexed the row already).
    await sql`INSERT OR REPLACE INTO conversations_fts (rowid, subject, customer_name, order_id, attachment_names)
      SELECT c.id, c.subject, cu.name, c.order_id, NULL FROM conversations c LEFT JOIN customers cu ON cu.id = c.customer_id
      WHERE ${inValues(trx, 'c.id', plain)}`.execute(trx);
  }
  if (withAttachments.size > 0) {
    await sql`INSERT OR REPLACE INTO conversations_fts (rowid, subject, customer_name, order_id, attachment_names)
      SELECT id, subject, customer_name, order_id, attachment_names FROM conversation_search_rows
      WHERE ${inValues(trx, 'id', [...withAttachments])}`.execute(trx);
  }
  if (rows.conversations.length > 0) {
    await sql`INSERT OR REPLACE INTO order_ids_fts (rowid, order_id)
      SELECT id, order_id FROM conversations WHERE ${inValues(trx, 'id', rows.conversations)} AND order_id IS NOT NULL`.execute(trx);
  }
  if (rows.messages.length > 0) await insertMessageTerms.run(trx, rows.messages);
}
