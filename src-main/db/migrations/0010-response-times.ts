// Frozen in time: written against Kysely<any> so later schema changes never alter it.
//
// Response times (issue 11): every customer's wait for the shop's answer, kept by the code
// that writes messages (db/waits.ts), and each connection's response target.
//
// A wait starts at a customer message (CUSTOMER_USER) that comes after the shop's last
// message in its thread, or at the thread's first customer message when the shop has not
// written yet, and ends at the shop's next message (SHOP_USER, delivered), messages taken in
// (sent_at, id) order. Other senders neither start nor end one. Raw instants only: durations
// are counted at query time, so editing a target or its business hours rebuilds nothing.
// PostgreSQL: the same, with bigint times.
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect';

export async function up(db: Kysely<any>): Promise<void> {
  const time = dialectOf(db) === 'postgres' ? 'bigint' : 'integer';
  await db.schema
    .createTable('waits')
    .addColumn('conversation_id', 'integer', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('account_id', 'integer', (c) => c.notNull())
    .addColumn('started_at', time, (c) => c.notNull())
    /** Null while the customer still waits. */
    .addColumn('ended_at', time)
    .execute();
  // A period's waits, every marketplace: one range scan that never reads the table.
  await db.schema.createIndex('waits_period').on('waits').columns(['started_at', 'account_id', 'ended_at']).execute();
  // Open waits of a marketplace by start (ages, about to breach, the list's filters).
  await sql`CREATE INDEX waits_open ON waits (account_id, started_at) WHERE ended_at IS NULL`.execute(db);
  // Rewriting a conversation's waits, and the cascade when it goes.
  await db.schema.createIndex('waits_conversation').on('waits').columns(['conversation_id']).execute();

  await db.schema
    .createTable('response_targets')
    .addColumn('account_id', 'integer', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
    .addColumn('target_seconds', 'integer', (c) => c.notNull())
    .addColumn('warning_seconds', 'integer')
    .addColumn('scoring_window_days', 'integer', (c) => c.notNull())
    /** JSON {timeZone, days, opens, closes}; null: every hour counts. */
    .addColumn('business_hours', 'text')
    .addColumn('preset', 'text')
    .addColumn('updated_at', time, (c) => c.notNull())
    .execute();

  // The waits of the messages already stored. Among customer and shop messages in order, a
  // wait starts at a customer message whose previous one is the shop's (or none) and ends at
  // the next shop message whose previous one is a customer's: those marks alternate.
  await sql`INSERT INTO waits (conversation_id, account_id, started_at, ended_at)
    WITH relevant AS (
      SELECT conversation_id, account_id, id, sent_at, sender_type,
        lag(sender_type) OVER (PARTITION BY conversation_id ORDER BY sent_at, id) AS previous_type
      FROM messages
      WHERE sender_type = 'CUSTOMER_USER' OR (sender_type = 'SHOP_USER' AND status = 'delivered')
    ),
    marks AS (
      SELECT conversation_id, account_id, id, sent_at, sender_type,
        lead(sent_at) OVER (PARTITION BY conversation_id ORDER BY sent_at, id) AS next_at
      FROM relevant
      WHERE (sender_type = 'CUSTOMER_USER' AND (previous_type IS NULL OR previous_type = 'SHOP_USER'))
         OR (sender_type = 'SHOP_USER' AND previous_type = 'CUSTOMER_USER')
    )
    SELECT conversation_id, account_id, sent_at, next_at FROM marks WHERE sender_type = 'CUSTOMER_USER'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('response_targets').execute();
  await db.schema.dropTable('waits').execute();
}
