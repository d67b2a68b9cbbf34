// Frozen in time: written against Kysely<any> so later schema changes never alter it.
//
// Search that finds more, and the list in "longest waiting" order:
// - attachment file names are searched with the conversation's subject, customer and order
//   id: conversations_fts gains a column (FTS5 tables cannot add one, so it is made anew,
//   with its triggers, and filled again);
// - an order id is found by any part of it ("23-A" finds "20000023-A"): a trigram index of
//   each conversation's order id;
// - the conversations awaiting a reply, longest waiting first, page off an index.
// PostgreSQL has no search tables to remake: a GIN index over the attachment names (the
// same cs_search_vector() as 0002's), and pg_trgm's over the lower-cased order ids.
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect';

export async function up(db: Kysely<any>): Promise<void> {
  const run = (statement: ReturnType<typeof sql>) => statement.execute(db);
  if (dialectOf(db) === 'postgres') {
    await run(sql`CREATE INDEX attachments_search ON attachments USING gin (cs_search_vector(name))`);
    await run(sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await run(sql`CREATE INDEX conversations_order_id_trigrams ON conversations USING gin (lower(order_id) gin_trgm_ops)`);
    await run(sql`CREATE INDEX conversations_waiting ON conversations (reply_needed_since, id) WHERE reply_needed_since IS NOT NULL`);
    return;
  }

  // ---------- Conversation search rows, with attachment names ----------
  for (const trigger of ['conversations_fts_customer', 'conversations_fts_update', 'conversations_fts_delete']) {
    await run(sql`DROP TRIGGER ${sql.id(trigger)}`);
  }
  await run(sql`DROP TABLE conversations_fts`);
  await run(sql`CREATE VIRTUAL TABLE conversations_fts USING fts5(
    subject, customer_name, order_id, attachment_names, tokenize='unicode61 remove_diacritics 2')`);
  // What a conversation's search row holds, in one place: the writer (db/search-index.ts)
  // and the triggers below read it. One line per attachment name.
  await run(sql`CREATE VIEW conversation_search_rows AS
    SELECT c.id AS id, c.subject AS subject, cu.name AS customer_name, c.order_id AS order_id,
      (SELECT group_concat(a.name, char(10)) FROM messages m JOIN attachments a ON a.message_id = m.id
       WHERE m.conversation_id = c.id) AS attachment_names
    FROM conversations c LEFT JOIN customers cu ON cu.id = c.customer_id`);
  await createUnchangedTriggers(run);
  await run(sql`CREATE TRIGGER conversations_fts_update AFTER UPDATE OF subject, customer_id, order_id ON conversations
    WHEN old.subject IS NOT new.subject OR old.customer_id IS NOT new.customer_id OR old.order_id IS NOT new.order_id BEGIN
    INSERT OR REPLACE INTO conversations_fts (rowid, subject, customer_name, order_id, attachment_names)
    SELECT id, subject, customer_name, order_id, attachment_names FROM conversation_search_rows WHERE id = new.id;
  END`);
  await run(sql`INSERT INTO conversations_fts (rowid, subject, customer_name, order_id, attachment_names)
    SELECT id, subject, customer_name, order_id, attachment_names FROM conversation_search_rows`);

  // ---------- Order ids by any part ----------
  // Keyed by the conversation's id; a copy of the order id split in overlapping triplets of
  // characters, so a MATCH finds any part of three characters or more without a table scan.
  await run(sql`CREATE VIRTUAL TABLE order_ids_fts USING fts5(order_id, tokenize='trigram')`);
  await run(sql`CREATE TRIGGER order_ids_fts_delete AFTER DELETE ON conversations BEGIN
    DELETE FROM order_ids_fts WHERE rowid = old.id;
  END`);
  await run(sql`CREATE TRIGGER order_ids_fts_update AFTER UPDATE OF order_id ON conversations
    WHEN old.order_id IS NOT new.order_id BEGIN
    DELETE FROM order_ids_fts WHERE rowid = old.id;
    INSERT INTO order_ids_fts (rowid, order_id) SELECT new.id, new.order_id WHERE new.order_id IS NOT NULL;
  END`);
  await run(sql`INSERT INTO order_ids_fts (rowid, order_id) SELECT id, order_id FROM conversations WHERE order_id IS NOT NULL`);

  // ---------- Longest waiting first ----------
  await run(sql`CREATE INDEX conversations_waiting ON conversations (reply_needed_since, id) WHERE reply_needed_since IS NOT NULL`);
}

export async function down(db: Kysely<any>): Promise<void> {
  const run = (statement: ReturnType<typeof sql>) => statement.execute(db);
  await run(sql`DROP INDEX conversations_waiting`);
  if (dialectOf(db) === 'postgres') {
    await run(sql`DROP INDEX conversations_order_id_trigrams`);
    await run(sql`DROP INDEX attachments_search`);
    return;
  }
  await run(sql`DROP TRIGGER order_ids_fts_update`);
  await run(sql`DROP TRIGGER order_ids_fts_delete`);
  await run(sql`DROP TABLE order_ids_fts`);
  for (const trigger of ['conversations_fts_customer', 'conversations_fts_update', 'conversations_fts_delete']) {
    await run(sql`DROP TRIGGER ${sql.id(trigger)}`);
  }
  await run(sql`DROP VIEW conversation_search_rows`);
  await run(sql`DROP TABLE conversations_fts`);
  // As 0002 made them (0003 dropped the insert trigger).
  await run(sql`CREATE VIRTUAL TABLE conversations_fts USING fts5(
    subject, customer_name, order_id, tokenize='unicode61 remove_diacritics 2')`);
  await createUnchangedTriggers(run);
  await run(sql`CREATE TRIGGER conversations_fts_update AFTER UPDATE OF subject, customer_id, order_id ON conversations
    WHEN old.subject IS NOT new.subject OR old.customer_id IS NOT new.customer_id OR old.order_id IS NOT new.order_id BEGIN
    DELETE FROM conversations_fts WHERE rowid = old.id;
    INSERT INTO conversations_fts (rowid, subject, customer_name, order_id)
    VALUES (new.id, new.subject, (SELECT name FROM customers WHERE id = new.customer_id), new.order_id);
  END`);
  await run(sql`INSERT INTO conversations_fts (rowid, subject, customer_name, order_id)
    SELECT c.id, c.subject, cu.name, c.order_id FROM conversations c LEFT JOIN customers cu ON cu.id = c.customer_id`);
}

/** The triggers conversations_fts keeps as 0002 made them: a new table needs them again, either way. */
async function createUnchangedTriggers(run: (statement: ReturnType<typeof sql>) => Promise<unknown>): Promise<void> {
  await run(sql`CREATE TRIGGER conversations_fts_delete AFTER DELETE ON conversations BEGIN
    DELETE FROM conversations_fts WHERE rowid = old.id;
  END`);
  await run(sql`CREATE TRIGGER conversations_fts_customer AFTER UPDATE OF name ON customers
    WHEN old.name IS NOT new.name BEGIN
    UPDATE conversations_fts SET customer_name = new.name
    WHERE rowid IN (SELECT id FROM conversations WHERE customer_id = new.id);
  END`);
}
