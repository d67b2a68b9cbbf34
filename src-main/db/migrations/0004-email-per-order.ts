// Frozen in time: written against Kysely<any> so later schema changes never alter it.
//
// Mirakl has no e-mail per customer, only one per order (OR11's customer_notification_email,
// often a relay address unique to that order), which orders.customer_email keeps. Copying it
// onto the customer made every thread show the address of whichever order synced last.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE customers DROP COLUMN email`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE customers ADD COLUMN email text`.execute(db);
}
