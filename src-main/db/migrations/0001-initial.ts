// Frozen in time: written against Kysely<any> so later schema changes never alter it.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('accounts')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('base_url', 'text', (c) => c.notNull())
    .addColumn('shop_id', 'text')
    .addColumn('api_key', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute();
  // One connection per marketplace shop; shop_id null means "the key's default shop".
  await sql`CREATE UNIQUE INDEX accounts_endpoint ON accounts (base_url, ifnull(shop_id, ''))`.execute(db);

  await db.schema
    .createTable('customers')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('mirakl_customer_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .addUniqueConstraint('customers_mirakl_id', ['account_id', 'mirakl_customer_id'])
    .execute();

  await db.schema
    .createTable('conversations')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('mirakl_thread_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'integer', (c) => c.references('customers.id').onDelete('set null'))
    .addColumn('order_id', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('topic_type', 'text', (c) => c.notNull())
    .addColumn('last_message_at', 'integer', (c) => c.notNull())
    .addColumn('last_message_preview', 'text', (c) => c.notNull())
    .addColumn('message_count', 'integer', (c) => c.notNull())
    .addColumn('unread_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reply_needed_since', 'integer')
    .addColumn('mirakl_updated_at', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .addUniqueConstraint('conversations_mirakl_id', ['account_id', 'mirakl_thread_id'])
    .execute();
  // The inbox list: newest first, keyset-paged by (last_message_at, id).
  await db.schema.createIndex('conversations_recent').on('conversations').columns(['last_message_at desc', 'id desc']).execute();
  await db.schema.createIndex('conversations_order').on('conversations').columns(['order_id']).execute();
  await db.schema.createIndex('conversations_customer').on('conversations').columns(['customer_id']).execute();

  await db.schema
    .createTable('messages')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('conversation_id', 'integer', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('mirakl_message_id', 'text')
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('inbound', 'outbound')`))
    .addColumn('sender_type', 'text', (c) => c.notNull())
    .addColumn('sender_name', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('delivered', 'pending', 'failed')`))
    .addColumn('error', 'text')
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();
  // Exactly once: a Mirakl message id appears once per account (several NULLs allowed for unsent replies).
  await db.schema.createIndex('messages_mirakl_id').unique().on('messages').columns(['account_id', 'mirakl_message_id']).execute();
  // A thread: its messages in time order.
  await db.schema.createIndex('messages_thread').on('messages').columns(['conversation_id', 'sent_at', 'id']).execute();

  await db.schema
    .createTable('attachments')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('message_id', 'integer', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addColumn('mirakl_attachment_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addUniqueConstraint('attachments_mirakl_id', ['message_id', 'mirakl_attachment_id'])
    .execute();

  await db.schema
    .createTable('orders')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('mirakl_order_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('customer_mirakl_id', 'text')
    .addColumn('customer_name', 'text')
    .addColumn('customer_email', 'text')
    .addColumn('currency', 'text')
    .addColumn('total_price', 'real')
    .addColumn('shipping_price', 'real')
    .addColumn('lines_json', 'text', (c) => c.notNull())
    .addColumn('tracking_number', 'text')
    .addColumn('tracking_url', 'text')
    .addColumn('carrier', 'text')
    .addColumn('mirakl_created_at', 'integer')
    .addColumn('fetched_at', 'integer', (c) => c.notNull())
    .addUniqueConstraint('orders_mirakl_id', ['account_id', 'mirakl_order_id'])
    .execute();

  await db.schema
    .createTable('sync_state')
    .addColumn('account_id', 'integer', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
    .addColumn('cursor', 'integer')
    .addColumn('initial_since', 'integer')
    .addColumn('last_success_at', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('last_error_at', 'integer')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['sync_state', 'orders', 'attachments', 'messages', 'conversations', 'customers', 'accounts']) {
    await db.schema.dropTable(table).execute();
  }
}
