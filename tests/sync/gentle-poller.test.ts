// The poller against the fake Mirakl over real HTTP, through the app service: how many calls
// a pass costs, how often an inbox in use and one nobody looks at are polled, and how a
// connection that keeps failing backs off (a refused key, a server that cannot be reached).
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../src-shared/sync-status';
import { openStore, type Store } from '../../src-main/db/open';
import { generateDemoData } from '../../src-main/fake-mirakl/demo-data';
import { startFakeMirakl, type FakeMirakl } from '../../src-main/fake-mirakl/server';
import { FakeMiraklStore } from '../../src-main/fake-mirakl/store';
import { createAppService, type AppService, type AppServiceOptions } from '../../src-main/service/app-service';
import { plainTextSecretBox } from '../../src-main/service/secret-box';
import { connect } from '../../src-main/sync/connection';
import { freePort } from '../helpers/free-port';
import { FAST_CLIENT, TEST_KEY, waitFor } from '../helpers/service-fixture';
import { dbPath, tempDir } from '../helpers/temp-dir';

const M11 = '/api/inbox/threads';

describe('the gentle poller', () => {
  const dir = tempDir();
  let fake: FakeMirakl;
  let store: Store;
  let accountId: number;
  let service: AppService | null = null;

  beforeAll(async () => {
    const fakeStore = new FakeMiraklStore();
    generateDemoData(fakeStore, { threads: 30, seed: 9 });
    fake = await startFakeMirakl({ store: fakeStore, apiKey: TEST_KEY });
    store = await openStore(dbPath(dir));
    accountId = (await connect(store, { baseUrl: fake.url, apiKey: TEST_KEY, shopId: null }, { clientOptions: FAST_CLIENT })).accountId;
  });
  afterEach(async () => {
    await service?.stop();
    service = null;
    fake.faults.reset();
  });
  afterAll(async () => {
    await fake.close();
    await store.close();
  });

  /** The app service on this store, its one connection reaching `baseUrl` with `apiKey`. */
  async function start(options: { baseUrl?: string; apiKey?: string } & Partial<AppServiceOptions> = {}): Promise<AppService> {
    const { baseUrl = fake.url, apiKey = TEST_KEY, ...rest } = options;
    service = createAppService({
      store,
      dataDir: path.join(dir, 'data'),
      version: 'test',
      syncIntervalMs: 60_000,
      sync: true,
      connections: { secretBox: plainTextSecretBox, runtime: [{ accountId, settings: { baseUrl, apiKey, shopId: null } }], clientOptions: FAST_CLIENT, demo: false },
      log: () => undefined,
      ...rest,
    });
    await service.start();
    return service;
  }

  const status = async (): Promise<SyncStatus> => (await service!.api.getSyncStatus({})).connections.find((s) => s.accountId === accountId)!;
  const firstPages = (since: number) => fake.calls.filter((c) => c.path === M11 && !c.query.page_token && c.time >= since);

  it('a pass with nothing new costs one request (M11), counted per pass and per hour in the status', async () => {
    await start({ syncPass: { pageSize: 10 } });
    // The first pass of this store walks every page and asks for the orders.
    await waitFor(async () => (await status()).lastSuccessAt !== null, 15_000, 'first pass');
    const first = await status();
    expect(first.calls.lastPass).toBeGreaterThan(1);
    expect(first.calls.lastPassByOperation.OR11).toBeGreaterThan(0);

    const before = fake.calls.length;
    await service!.api.syncNow({ accountId });
    await waitFor(async () => (await status()).state === 'idle' && fake.calls.length > before);
    const second = await status();
    expect(fake.calls.slice(before).map((c) => c.path)).toEqual([M11]);
    expect(second.calls.lastPass).toBe(1);
    expect(second.calls.lastPassByOperation).toEqual({ M11: 1 });
    expect(second.calls.lastHour).toBe(first.calls.lastPass! + 1);
    expect(second.backoff).toBeNull();
    expect(second.poll).toEqual({ mode: 'active', intervalSeconds: 60 });
  });

  it('polls every interval while in use, every idle interval while nobody looks, and at once when someone comes back', async () => {
    await start({ syncIntervalMs: 150, poll: { idleIntervalMs: 1_000 }, watched: false });
    const started = Date.now();
    await new Promise((r) => setTimeout(r, 1_500));
    // The pass at the start, then one a second.
    expect(firstPages(started).length).toBeLessThanOrEqual(3);
    expect((await status()).poll).toEqual({ mode: 'idle', intervalSeconds: 1 });

    const back = Date.now();
    service!.reportActivity('watched');
    await waitFor(() => firstPages(back).length >= 1, 500, 'a pass at once');
    await new Promise((r) => setTimeout(r, 1_200));
    expect(firstPages(back).length).toBeGreaterThanOrEqual(5);
    expect((await status()).poll).toEqual({ mode: 'active', intervalSeconds: 0.15 });
  });

  it('a refused key (401) stops the polling until the connection is edited, and the status says so', async () => {
    await start({ apiKey: 'not-the-key', syncIntervalMs: 100 });
    await waitFor(async () => (await status()).backoff !== null, 10_000, 'back-off');
    const refused = await status();
    expect(refused.backoff).toEqual({ reason: 'rejected', failures: 1, retryAt: null });
    expect(refused.nextRunAt).toBeNull();
    expect(refused.lastError?.message).toMatch(/refused the API key/);
    const calls = fake.calls.length;
    await new Promise((r) => setTimeout(r, 800));
    expect(fake.calls.length).toBe(calls);
    // Coming back does not retry a refused key either: only the user can fix it.
    service!.reportActivity('online');
    await new Promise((r) => setTimeout(r, 200));
    expect(fake.calls.length).toBe(calls);
  });

  it('a server that cannot be reached is tried again later and later, up to the longest wait, and the status says when', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    await start({ baseUrl: closed, syncIntervalMs: 100, poll: { idleIntervalMs: 100, backoffMaxMs: 400 } });
    const waits: number[] = [];
    let seen = 0;
    await waitFor(
      async () => {
        const s = await status();
        if (s.backoff && s.backoff.failures > seen && s.backoff.retryAt) {
          seen = s.backoff.failures;
          expect(s.backoff.reason).toBe('unreachable');
          expect(s.backoff.retryAt).toBe(s.nextRunAt);
          waits.push(Date.parse(s.backoff.retryAt) - Date.parse(s.lastError!.at));
        }
        return seen >= 5;
      },
      10_000,
      'five failures',
    );
    // 100, 200, 400, then 400 ms: twice as long each time, up to the longest wait.
    expect(waits.map((w) => Math.round(w / 100) * 100)).toEqual([100, 200, 400, 400, 400]);
    expect((await status()).lastError).toMatchObject({ offline: true });
  });
});
