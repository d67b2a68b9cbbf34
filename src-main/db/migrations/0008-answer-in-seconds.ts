// Frozen in time: written against Kysely<any> so later schema changes never alter it.
//
// Answering in seconds: saved replies, files attached to replies (uploads, the outbox's
// copies, the orders' documents), the order facts saved replies fill in (OR11's commercial
// id and the customer's first name, last name and locale), and the local states of a
// conversation that Mirakl never hears of (snoozed, done). Portable SQL only: plain
// tables, added nullable columns, partial indexes; PostgreSQL gets identity ids and bigint
// times (epoch milliseconds overflow int4), as in 0001.
import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import { dialectOf } from '../dialect';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';
  const id = (c: ColumnDefinitionBuilder) => (pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement());
  const time = pg ? 'bigint' : 'integer';
  // ---------- Saved replies ----------
  await db.schema
    .createTable('saved_replies')
    .addColumn('id', 'integer', id)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    // 'fr', 'en', …; null: any language.
    .addColumn('language', 'text')
    // A marketplace's own reply; null: every marketplace. A removed connection leaves its replies to all.
    .addColumn('account_id', 'integer', (c) => c.references('accounts.id').onDelete('set null'))
    // The order Settings shows them in (and the picker, all else equal).
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('saved_replies_position').on('saved_replies').columns(['position', 'id']).execute();

  // ---------- Files ----------
  // A file sent by a client (POST /api/uploads, the desktop's file picker), kept under
  // <dataDir>/uploads until a reply or a new thread takes it, or a day has passed.
  await db.schema
    .createTable('uploads')
    .addColumn('id', 'integer', id)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    // Relative to the data folder.
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('created_at', time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('uploads_created').on('uploads').columns(['created_at']).execute();

  // The files of a reply, copied under <dataDir>/outbox before the reply is stored: they go
  // with every attempt until Mirakl has the message, and show until its own copies are synced.
  await db.schema
    .createTable('outbox_files')
    .addColumn('id', 'integer', id)
    .addColumn('message_id', 'integer', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('created_at', time, (c) => c.notNull())
    .addUniqueConstraint('outbox_files_position', ['message_id', 'position'])
    .execute();

  // An order's documents as OR72 lists them (invoices, delivery bills…), their bytes
  // cached under <dataDir>/documents after the first OR73 download.
  await db.schema
    .createTable('order_documents')
    .addColumn('id', 'integer', id)
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('mirakl_document_id', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_size', 'integer')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', time)
    .addColumn('local_path', 'text')
    .addColumn('content_type', 'text')
    .addColumn('fetched_at', time, (c) => c.notNull())
    .addUniqueConstraint('order_documents_mirakl_id', ['account_id', 'mirakl_document_id'])
    .execute();
  await db.schema.createIndex('order_documents_order').on('order_documents').columns(['account_id', 'order_id']).execute();

  // ---------- What saved replies fill in (OR11) ----------
  for (const column of ['commercial_id', 'customer_firstname', 'customer_lastname', 'customer_locale']) {
    await db.schema.alterTable('orders').addColumn(column, 'text').execute();
  }

  // ---------- Local states of a conversation ----------
  // Snoozed: since when (a message received after it ends the snooze), until when it was
  // asked (null: until the customer writes), and when it comes back (the time asked, or
  // earlier to answer before the marketplace's 24-hour mark; null: only on a message).
  await db.schema.alterTable('conversations').addColumn('snoozed_at', time).execute();
  await db.schema.alterTable('conversations').addColumn('snooze_until', time).execute();
  await db.schema.alterTable('conversations').addColumn('snooze_wake_at', time).execute();
  // Done: answered another way (Mirakl has no seller API to clear "reply needed"); a message received after it ends it.
  await db.schema.alterTable('conversations').addColumn('done_at', time).execute();
  // The Snoozed list, newest first; and the few done ones, found without reading the table.
  await sql`CREATE INDEX conversations_snoozed ON conversations (last_message_at DESC, id DESC) WHERE snoozed_at IS NOT NULL`.execute(db);
  await sql`CREATE INDEX conversations_done ON conversations (id) WHERE done_at IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX conversations_done`.execute(db);
  await sql`DROP INDEX conversations_snoozed`.execute(db);
  for (const column of ['done_at', 'snooze_wake_at', 'snooze_until', 'snoozed_at']) {
    await db.schema.alterTable('conversations').dropColumn(column).execute();
  }
  for (const column of ['customer_locale', 'customer_lastname', 'customer_firstname', 'commercial_id']) {
    await db.schema.alterTable('orders').dropColumn(column).execute();
  }
  for (const table of ['order_documents', 'outbox_files', 'uploads', 'saved_replies']) {
    await db.schema.dropTable(table).execute();
  }
}
