// The sync's memory: where the next pass starts, and how the last one ended. The cursor
// is written by the same transaction as the page it covers (see sync/workflow).
import type { Kysely } from 'kysely';
import type { Database, SyncStateRow } from './schema';
import type { Store } from './open';

export async function readSyncState(db: Kysely<Database>, accountId: number): Promise<SyncStateRow> {
  const row = await db.selectFrom('sync_state').selectAll().where('account_id', '=', accountId).executeTakeFirst();
  return row ?? { account_id: accountId, cursor: null, initial_since: null, last_success_at: null, last_error: null, last_error_at: null, reasons_fetched_at: null };
}

/** Call inside the transaction of the pass's last page. The cursor never moves backwards. */
export function commitCursor(store: Store, accountId: number, cursor: number | null, now: number): void {
  store.sqlite
    .prepare(
      `INSERT INTO sync_state (account_id, cursor, last_success_at, last_error, last_error_at) VALUES (?, ?, ?, NULL, NULL)
       ON CONFLICT (account_id) DO UPDATE SET cursor = max(coalesce(sync_state.cursor, 0), coalesce(excluded.cursor, 0)),
         last_success_at = excluded.last_success_at, last_error = NULL, last_error_at = NULL`,
    )
    .run(accountId, cursor, now);
  // max() above turns "no cursor yet" into 0; keep it null until a thread was actually seen.
  if (cursor === null) store.sqlite.prepare('UPDATE sync_state SET cursor = NULL WHERE account_id = ? AND cursor = 0').run(accountId);
}

export function recordSyncError(store: Store, accountId: number, message: string, now: number): void {
  store.sqlite
    .prepare(
      `INSERT INTO sync_state (account_id, last_error, last_error_at) VALUES (?, ?, ?)
       ON CONFLICT (account_id) DO UPDATE SET last_error = excluded.last_error, last_error_at = excluded.last_error_at`,
    )
    .run(accountId, message, now);
}

/** Limits an account's first sync to threads updated since this date (null: the whole history). */
export function setInitialSince(store: Store, accountId: number, since: number | null): void {
  store.sqlite
    .prepare(
      `INSERT INTO sync_state (account_id, initial_since) VALUES (?, ?)
       ON CONFLICT (account_id) DO UPDATE SET initial_since = excluded.initial_since`,
    )
    .run(accountId, since);
}
