// Frozen in time: written against Kysely<any> so later schema changes never alter it.
//
// What real Mirakl shops send:
// - Threads whose topic is a REASON_CODE carry the marketplace's code ("20"), whose label
//   comes from RE02 per connection: the labels are kept in message_reasons, the code in
//   conversations.topic_value, and the subject shows the label (never a bare number).
// - A thread that does not match the contract is kept aside in stuck_threads, as Mirakl
//   sent it, until it can be read; the rest of its page is stored.
// - An empty customer_notification_email means the order has none.
// - Customers and messages Mirakl left unnamed are found by small partial indexes, to be
//   named after the order's customer once OR11 answers.
// PostgreSQL: times are bigint (epoch milliseconds), and a regular expression spells GLOB.
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';
  const time = pg ? 'bigint' : 'integer';
  await db.schema
    .createTable('message_reasons')
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('fetched_at', time, (c) => c.notNull())
    .addPrimaryKeyConstraint('message_reasons_pk', ['account_id', 'code'])
    .execute();
  await db.schema.alterTable('sync_state').addColumn('reasons_fetched_at', time).execute();

  await db.schema.alterTable('conversations').addColumn('topic_value', 'text', (c) => c.notNull().defaultTo('')).execute();
  await sql`UPDATE conversations SET topic_value = subject WHERE topic_type != 'REASON_CODE'`.execute(db);
  // A numeric code was shown bare: keep the code, show "Reason 20" until its label is known.
  const numeric = pg ? sql`subject ~ '^[0-9]+$'` : sql`subject GLOB '[0-9]*' AND subject NOT GLOB '*[^0-9]*'`;
  await sql`UPDATE conversations SET topic_value = subject, subject = 'Reason ' || subject
            WHERE topic_type = 'REASON_CODE' AND ${numeric}`.execute(db);
  // A word code was shown as words ("Damaged product" for DAMAGED_PRODUCT): the code back from
  // them. The thread's next update from Mirakl writes its exact code.
  await sql`UPDATE conversations SET topic_value = upper(replace(subject, ' ', '_'))
            WHERE topic_type = 'REASON_CODE' AND topic_value = ''`.execute(db);
  // A connection's conversations with each code, for re-wording them when labels arrive or change.
  await sql`CREATE INDEX conversations_reason_code ON conversations (account_id, topic_value) WHERE topic_type = 'REASON_CODE'`.execute(db);

  await db.schema
    .createTable('stuck_threads')
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('thread_key', 'text', (c) => c.notNull())
    .addColumn('mirakl_thread_id', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('raw', 'text', (c) => c.notNull())
    .addColumn('since', time, (c) => c.notNull())
    .addColumn('last_attempt_at', time, (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('stuck_threads_pk', ['account_id', 'thread_key'])
    .execute();

  await sql`UPDATE orders SET customer_email = NULL WHERE trim(customer_email) = ''`.execute(db);
  await sql`CREATE INDEX messages_unnamed_sender ON messages (conversation_id) WHERE sender_name = ''`.execute(db);
  await sql`CREATE INDEX customers_unnamed ON customers (account_id) WHERE name = ''`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX customers_unnamed`.execute(db);
  await sql`DROP INDEX messages_unnamed_sender`.execute(db);
  await db.schema.dropTable('stuck_threads').execute();
  await sql`DROP INDEX conversations_reason_code`.execute(db);
  await sql`UPDATE conversations SET subject = topic_value WHERE topic_type = 'REASON_CODE' AND subject = 'Reason ' || topic_value`.execute(db);
  await db.schema.alterTable('conversations').dropColumn('topic_value').execute();
  await db.schema.alterTable('sync_state').dropColumn('reasons_fetched_at').execute();
  await db.schema.dropTable('message_reasons').execute();
}
