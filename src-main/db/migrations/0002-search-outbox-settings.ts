// Frozen in time: written against Kysely<any> so later schema changes never alter it.
//
// Adds full-text search (SQLite: FTS5 tables kept in sync by triggers; PostgreSQL: GIN
// indexes over an expression), the reply outbox, the attachment cache, key-value
// settings, and the indexes the inbox's filtered lists page through.
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect';

export async function up(db: Kysely<any>): Promise<void> {
  const run = (statement: ReturnType<typeof sql>) => statement.execute(db);
  const pg = dialectOf(db) === 'postgres';
  const time = pg ? 'bigint' : 'integer';

  // ---------- Search ----------
  if (pg) await postgresSearch(db);
  else await sqliteSearch(db);

  // ---------- Outbox ----------
  // A reply is a messages row (status pending) plus this row until Mirakl has it. Every
  // state change is written before the next step, so a process killed at any moment
  // resumes without losing the reply or posting it twice.
  await db.schema
    .createTable('outbox')
    .addColumn('message_id', 'integer', (c) => c.primaryKey().references('messages.id').onDelete('cascade'))
    .addColumn('recipient', 'text', (c) => c.notNull().check(sql`recipient in ('customer', 'operator')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', time, (c) => c.notNull())
    .addColumn('last_attempt_at', time)
    // null: never attempted; started: M12 sent, outcome not recorded (a crash); unknown:
    // M12 may have reached Mirakl; transient: it did not (429); refused: Mirakl said no.
    .addColumn('last_outcome', 'text', (c) => c.check(sql`last_outcome in ('started', 'unknown', 'transient', 'refused')`))
    // Start of the first attempt whose outcome is unknown: set means "read the thread (M10) before posting again".
    .addColumn('unknown_since', time)
    // Which process is working on the row, until when (two app instances may share a store).
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', time)
    .addColumn('created_at', time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['next_attempt_at']).execute();
  // A reply Mirakl now holds (sent here, or adopted by the sync) leaves the outbox.
  if (pg) {
    await run(sql`CREATE FUNCTION outbox_delivered() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN DELETE FROM outbox WHERE message_id = new.id; RETURN NULL; END $$`);
    await run(sql`CREATE TRIGGER outbox_delivered AFTER UPDATE OF status ON messages
      FOR EACH ROW WHEN (new.status = 'delivered' AND old.status != 'delivered') EXECUTE FUNCTION outbox_delivered()`);
  } else {
    await run(sql`CREATE TRIGGER outbox_delivered AFTER UPDATE OF status ON messages
      WHEN new.status = 'delivered' AND old.status != 'delivered' BEGIN
      DELETE FROM outbox WHERE message_id = new.id;
    END`);
  }

  // ---------- Attachment cache (M13) ----------
  await db.schema.alterTable('attachments').addColumn('local_path', 'text').execute();
  await db.schema.alterTable('attachments').addColumn('content_type', 'text').execute();

  // ---------- Settings ----------
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull()) // JSON
    .addColumn('updated_at', time, (c) => c.notNull())
    .execute();

  // ---------- Inbox list indexes ----------
  // Each filter pages newest first by (last_message_at, id) straight off an index: no sort.
  await run(sql`CREATE INDEX conversations_account_recent ON conversations (account_id, last_message_at DESC, id DESC)`);
  await run(sql`CREATE INDEX conversations_reply_needed ON conversations (last_message_at DESC, id DESC)
    WHERE reply_needed_since IS NOT NULL`);
  await run(sql`CREATE INDEX conversations_unread ON conversations (last_message_at DESC, id DESC) WHERE unread_count > 0`);
  // Replaces conversations_order: same lookups, plus the order's conversations in list order.
  await run(sql`DROP INDEX conversations_order`);
  await run(sql`CREATE INDEX conversations_order_recent ON conversations (order_id, last_message_at DESC, id DESC)`);
}

async function sqliteSearch(db: Kysely<any>): Promise<void> {
  const run = (statement: ReturnType<typeof sql>) => statement.execute(db);
  // One FTS row per message, keyed by the message's rowid, with the text read back from
  // messages (external content): the index holds tokens only. A first sync inserts
  // ~200k messages, so its trigger is one FTS insert, nothing else; columnsize=0 skips
  // the per-row size record that only relevance ranking needs (the inbox sorts by date).
  // unicode61 with diacritics removed lets "recu" find "reçu".
  await run(sql`CREATE VIRTUAL TABLE messages_fts USING fts5(
    body_text, content='messages', content_rowid='id', columnsize=0, tokenize='unicode61 remove_diacritics 2')`);
  // Fewer, larger merges while the sync writes page after page (default 4).
  await run(sql`INSERT INTO messages_fts (messages_fts, rank) VALUES ('automerge', 8)`);
  await run(sql`CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
    INSERT INTO messages_fts (rowid, body_text) VALUES (new.id, new.body_text);
  END`);
  await run(sql`CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, body_text) VALUES ('delete', old.id, old.body_text);
  END`);
  await run(sql`CREATE TRIGGER messages_fts_update AFTER UPDATE OF body_text ON messages
    WHEN old.body_text IS NOT new.body_text BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, body_text) VALUES ('delete', old.id, old.body_text);
    INSERT INTO messages_fts (rowid, body_text) VALUES (new.id, new.body_text);
  END`);

  // One small FTS row per conversation: subject, customer name and order id. The customer
  // name lives in customers, so this table keeps its own copy of the three texts.
  await run(sql`CREATE VIRTUAL TABLE conversations_fts USING fts5(
    subject, customer_name, order_id, tokenize='unicode61 remove_diacritics 2')`);
  await run(sql`CREATE TRIGGER conversations_fts_insert AFTER INSERT ON conversations BEGIN
    INSERT INTO conversations_fts (rowid, subject, customer_name, order_id)
    VALUES (new.id, new.subject, (SELECT name FROM customers WHERE id = new.customer_id), new.order_id);
  END`);
  await run(sql`CREATE TRIGGER conversations_fts_delete AFTER DELETE ON conversations BEGIN
    DELETE FROM conversations_fts WHERE rowid = old.id;
  END`);
  // The sync rewrites these columns on every changed thread: re-index only real changes.
  await run(sql`CREATE TRIGGER conversations_fts_update AFTER UPDATE OF subject, customer_id, order_id ON conversations
    WHEN old.subject IS NOT new.subject OR old.customer_id IS NOT new.customer_id OR old.order_id IS NOT new.order_id BEGIN
    DELETE FROM conversations_fts WHERE rowid = old.id;
    INSERT INTO conversations_fts (rowid, subject, customer_name, order_id)
    VALUES (new.id, new.subject, (SELECT name FROM customers WHERE id = new.customer_id), new.order_id);
  END`);
  await run(sql`CREATE TRIGGER conversations_fts_customer AFTER UPDATE OF name ON customers
    WHEN old.name IS NOT new.name BEGIN
    UPDATE conversations_fts SET customer_name = new.name
    WHERE rowid IN (SELECT id FROM conversations WHERE customer_id = new.id);
  END`);

  // Index what is already there.
  await run(sql`INSERT INTO messages_fts (messages_fts) VALUES ('rebuild')`);
  await run(sql`INSERT INTO conversations_fts (rowid, subject, customer_name, order_id)
    SELECT c.id, c.subject, cu.name, c.order_id FROM conversations c LEFT JOIN customers cu ON cu.id = c.customer_id`);
}

/**
 * PostgreSQL's own full-text search, matching what the SQLite index finds: words are the runs of
 * letters and digits (punctuation separates them, as in FTS5's unicode61: "R-1042-A" is r, 1042,
 * a; an e-mail address is its parts), accents and case are ignored, no language's stemming or
 * stop words (customers write in French, German, Spanish, Italian, English…). No stored column:
 * GIN indexes over the same expression the queries use (db/search-sql).
 */
async function postgresSearch(db: Kysely<any>): Promise<void> {
  const run = (statement: ReturnType<typeof sql>) => statement.execute(db);
  await run(sql`CREATE EXTENSION IF NOT EXISTS unaccent`);
  await run(sql`CREATE TEXT SEARCH CONFIGURATION cs_search (COPY = simple)`);
  await run(sql`ALTER TEXT SEARCH CONFIGURATION cs_search
    ALTER MAPPING FOR word, asciiword, numword, hword, asciihword, numhword, hword_part, hword_asciipart, hword_numpart
    WITH unaccent, simple`);
  await run(sql`CREATE FUNCTION cs_search_vector(text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT to_tsvector('cs_search', regexp_replace($1, '[[:punct:]]+', ' ', 'g')) $$`);
  await run(sql`CREATE INDEX messages_search ON messages USING gin (cs_search_vector(body_text))`);
  await run(sql`CREATE INDEX conversations_search ON conversations USING gin (cs_search_vector(subject || ' ' || coalesce(order_id, '')))`);
  await run(sql`CREATE INDEX customers_search ON customers USING gin (cs_search_vector(name))`);
}

export async function down(db: Kysely<any>): Promise<void> {
  const run = (statement: ReturnType<typeof sql>) => statement.execute(db);
  const pg = dialectOf(db) === 'postgres';
  await run(sql`DROP INDEX conversations_order_recent`);
  await run(sql`CREATE INDEX conversations_order ON conversations (order_id)`);
  for (const index of ['conversations_unread', 'conversations_reply_needed', 'conversations_account_recent']) {
    await run(sql`DROP INDEX ${sql.id(index)}`);
  }
  await db.schema.dropTable('settings').execute();
  await db.schema.alterTable('attachments').dropColumn('content_type').execute();
  await db.schema.alterTable('attachments').dropColumn('local_path').execute();
  await run(sql`DROP TRIGGER outbox_delivered${pg ? sql` ON messages` : sql``}`);
  if (pg) await run(sql`DROP FUNCTION outbox_delivered()`);
  await db.schema.dropTable('outbox').execute();
  if (pg) {
    for (const index of ['customers_search', 'conversations_search', 'messages_search']) await run(sql`DROP INDEX ${sql.id(index)}`);
    await run(sql`DROP FUNCTION cs_search_vector(text)`);
    await run(sql`DROP TEXT SEARCH CONFIGURATION cs_search`);
    return;
  }
  for (const trigger of [
    'conversations_fts_customer',
    'conversations_fts_update',
    'conversations_fts_delete',
    'conversations_fts_insert',
    'messages_fts_update',
    'messages_fts_delete',
    'messages_fts_insert',
  ]) {
    await run(sql`DROP TRIGGER ${sql.id(trigger)}`);
  }
  await run(sql`DROP TABLE conversations_fts`);
  await run(sql`DROP TABLE messages_fts`);
}
