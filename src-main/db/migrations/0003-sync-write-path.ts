// Frozen in time: written against Kysely<any> so later schema changes never alter it.
//
// Cheaper writes for the sync, which commits a page of ~100 threads and ~1,000 messages at
// a time. Nothing is lost or re-read; only how rows get indexed changes.
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';
  // New messages and conversations are indexed for search by the code that inserts them
  // (db/search-index.ts), once per transaction, instead of row by row from AFTER INSERT
  // triggers: FTS5 writes a new index segment at every statement savepoint, and a trigger
  // gives every INSERT one. The index itself is unchanged; the update and delete triggers stay.
  // (PostgreSQL indexes an expression: it has no such triggers.)
  if (!pg) {
    await sql`DROP TRIGGER messages_fts_insert`.execute(db);
    await sql`DROP TRIGGER conversations_fts_insert`.execute(db);
  }

  // A message's Mirakl id is unique within its thread, which is where it is looked up. Keyed
  // by (account, id), random ids made each page's commit rewrite leaves all over the index;
  // keyed by conversation first, a new thread's messages land side by side.
  await sql`DROP INDEX messages_mirakl_id`.execute(db);
  await sql`CREATE UNIQUE INDEX messages_mirakl_id ON messages (conversation_id, mirakl_message_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX messages_mirakl_id`.execute(db);
  await sql`CREATE UNIQUE INDEX messages_mirakl_id ON messages (account_id, mirakl_message_id)`.execute(db);
  if (dialectOf(db) === 'postgres') return;
  await sql`CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
    INSERT INTO messages_fts (rowid, body_text) VALUES (new.id, new.body_text);
  END`.execute(db);
  await sql`CREATE TRIGGER conversations_fts_insert AFTER INSERT ON conversations BEGIN
    INSERT INTO conversations_fts (rowid, subject, customer_name, order_id)
    VALUES (new.id, new.subject, (SELECT name FROM customers WHERE id = new.customer_id), new.order_id);
  END`.execute(db);
}
