// What both commands need: the store opened and the configured connection (real or demo) ready.
import { openStore, type Store } from '../db/open';
import { connect, type Connection } from '../sync/connection';
import { startDemo, DEMO_ACCOUNT_NAME, DEMO_IDENTITY_URL, type Demo } from '../demo';
import type { CommonConfig } from '../config';

export interface Runtime {
  store: Store;
  connection: Connection;
  demo: Demo | null;
  close(): Promise<void>;
}

export async function openRuntime(config: CommonConfig): Promise<Runtime> {
  const store = await openStore(config.database);
  let demo: Demo | null = null;
  try {
    let connection: Connection;
    if (config.mirakl) {
      connection = await connect(store, config.mirakl, { since: config.since, ...(config.marketplaceName ? { displayName: config.marketplaceName } : {}) });
    } else {
      demo = await startDemo();
      connection = await connect(store, demo.settings, {
        identityUrl: DEMO_IDENTITY_URL,
        displayName: DEMO_ACCOUNT_NAME,
        isDemo: true,
        since: config.since,
      });
    }
    return {
      store,
      connection,
      demo,
      close: async () => {
        await demo?.close();
        await store.close();
      },
    };
  } catch (error) {
    await demo?.close();
    await store.close();
    throw error;
  }
}
