// The sync's memory: where the next pass starts, and how the last one ended. The cursor
// is written by the same transaction as the page it covers (see sync/workflow).
import type { Kysely } from 'kysely';
import type { Database, SyncStateRow } from './schema';
import { greatest } from './dialect';

export async function readSyncState(db: Kysely<Database>, accountId: number): Promise<SyncStateRow> {
  const row = await db.selectFrom('sync_state').selectAll().where('account_id', '=', accountId).executeTakeFirst();
  return row ?? { account_id: accountId, cursor: null, initial_since: null, last_success_at: null, last_error: null, last_error_at: null, reasons_fetched_at: null };
}

/** Call inside the transaction of the pass's last page, on its trx. The cursor never moves backwards. */
export async function commitCursor(trx: Kysely<Database>, accountId: number, cursor: number | null, now: number): Promise<void> {
  await trx
    .insertInto('sync_state')
    .values({ account_id: accountId, cursor, last_success_at: now, last_error: null, last_error_at: null })
    .onConflict((oc) =>
      oc.column('account_id').doUpdateSet((eb) => ({
        // Null (no thread seen yet) never replaces a cursor; a cursor replaces null.
        cursor: eb.fn.coalesce(greatest(trx, eb.ref('sync_state.cursor'), eb.ref('excluded.cursor')), eb.ref('sync_state.cursor'), eb.ref('excluded.cursor')),
        last_success_at: eb.ref('excluded.last_success_at'),
        last_error: null,
        last_error_at: null,
      })),
    )
    .execute();
}

export async function recordSyncError(db: Kysely<Database>, accountId: number, message: string, now: number): Promise<void> {
  await db
    .insertInto('sync_state')
    .values({ account_id: accountId, last_error: message, last_error_at: now })
    .onConflict((oc) => oc.column('account_id').doUpdateSet({ last_error: (eb) => eb.ref('excluded.last_error'), last_error_at: (eb) => eb.ref('excluded.last_error_at') }))
    .execute();
}

/** Limits an account's first sync to threads updated since this date (null: the whole history). */
export async function setInitialSince(db: Kysely<Database>, accountId: number, since: number | null): Promise<void> {
  await db
    .insertInto('sync_state')
    .values({ account_id: accountId, initial_since: since })
    .onConflict((oc) => oc.column('account_id').doUpdateSet({ initial_since: (eb) => eb.ref('excluded.initial_since') }))
    .execute();
}
