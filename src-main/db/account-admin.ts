// Managing Mirakl connections from the app: one row per marketplace shop, its API key
// stored sealed (see service/secret-box). Finding or creating an account for the sync
// lives in db/accounts.
import type { Kysely } from 'kysely';
import type { Store } from './open';
import { runNow } from './run-now';
import type { Account, Database } from './schema';

export async function findAccount(db: Kysely<Database>, id: number): Promise<Account | undefined> {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The account for this endpoint (base URL + shop), if any; `exceptId` skips the account being edited. */
export async function findAccountByEndpoint(
  db: Kysely<Database>,
  baseUrl: string,
  shopId: string | null,
  exceptId?: number,
): Promise<Account | undefined> {
  let query = db
    .selectFrom('accounts')
    .selectAll()
    .where('base_url', '=', baseUrl)
    .where((eb) => (shopId === null ? eb('shop_id', 'is', null) : eb('shop_id', '=', shopId)));
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  return query.executeTakeFirst();
}

export interface NewConnection {
  name: string;
  /** A01's shop_name. */
  shopName: string | null;
  baseUrl: string;
  shopId: string | null;
  sealedApiKey: string | null;
  isDemo: boolean;
}

export function insertAccount(store: Store, connection: NewConnection, now: number): number {
  return store.transaction(() => {
    const row = store.sqlite
      .prepare(
        `INSERT INTO accounts (name, shop_name, base_url, shop_id, api_key, is_demo, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      )
      .get(connection.name, connection.shopName, connection.baseUrl, connection.shopId, connection.sealedApiKey, connection.isDemo ? 1 : 0, now, now) as { id: number };
    return row.id;
  });
}

export interface AccountChanges {
  name?: string;
  shopName?: string;
  baseUrl?: string;
  shopId?: string | null;
  sealedApiKey?: string | null;
}

/**
 * Applies the given changes. When the endpoint (URL or shop) changes, the sync starts
 * over from the beginning: the cursor, the reason labels and the threads kept aside
 * belonged to the other endpoint.
 */
export function updateAccount(store: Store, id: number, changes: AccountChanges, now: number): void {
  store.transaction(() => {
    const current = store.sqlite.prepare('SELECT base_url, shop_id FROM accounts WHERE id = ?').get(id) as
      | { base_url: string; shop_id: string | null }
      | undefined;
    if (!current) return;
    const baseUrl = changes.baseUrl ?? current.base_url;
    const shopId = changes.shopId !== undefined ? changes.shopId : current.shop_id;
    store.sqlite
      .prepare(
        `UPDATE accounts SET name = coalesce(?, name), shop_name = coalesce(?, shop_name), base_url = ?, shop_id = ?,
           api_key = CASE WHEN ? THEN ? ELSE api_key END, updated_at = ?
         WHERE id = ?`,
      )
      .run(changes.name ?? null, changes.shopName ?? null, baseUrl, shopId, changes.sealedApiKey !== undefined ? 1 : 0, changes.sealedApiKey ?? null, now, id);
    if (baseUrl !== current.base_url || shopId !== current.shop_id) {
      store.sqlite.prepare('UPDATE sync_state SET cursor = NULL, reasons_fetched_at = NULL WHERE account_id = ?').run(id);
      runNow(store, store.db.deleteFrom('message_reasons').where('account_id', '=', id));
      runNow(store, store.db.deleteFrom('stuck_threads').where('account_id', '=', id));
    }
  });
}

/** Removes the account and, by cascade, everything synced for it (and its unsent replies). */
export function deleteAccount(store: Store, id: number): boolean {
  return store.transaction(() => store.sqlite.prepare('DELETE FROM accounts WHERE id = ?').run(id).changes > 0);
}
