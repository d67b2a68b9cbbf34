// A real store (the backend under test), the fake Mirakl over real HTTP on loopback, and a connection between them.
import type { Store } from '../../src-main/db/open';
import { FakeMiraklStore } from '../../src-main/fake-mirakl/store';
import { generateDemoData, type DemoDataSummary } from '../../src-main/fake-mirakl/demo-data';
import { startFakeMirakl, type FakeMirakl } from '../../src-main/fake-mirakl/server';
import { connect, type Connection } from '../../src-main/sync/connection';
import { runSyncPass, type SyncPassOptions, type SyncPassResult } from '../../src-main/sync/workflow';
import { all, openTestStore, sql } from './test-store';

export interface SyncFixture {
  fake: FakeMirakl;
  store: Store;
  connection: Connection;
  demo: DemoDataSummary | null;
  sync(extra?: Partial<SyncPassOptions>): Promise<SyncPassResult>;
  close(): Promise<void>;
}

export async function syncFixture(dir: string, options: { threads?: number; seed?: number } = {}): Promise<SyncFixture> {
  const fakeStore = new FakeMiraklStore();
  const demo = options.threads ? generateDemoData(fakeStore, { threads: options.threads, seed: options.seed ?? 7 }) : null;
  const fake = await startFakeMirakl({ store: fakeStore, apiKey: 'test-key' });
  const store = await openTestStore(dir);
  const connection = await connect(
    store,
    { baseUrl: fake.url, apiKey: 'test-key', shopId: null },
    { clientOptions: { timeoutMs: 2_000, baseDelayMs: 20, retries: 4 } },
  );
  return {
    fake,
    store,
    connection,
    demo,
    sync: (extra = {}) => runSyncPass({ store, client: connection.client, accountId: connection.accountId, pageSize: 20, ...extra }),
    close: async () => {
      await fake.close();
      await store.close();
    },
  };
}

/** Every (thread id, message id) pair the fake holds. */
export function fakeMessageIds(fake: FakeMirakl): Set<string> {
  const ids = new Set<string>();
  for (const thread of fake.store.listThreads()) for (const m of thread.messages) ids.add(`${thread.id}/${m.id}`);
  return ids;
}

/** Every (thread id, message id) pair the store holds; throws on a duplicate. */
export async function storedMessageIds(store: Store): Promise<Set<string>> {
  const rows = await all<{ t: string; m: string }>(
    store,
    sql`SELECT c.mirakl_thread_id AS t, m.mirakl_message_id AS m FROM messages m JOIN conversations c ON c.id = m.conversation_id
        WHERE m.mirakl_message_id IS NOT NULL`,
  );
  const ids = new Set<string>();
  for (const r of rows) {
    const key = `${r.t}/${r.m}`;
    if (ids.has(key)) throw new Error(`duplicate message ${key}`);
    ids.add(key);
  }
  return ids;
}
