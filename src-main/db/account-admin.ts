// Managing Mirakl connections from the app: one row per marketplace shop, its API key
// stored sealed (see service/secret-box). Finding or creating an account for the sync
// lives in db/accounts.
import type { Kysely } from 'kysely';
import { forUpdate } from './dialect';
import type { Store } from './open';
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

export async function insertAccount(db: Kysely<Database>, connection: NewConnection, now: number): Promise<number> {
  const row = await db
    .insertInto('accounts')
    .values({
      name: connection.name,
      shop_name: connection.shopName,
      base_url: connection.baseUrl,
      shop_id: connection.shopId,
      api_key: connection.sealedApiKey,
      is_demo: connection.isDemo ? 1 : 0,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
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
export function updateAccount(store: Store, id: number, changes: AccountChanges, now: number): Promise<void> {
  return store.transaction(async (trx) => {
    const current = await forUpdate(trx, trx.selectFrom('accounts').select(['base_url', 'shop_id']).where('id', '=', id)).executeTakeFirst();
    if (!current) return;
    const baseUrl = changes.baseUrl ?? current.base_url;
    const shopId = changes.shopId !== undefined ? changes.shopId : current.shop_id;
    await trx
      .updateTable('accounts')
      .set({
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.shopName !== undefined ? { shop_name: changes.shopName } : {}),
        ...(changes.sealedApiKey !== undefined ? { api_key: changes.sealedApiKey } : {}),
        base_url: baseUrl,
        shop_id: shopId,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    if (baseUrl !== current.base_url || shopId !== current.shop_id) {
      await trx.updateTable('sync_state').set({ cursor: null, reasons_fetched_at: null }).where('account_id', '=', id).execute();
      await trx.deleteFrom('message_reasons').where('account_id', '=', id).execute();
      await trx.deleteFrom('stuck_threads').where('account_id', '=', id).execute();
    }
  });
}

/** Removes the account and, by cascade, everything synced for it (and its unsent replies). */
export async function deleteAccount(db: Kysely<Database>, id: number): Promise<boolean> {
  const result = await db.deleteFrom('accounts').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
