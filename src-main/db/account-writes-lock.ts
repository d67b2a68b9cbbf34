// One connection's sync writes, one transaction at a time. A sync pass stores its pages while
// OR11 batches and RE02 labels arrive beside it, and each of these transactions updates several
// conversations of the connection in its own order: on PostgreSQL (READ COMMITTED, row locks)
// two of them could each hold a row the other wants and one would be aborted as a deadlock.
// Taking this lock first orders them. SQLite needs nothing: BEGIN IMMEDIATE already lets one
// writer in at a time.
import { sql, type Transaction } from 'kysely';
import { dialectOf } from './dialect';
import type { Database } from './schema';

/** The first key of the two-key advisory lock ("MC"); the second is the account id. */
const ACCOUNT_WRITES = 0x4d43;

/** Waits until no other transaction writes this connection's synced data; released at commit or rollback. */
export async function lockAccountWrites(trx: Transaction<Database>, accountId: number): Promise<void> {
  if (dialectOf(trx) !== 'postgres') return;
  await sql`SELECT pg_advisory_xact_lock(${sql.lit(ACCOUNT_WRITES)}, ${accountId}::int)`.execute(trx);
}
