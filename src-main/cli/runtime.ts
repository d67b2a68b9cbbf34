// What both commands need: the store opened, and the connection given on the command line
// (or in the environment) ready. `sync` also takes the connections saved in the store, or
// the embedded demo (--demo); `serve` leaves saved connections and the demo to the service.
import { openStore, type Store } from '../db/open';
import { listAccounts } from '../db/accounts';
import { readSyncState, setInitialSince } from '../db/sync-state';
import { connect, type Connection } from '../sync/connection';
import { ConnectionRegistry } from '../service/connection-registry';
import { plainTextSecretBox } from '../service/secret-box';
import { ConfigError, type CommonConfig, type MiraklSettings } from '../config';
import type { MiraklClient } from '../mirakl/client';

export interface Runtime {
  store: Store;
  /** The command line's connection (settings and account), if it gave one. */
  given: { connection: Connection; settings: MiraklSettings } | null;
  close(): Promise<void>;
}

/** The store, and the connection of --mirakl-url/--api-key (proved through A01 the first time). */
export async function openRuntime(config: CommonConfig): Promise<Runtime> {
  const store = await openStore(config.database);
  try {
    let given: Runtime['given'] = null;
    if (config.mirakl) {
      const connection = await connect(store, config.mirakl, { since: config.since, ...(config.marketplaceName ? { displayName: config.marketplaceName } : {}) });
      given = { connection, settings: config.mirakl };
    }
    return { store, given, close: () => store.close() };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** A connection `sync` will run: its account, name and client, or why it cannot run here. */
export type SyncTarget = { accountId: number; accountName: string } & ({ client: MiraklClient; error: null } | { client: null; error: string });

export interface SyncTargets {
  targets: SyncTarget[];
  close(): Promise<void>;
}

/**
 * What `sync` syncs: the command line's connection; else the embedded demo (--demo); else
 * every real connection saved in the store (Settings), with keys this process can read.
 */
export async function syncTargets(config: CommonConfig, runtime: Runtime): Promise<SyncTargets> {
  const { store, given } = runtime;
  if (given) return { targets: [{ ...given.connection, error: null }], close: async () => undefined };
  if (config.demo) {
    // Loaded only here: a sync of a real shop never loads the embedded fake Mirakl (and its HTTP server).
    const { startDemo, DEMO_ACCOUNT_NAME, DEMO_IDENTITY_URL } = await import('../demo');
    const demo = await startDemo();
    try {
      const connection = await connect(store, demo.settings, { identityUrl: DEMO_IDENTITY_URL, displayName: DEMO_ACCOUNT_NAME, isDemo: true, since: config.since });
      return { targets: [{ ...connection, error: null }], close: () => demo.close() };
    } catch (error) {
      await demo.close();
      throw error;
    }
  }
  const saved = (await listAccounts(store.db)).filter((account) => account.is_demo === 0);
  if (saved.length === 0) {
    throw new ConfigError(
      'no Mirakl connection: pass --mirakl-url URL --api-key KEY (or MIRAKL_URL, MIRAKL_API_KEY), add one in Settings (desktop app or serve), or use --demo',
    );
  }
  // Keys saved by `serve` are readable here; keys sealed by the desktop app's OS keychain are not.
  const registry = new ConnectionRegistry(store, { secretBox: plainTextSecretBox }, null);
  const targets: SyncTarget[] = [];
  for (const account of saved) {
    if (config.since !== null && (await readSyncState(store.db, account.id)).cursor === null) await setInitialSince(store.db, account.id, config.since);
    try {
      targets.push({ accountId: account.id, accountName: account.name, client: await registry.clientFor(account.id), error: null });
    } catch (error) {
      targets.push({ accountId: account.id, accountName: account.name, client: null, error: (error as Error).message });
    }
  }
  return { targets, close: () => registry.close() };
}
