// Frozen in time: written against Kysely<any> so later schema changes never alter it.
//
// Who is who, as Mirakl says it:
// - Mirakl has no e-mail per customer, only one per order (OR11's customer_notification_email,
//   often a relay address unique to that order), which orders.customer_email keeps. Copying it
//   onto the customer made every thread show the address of whichever order synced last.
// - A connection's name is the marketplace's; the seller's shop name (A01's shop_name) is
//   kept beside it, to sign replies written here until Mirakl returns them.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE customers DROP COLUMN email`.execute(db);
  await sql`ALTER TABLE accounts ADD COLUMN shop_name text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE accounts DROP COLUMN shop_name`.execute(db);
  await sql`ALTER TABLE customers ADD COLUMN email text`.execute(db);
}
