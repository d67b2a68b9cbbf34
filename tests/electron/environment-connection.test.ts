// The desktop app can take its Mirakl connection from the environment, as `serve` does
// (MIRAKL_URL, MIRAKL_API_KEY, MIRAKL_MARKETPLACE, CS_SYNC_INTERVAL): for a machine with no
// keyring to seal a key in, a managed install, and the Electron UI suite. The key stays in
// memory: nothing of it is written to the store.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { channelOf, type ConversationPage, type Connection, type Result } from '../../src-shared/contract';
import { FakeMiraklStore } from '../../src-main/fake-mirakl/store';
import { generateDemoData } from '../../src-main/fake-mirakl/demo-data';
import { startFakeMirakl, type FakeMirakl } from '../../src-main/fake-mirakl/server';
import { fake } from './fake-electron';
import { tempDir } from '../helpers/temp-dir';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const root = path.resolve(import.meta.dirname, '..', '..');
const pageUrl = pathToFileURL(path.join(root, 'dist', 'renderer', 'index.html')).href;
const userData = tempDir('mcs-electron-env-');
const invoke = async <T,>(name: Parameters<typeof channelOf>[0], input: unknown) => {
  const result = (await fake.ipcMain.invoke(channelOf(name), pageUrl, input)) as Result<T>;
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.value;
};

describe('a Mirakl connection from the environment', () => {
  let mirakl: FakeMirakl;
  const saved = { ...process.env };

  beforeAll(async () => {
    const store = new FakeMiraklStore();
    generateDemoData(store, { threads: 12, seed: 21 });
    mirakl = await startFakeMirakl({ store, apiKey: 'env-secret-key' });
    Object.assign(process.env, { MIRAKL_URL: mirakl.url, MIRAKL_API_KEY: 'env-secret-key', MIRAKL_MARKETPLACE: 'Carrefour Marketplace', CS_SYNC_INTERVAL: '1' });
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    fake.app.setPath('userData', userData);
    fake.app.appPath = root;
    await import('../../src-main/electron/main');
  });

  afterAll(async () => {
    process.env = saved;
    if (fake.app.exitCode === null) {
      fake.app.quit();
      await fake.app.exitedWith;
    }
    vi.restoreAllMocks();
    await mirakl.close();
  });

  it('syncs that marketplace instead of the demo, under the name given, and keeps the key out of the store', async () => {
    let page: ConversationPage = { items: [], nextCursor: null };
    for (let i = 0; i < 200 && page.items.length < 12; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (fake.ipcMain.handlers.size > 0) page = await invoke<ConversationPage>('listConversations', { limit: 50 });
    }
    expect(page.items).toHaveLength(12);
    const { items } = await invoke<{ items: Connection[] }>('listConnections', {});
    expect(items).toEqual([expect.objectContaining({ name: 'Carrefour Marketplace', baseUrl: mirakl.url, isDemo: false, hasApiKey: true, keySource: 'launch' })]);
    const db = new BetterSqlite3(path.join(userData, 'inbox.db'), { readonly: true });
    try {
      expect(db.prepare('SELECT api_key FROM accounts').pluck().all()).toEqual([null]);
    } finally {
      db.close();
    }
  });

  it('syncs at the interval it was given: a new customer message arrives within seconds', async () => {
    const thread = mirakl.store.listThreads()[0]!;
    mirakl.store.addCustomerMessage(thread.id, 'Environment-configured sync works');
    let found = false;
    for (let i = 0; i < 100 && !found; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const page = await invoke<ConversationPage>('listConversations', { limit: 1 });
      found = page.items[0]?.lastMessagePreview === 'Environment-configured sync works';
    }
    expect(found).toBe(true);
  });
});
