// Turns configured Mirakl settings into a ready connection: the account row in the
// store (created on first use, once A01 proved the URL and key) and its client.
import type { Store } from '../db/open';
import { ensureAccount, normalizeBaseUrl } from '../db/accounts';
import { findAccountByEndpoint, updateAccount } from '../db/account-admin';
import { setInitialSince, readSyncState } from '../db/sync-state';
import { MiraklClient, type MiraklClientOptions } from '../mirakl/client';
import { marketplaceNameFromUrl } from '../mirakl/marketplace-name';
import type { MiraklSettings } from '../config';

export interface Connection {
  accountId: number;
  accountName: string;
  client: MiraklClient;
}

export interface ConnectOptions {
  /** Stable identity of the endpoint in the store; the demo's port changes every run, its identity does not. */
  identityUrl?: string;
  /** The marketplace's name as shown in the inbox; default: made from the URL's host. Renames a known account. */
  displayName?: string;
  isDemo?: boolean;
  since?: number | null;
  clientOptions?: MiraklClientOptions;
}

export async function connect(store: Store, settings: MiraklSettings, options: ConnectOptions = {}): Promise<Connection> {
  const client = new MiraklClient(settings, options.clientOptions);
  const identityUrl = normalizeBaseUrl(options.identityUrl ?? settings.baseUrl);
  const known = await findAccountByEndpoint(store.db, identityUrl, settings.shopId);
  let accountId: number;
  let accountName: string;
  if (known) {
    ({ id: accountId, name: accountName } = known);
    if (options.displayName !== undefined && options.displayName !== accountName) {
      await updateAccount(store, accountId, { name: options.displayName }, Date.now());
      accountName = options.displayName;
    }
  } else {
    // A new connection: prove the URL and key work (A01, meant for about once a day).
    // One retry only: a wrong URL should be reported in seconds, not after a back-off.
    const shop = await new MiraklClient(settings, { ...options.clientOptions, retries: 1 }).getAccount();
    const account = await ensureAccount(store.db, {
      name: options.displayName ?? marketplaceNameFromUrl(identityUrl),
      shopName: shop.shop_name,
      baseUrl: identityUrl,
      shopId: settings.shopId,
      isDemo: options.isDemo ?? false,
    });
    accountId = account.id;
    accountName = account.name;
  }
  if (options.since != null) {
    const state = await readSyncState(store.db, accountId);
    if (state.cursor === null) await setInitialSince(store.db, accountId, options.since);
  }
  return { accountId, accountName, client };
}
