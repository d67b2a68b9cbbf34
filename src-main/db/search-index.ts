// Writes SQLite's full-text indexes (messages_fts, conversations_fts) for new rows. The code
// that inserts rows calls this, not an AFTER INSERT trigger: a trigger gives every INSERT
// a statement savepoint, and FTS5 flushes its pending terms to a new index segment at each
// savepoint, so a first sync wrote one tiny segment per message and spent 3x the time of
// the inserts themselves merging them. Here the new rows of a transaction are indexed
// together, in a few multi-row statements. Edits and deletes keep their triggers: they are
// rare, and an edit of a row not indexed yet must wait until this ran (its trigger would
// remove from the index a row that is not in it, corrupting it).
// PostgreSQL indexes an expression of the rows themselves (migration 0002): nothing to do there.
import { sql, type Kysely } from 'kysely';
import { dialectOf, inValues } from './dialect';
import { MultiRowStatement } from './multi-row';
import type { Database } from './schema';

export interface NewSearchRows {
  /** Messages inserted by this transaction: id and body_text. */
  messages: ReadonlyArray<readonly [id: number, bodyText: string]>;
  /** Conversations inserted by this transaction. */
  conversations: readonly number[];
}

const insertMessageTerms = new MultiRowStatement('INSERT INTO messages_fts (rowid, body_text) VALUES', '(?, ?)', '', 512);

/** Indexes rows just inserted. Call inside the transaction that inserted them, before any edit of them. */
export async function indexNewRows(trx: Kysely<Database>, rows: NewSearchRows): Promise<void> {
  if (dialectOf(trx) === 'postgres') return;
  if (rows.conversations.length > 0) {
    // Read back here: a subject or customer name set later in the same transaction is indexed
    // as it ended up (REPLACE: the update trigger may have indexed the row already).
    await sql`INSERT OR REPLACE INTO conversations_fts (rowid, subject, customer_name, order_id)
      SELECT c.id, c.subject, cu.name, c.order_id FROM conversations c LEFT JOIN customers cu ON cu.id = c.customer_id
      WHERE ${inValues(trx, 'c.id', rows.conversations)}`.execute(trx);
  }
  if (rows.messages.length > 0) await insertMessageTerms.run(trx, rows.messages);
}
