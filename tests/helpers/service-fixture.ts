// The app service over a real store, talking over real HTTP to the fake Mirakl (through
// a lossy proxy, so tests can also lose answers Mirakl already processed).
import crypto from 'node:crypto';
import path from 'node:path';
import type { AppEvent } from '../../src-shared/contract';
import type { Store } from '../../src-main/db/open';
import { FakeMiraklStore } from '../../src-main/fake-mirakl/store';
import { generateDemoData } from '../../src-main/fake-mirakl/demo-data';
import { startFakeMirakl, type FakeMirakl } from '../../src-main/fake-mirakl/server';
import type { MiraklClientOptions } from '../../src-main/mirakl/client';
import { connect } from '../../src-main/sync/connection';
import { runSyncPass } from '../../src-main/sync/workflow';
import { createAppService, type AppService, type AppServiceOptions } from '../../src-main/service/app-service';
import { plainTextSecretBox } from '../../src-main/service/secret-box';
import type { OutboxTiming } from '../../src-main/service/outbox-sender';
import { startLossyProxy, type LossyProxy } from './lossy-proxy';
import { one, openTestStore, sql } from './test-store';

export const TEST_KEY = 'test-key';

/** Short everything: a test waits milliseconds, not minutes. */
export const FAST_CLIENT: MiraklClientOptions = { timeoutMs: 400, retries: 2, baseDelayMs: 10, maxRetryAfterMs: 5_000 };
export const FAST_OUTBOX: Partial<OutboxTiming> = {
  baseDelayMs: 30,
  maxDelayMs: 200,
  settleMs: 50,
  leaseMs: 5_000,
  pollMs: 500,
  stopGraceMs: 500,
};

export interface ServiceFixture {
  fake: FakeMirakl;
  proxy: LossyProxy;
  store: Store;
  service: AppService;
  accountId: number;
  events: AppEvent[];
  dataDir: string;
  /** A sync pass through the service's own scheduler, awaited. */
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface ServiceFixtureOptions {
  threads?: number;
  seed?: number;
  outbox?: Partial<OutboxTiming>;
  client?: MiraklClientOptions;
  service?: Partial<AppServiceOptions>;
}

export async function serviceFixture(dir: string, options: ServiceFixtureOptions = {}): Promise<ServiceFixture> {
  const fakeStore = new FakeMiraklStore();
  generateDemoData(fakeStore, { threads: options.threads ?? 12, seed: options.seed ?? 5 });
  const fake = await startFakeMirakl({ store: fakeStore, apiKey: TEST_KEY });
  const proxy = await startLossyProxy(fake.url);
  const store = await openTestStore(dir);
  const client = { ...FAST_CLIENT, ...options.client };
  const settings = { baseUrl: proxy.url, apiKey: TEST_KEY, shopId: null };
  const connection = await connect(store, settings, { clientOptions: client });
  await runSyncPass({ store, client: connection.client, accountId: connection.accountId, pageSize: 50 });
  const dataDir = path.join(dir, `data-${crypto.randomBytes(4).toString('hex')}`);
  const service = createAppService({
    store,
    dataDir,
    version: 'test',
    syncIntervalMs: 60_000,
    sync: false,
    connections: { secretBox: plainTextSecretBox, runtime: [{ accountId: connection.accountId, settings }], clientOptions: client, demo: false },
    outbox: { timing: { ...FAST_OUTBOX, ...options.outbox } },
    log: () => undefined,
    ...options.service,
  });
  const events: AppEvent[] = [];
  service.subscribe((e) => events.push(e));
  await service.start();
  return {
    fake,
    proxy,
    store,
    service,
    accountId: connection.accountId,
    events,
    dataDir,
    sync: async () => {
      await service.api.syncNow({ accountId: connection.accountId });
      await waitFor(async () => (await service.api.getSyncStatus({})).connections.every((s) => s.state === 'idle'), 10_000);
    },
    close: async () => {
      await service.stop();
      await proxy.close();
      await fake.close();
      await store.close();
    },
  };
}

/** Polls until `check` holds (or throws the last failure after `timeoutMs`). */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The fake's copies of a shop message with this body in a thread. */
export function copiesOnFake(fake: FakeMirakl, threadId: string, body: string): number {
  return fake.store.getThread(threadId)?.messages.filter((m) => m.from.type === 'SHOP_USER' && m.body === body).length ?? 0;
}

/** M12 calls the fake received for a thread. */
export function postsTo(fake: FakeMirakl, threadId: string): number {
  return fake.calls.filter((c) => c.method === 'POST' && c.path === `/api/inbox/threads/${threadId}/message`).length;
}

/** A local conversation of the fixture, with its Mirakl thread id. */
export async function someConversation(store: Store, offset = 0): Promise<{ id: number; threadId: string }> {
  const row = await one<{ id: number; threadId: string }>(
    store,
    sql`SELECT id, mirakl_thread_id AS "threadId" FROM conversations WHERE customer_id IS NOT NULL ORDER BY id LIMIT 1 OFFSET ${offset}`,
  );
  if (!row) throw new Error('no conversation');
  return row;
}
