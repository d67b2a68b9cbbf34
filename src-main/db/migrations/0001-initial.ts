// Frozen in time: written against Kysely<any> so later schema changes never alter it.
// PostgreSQL gets the same tables with its own types where SQLite's would not fit: identity
// ids, bigint times (epoch milliseconds overflow int4), double precision prices.
import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import { dialectOf } from '../dialect';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';
  const id = (c: ColumnDefinitionBuilder) => (pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement());
  const time = pg ? 'bigint' : 'integer';
  const money = pg ? 'double precision' : 'real';
  await db.schema
    .createTable('accounts')
    .addColumn('id', 'integer', id)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('base_url', 'text', (c) => c.notNull())
    .addColumn('shop_id', 'text')
    .addColumn('api_key', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .execute();
  // One connection per marketplace shop; shop_id null means "the key's default shop".
  await (pg
    ? sql`CREATE UNIQUE INDEX accounts_endpoint ON accounts (base_url, coalesce(shop_id, ''))`
    : sql`CREATE UNIQUE INDEX accounts_endpoint ON accounts (base_url, ifnull(shop_id, ''))`
  ).execute(db);

  await db.schema
    .createTable('customers')
    .addColumn('id', 'integer', id)
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('mirakl_customer_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .addUniqueConstraint('customers_mirakl_id', ['account_id', 'mirakl_customer_id'])
    .execute();

  await db.schema
    .createTable('conversations')
    .addColumn('id', 'integer', id)
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('mirakl_thread_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'integer', (c) => c.references('customers.id').onDelete('set null'))
    .addColumn('order_id', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('topic_type', 'text', (c) => c.notNull())
    .addColumn('last_message_at', time, (c) => c.notNull())
    .addColumn('last_message_preview', 'text', (c) => c.notNull())
    .addColumn('message_count', 'integer', (c) => c.notNull())
    .addColumn('unread_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reply_needed_since', time)
    .addColumn('mirakl_updated_at', time, (c) => c.notNull())
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .addUniqueConstraint('conversations_mirakl_id', ['account_id', 'mirakl_thread_id'])
    .execute();
  // The inbox list: newest first, keyset-paged by (last_message_at, id).
  await db.schema.createIndex('conversations_recent').on('conversations').columns(['last_message_at desc', 'id desc']).execute();
  await db.schema.createIndex('conversations_order').on('conversations').columns(['order_id']).execute();
  await db.schema.createIndex('conversations_customer').on('conversations').columns(['customer_id']).execute();

  await db.schema
    .createTable('messages')
    .addColumn('id', 'integer', id)
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('conversation_id', 'integer', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('mirakl_message_id', 'text')
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('inbound', 'outbound')`))
    .addColumn('sender_type', 'text', (c) => c.notNull())
    .addColumn('sender_name', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('sent_at', time, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('delivered', 'pending', 'failed')`))
    .addColumn('error', 'text')
    .addColumn('created_at', time, (c) => c.notNull())
    .execute();
  // Exactly once: a Mirakl message id appears once per account (several NULLs allowed for unsent replies).
  await db.schema.createIndex('messages_mirakl_id').unique().on('messages').columns(['account_id', 'mirakl_message_id']).execute();
  // A thread: its messages in time order.
  await db.schema.createIndex('messages_thread').on('messages').columns(['conversation_id', 'sent_at', 'id']).execute();

  await db.schema
    .createTable('attachments')
    .addColumn('id', 'integer', id)
    .addColumn('message_id', 'integer', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addColumn('mirakl_attachment_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('size', pg ? 'bigint' : 'integer', (c) => c.notNull())
    .addUniqueConstraint('attachments_mirakl_id', ['message_id', 'mirakl_attachment_id'])
    .execute();

  await db.schema
    .createTable('orders')
    .addColumn('id', 'integer', id)
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('mirakl_order_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('customer_mirakl_id', 'text')
    .addColumn('customer_name', 'text')
    .addColumn('customer_email', 'text')
    .addColumn('currency', 'text')
    .addColumn('total_price', money)
    .addColumn('shipping_price', money)
    .addColumn('lines_json', 'text', (c) => c.notNull())
    .addColumn('tracking_number', 'text')
    .addColumn('tracking_url', 'text')
    .addColumn('carrier', 'text')
    .addColumn('mirakl_created_at', time)
    .addColumn('fetched_at', time, (c) => c.notNull())
    .addUniqueConstraint('orders_mirakl_id', ['account_id', 'mirakl_order_id'])
    .execute();

  await db.schema
    .createTable('sync_state')
    .addColumn('account_id', 'integer', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
    .addColumn('cursor', time)
    .addColumn('initial_since', time)
    .addColumn('last_success_at', time)
    .addColumn('last_error', 'text')
    .addColumn('last_error_at', time)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['sync_state', 'orders', 'attachments', 'messages', 'conversations', 'customers', 'accounts']) {
    await db.schema.dropTable(table).execute();
  }
}
