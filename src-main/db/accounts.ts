// Mirakl connections. A seller often sells on several marketplaces: one row each.
import type { Kysely } from 'kysely';
import type { Account, Database } from './schema';

export interface AccountIdentity {
  name: string;
  /** A01's shop_name, when known. */
  shopName?: string | null;
  baseUrl: string;
  shopId: string | null;
  isDemo?: boolean;
}

/** Finds the account for this endpoint (base URL + shop), creating it the first time. */
export async function ensureAccount(db: Kysely<Database>, identity: AccountIdentity, now = Date.now()): Promise<Account> {
  const baseUrl = normalizeBaseUrl(identity.baseUrl);
  const existing = await db
    .selectFrom('accounts')
    .selectAll()
    .where('base_url', '=', baseUrl)
    .where((eb) => (identity.shopId === null ? eb('shop_id', 'is', null) : eb('shop_id', '=', identity.shopId)))
    .executeTakeFirst();
  if (existing) return existing;
  return db
    .insertInto('accounts')
    .values({
      name: identity.name,
      shop_name: identity.shopName ?? null,
      base_url: baseUrl,
      shop_id: identity.shopId,
      api_key: null,
      is_demo: identity.isDemo ? 1 : 0,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listAccounts(db: Kysely<Database>): Promise<Account[]> {
  return db.selectFrom('accounts').selectAll().orderBy('id').execute();
}

/**
 * One spelling per endpoint, whoever entered it (the CLI, Settings): the URL's canonical
 * form (lower-case host, no default port) without trailing slashes.
 */
export function normalizeBaseUrl(url: string): string {
  const trimmed = url.trim();
  try {
    return new URL(trimmed).toString().replace(/\/+$/, '');
  } catch {
    return trimmed.replace(/\/+$/, ''); // not a URL (e.g. the demo's identity): kept as written
  }
}
