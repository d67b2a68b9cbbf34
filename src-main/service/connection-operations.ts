// Mirakl connections: list, add (tested through A01 first: a failing one is refused with
// Mirakl's reason), test, edit, remove. The API key is write-only: sealed at rest by the
// SecretBox (or kept in memory for a command-line connection), never returned.
import { marketplaceNameFromUrl } from '../mirakl/marketplace-name';
import type { ServiceApi } from '../../src-shared/contract';
import type { MiraklSettings } from '../config';
import type { Store } from '../db/open';
import { listAccounts, normalizeBaseUrl } from '../db/accounts';
import { deleteAccount, findAccount, findAccountByEndpoint, insertAccount, updateAccount, type AccountChanges } from '../db/account-admin';
import { writePreferences } from '../db/preferences';
import { toConnection } from '../db/contract-mapping';
import { MiraklError } from '../mirakl/errors';
import type { A01Response } from '../mirakl/schemas';
import type { AttachmentCache } from './attachment-cache';
import type { ConnectionRegistry } from './connection-registry';
import type { DemoAccount } from './demo-account';
import { ServiceError, fromMiraklError, notFound } from './errors';
import type { SyncManager } from './sync-manager';

export interface ConnectionDeps {
  store: Store;
  registry: ConnectionRegistry;
  sync: SyncManager;
  attachments: AttachmentCache;
  demo: DemoAccount;
  now(): number;
}

type ConnectionOperations = Pick<ServiceApi, 'listConnections' | 'addConnection' | 'testConnection' | 'updateConnection' | 'removeConnection'>;

/** A connection test is interactive: one retry, not the sync's patience. */
const TEST_CLIENT = { retries: 1 } as const;

function keyNeededForNewAddress(): ServiceError {
  return new ServiceError('invalid_field', 'Enter the API key again for a new address: a stored key is only sent to its own marketplace', 'apiKey');
}

export function connectionOperations(deps: ConnectionDeps): ConnectionOperations {
  const { store, registry, sync } = deps;

  /** A01 with these settings; throws mirakl_refused / mirakl_unreachable with Mirakl's reason. */
  async function proveSettings(settings: MiraklSettings): Promise<A01Response> {
    try {
      return await registry.newClient(settings, TEST_CLIENT).getAccount();
    } catch (error) {
      throw fromMiraklError(error, 'The connection test failed');
    }
  }

  async function connectionOf(id: number) {
    const account = await findAccount(store.db, id);
    if (!account) throw notFound('Connection', id);
    return toConnection(account, registry.keySource(account));
  }

  async function refuseDuplicate(baseUrl: string, shopId: string | null, exceptId?: number): Promise<void> {
    if (await findAccountByEndpoint(store.db, baseUrl, shopId, exceptId)) {
      throw new ServiceError('conflict', 'This marketplace shop is already connected', 'baseUrl');
    }
  }

  return {
    async listConnections() {
      const accounts = await listAccounts(store.db);
      return { items: accounts.map((a) => toConnection(a, registry.keySource(a))) };
    },

    async addConnection(input) {
      const baseUrl = normalizeBaseUrl(input.baseUrl);
      await refuseDuplicate(baseUrl, input.shopId);
      const shop = await proveSettings({ baseUrl, apiKey: input.apiKey, shopId: input.shopId });
      const id = await insertAccount(
        store.db,
        { name: input.name ?? marketplaceNameFromUrl(baseUrl), shopName: shop.shop_name, baseUrl, shopId: input.shopId, sealedApiKey: registry.secretBox.seal(input.apiKey), isDemo: false },
        deps.now(),
      );
      await sync.ensure(id);
      await deps.demo.reconcile();
      return connectionOf(id);
    },

    async testConnection(input) {
      let settings: MiraklSettings;
      if (input.id !== undefined) {
        const account = await findAccount(store.db, input.id);
        if (!account) throw notFound('Connection', input.id);
        let stored: MiraklSettings | null = null;
        if (input.apiKey === undefined || account.is_demo === 1) {
          try {
            stored = await registry.settingsFor(account);
          } catch (error) {
            return { ok: false, shopId: null, shopName: null, error: (error as Error).message };
          }
        }
        if (input.apiKey === undefined && input.baseUrl !== undefined && normalizeBaseUrl(input.baseUrl) !== account.base_url) {
          throw keyNeededForNewAddress();
        }
        settings = {
          baseUrl: input.baseUrl !== undefined ? normalizeBaseUrl(input.baseUrl) : (stored?.baseUrl ?? account.base_url),
          apiKey: input.apiKey ?? stored?.apiKey ?? '',
          shopId: input.shopId !== undefined ? input.shopId : (stored?.shopId ?? account.shop_id),
        };
      } else {
        if (input.baseUrl === undefined) throw new ServiceError('invalid_field', 'baseUrl is required to test unsaved settings', 'baseUrl');
        if (input.apiKey === undefined) throw new ServiceError('invalid_field', 'apiKey is required to test unsaved settings', 'apiKey');
        settings = { baseUrl: normalizeBaseUrl(input.baseUrl), apiKey: input.apiKey, shopId: input.shopId ?? null };
      }
      try {
        const shop = await registry.newClient(settings, TEST_CLIENT).getAccount();
        return { ok: true, shopId: shop.shop_id, shopName: shop.shop_name, error: null };
      } catch (error) {
        return { ok: false, shopId: null, shopName: null, error: error instanceof MiraklError ? error.reason : error instanceof Error ? error.message : String(error) };
      }
    },

    async updateConnection(input) {
      const account = await findAccount(store.db, input.id);
      if (!account) throw notFound('Connection', input.id);
      if (account.is_demo === 1) throw new ServiceError('forbidden', 'The demo connection cannot be edited');
      const baseUrl = input.baseUrl !== undefined ? normalizeBaseUrl(input.baseUrl) : account.base_url;
      const shopId = input.shopId !== undefined ? input.shopId : account.shop_id;
      const endpointChanged = baseUrl !== account.base_url || shopId !== account.shop_id;
      const reconnect = endpointChanged || input.apiKey !== undefined;
      if (endpointChanged) {
        await refuseDuplicate(baseUrl, shopId, account.id);
        // A stored key is only ever sent to the marketplace it was entered for.
        if (baseUrl !== account.base_url && input.apiKey === undefined) throw keyNeededForNewAddress();
        // Conversations belong to the marketplace they came from: another one is another connection.
        const holds = (await store.db.selectFrom('conversations').select('id').where('account_id', '=', account.id).limit(1).executeTakeFirst()) !== undefined;
        if (holds) {
          throw new ServiceError(
            'conflict',
            'This connection already holds conversations from its marketplace and shop: add a new connection for another one',
            baseUrl !== account.base_url ? 'baseUrl' : 'shopId',
          );
        }
      }
      const changes: AccountChanges = {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(endpointChanged ? { baseUrl, shopId } : {}),
      };
      if (reconnect) {
        const apiKey = input.apiKey ?? (await registry.settingsFor(account)).apiKey;
        const settings = { baseUrl, apiKey, shopId };
        changes.shopName = (await proveSettings(settings)).shop_name;
        if (registry.isRuntime(account.id)) registry.setRuntime(account.id, settings);
        else if (input.apiKey !== undefined) changes.sealedApiKey = registry.secretBox.seal(input.apiKey);
      }
      await updateAccount(store, account.id, changes, deps.now());
      if (reconnect) {
        registry.invalidate(account.id);
        await sync.restart(account.id);
      }
      return connectionOf(account.id);
    },

    async removeConnection(input) {
      const account = await findAccount(store.db, input.id);
      if (!account) throw notFound('Connection', input.id);
      await sync.remove(account.id, true);
      await deleteAccount(store.db, account.id);
      registry.forget(account.id);
      await deps.attachments.forgetAccount(account.id);
      if (account.is_demo === 1) {
        // Removing the demo is turning it off; otherwise it would come straight back.
        await writePreferences(store.db, { demoEnabled: false }, deps.now());
        await registry.closeDemo();
      }
      await deps.demo.reconcile();
      return { ok: true as const };
    },
  };
}
