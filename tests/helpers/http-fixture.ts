// The whole stack as a user's script meets it: the fake Mirakl over real HTTP, a real
// store (the backend under test), the real app service (first sync done), and (for HTTP tests) the server
// on a free loopback port. No module of ours is replaced.
import crypto from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import type { Store } from '../../src-main/db/open';
import { FakeMiraklStore } from '../../src-main/fake-mirakl/store';
import { generateDemoData, type DemoDataSummary } from '../../src-main/fake-mirakl/demo-data';
import { startFakeMirakl, type FakeMirakl } from '../../src-main/fake-mirakl/server';
import { connect } from '../../src-main/sync/connection';
import { createAppService, plainTextSecretBox, type AppService } from '../../src-main/service/index';
import { createHttpServer, type HttpServer } from '../../src-main/http/server';
import { generateApiToken } from '../../src-main/http/api-token';
import { all, onPostgres, openTestStore, sql } from './test-store';

export const FAKE_API_KEY = 'test-key';
export const TEST_VERSION = '9.9.9-test';
const FAST_CLIENT = { timeoutMs: 2_000, baseDelayMs: 20, retries: 2 };

export interface ServiceFixture {
  fake: FakeMirakl;
  demo: DemoDataSummary;
  store: Store;
  service: AppService;
  accountId: number;
  /** Unexpected failures the service (or the server) logged. */
  logged: unknown[];
  close(): Promise<void>;
}

/** The fake Mirakl over real HTTP, a real store on disk, the real app service with the first sync done. */
export async function serviceFixture(dir: string, options: { threads?: number } = {}): Promise<ServiceFixture> {
  const fakeStore = new FakeMiraklStore();
  const demo = generateDemoData(fakeStore, { threads: options.threads ?? 40, seed: 11 });
  const fake = await startFakeMirakl({ store: fakeStore, apiKey: FAKE_API_KEY });
  const store = await openTestStore(dir);
  const settings = { baseUrl: fake.url, apiKey: FAKE_API_KEY, shopId: null };
  const connection = await connect(store, settings, { clientOptions: FAST_CLIENT });
  const logged: unknown[] = [];
  const service = createAppService({
    store,
    dataDir: path.join(dir, `data-${crypto.randomBytes(4).toString('hex')}`),
    version: TEST_VERSION,
    syncIntervalMs: 3_600_000,
    sync: false,
    connections: { secretBox: plainTextSecretBox, runtime: [{ accountId: connection.accountId, settings }], clientOptions: FAST_CLIENT, demo: false },
    outbox: { timing: { baseDelayMs: 50, maxDelayMs: 200, settleMs: 50, pollMs: 100, stopGraceMs: 500 } },
    log: (message, error) => logged.push({ message, error }),
  });
  await service.start();
  await syncAndWait(service, connection.accountId);
  return {
    fake,
    demo,
    store,
    service,
    accountId: connection.accountId,
    logged,
    async close() {
      await service.stop();
      await fake.close();
      await store.close();
    },
  };
}

export interface HttpFixture extends ServiceFixture {
  server: HttpServer;
  /** http://127.0.0.1:PORT (no trailing slash). */
  base: string;
  port: number;
  token: string;
  /** fetch with the bearer token. */
  api(pathAndQuery: string, init?: RequestInit): Promise<Response>;
  /** JSON in and out, with the token; throws on a non-2xx answer. */
  json<T = Record<string, unknown>>(method: string, pathAndQuery: string, body?: unknown): Promise<T>;
}

export interface HttpFixtureOptions {
  threads?: number;
  heartbeatMs?: number;
  staticDir?: string;
  requestTimeoutMs?: number;
}

/** serviceFixture plus the HTTP server on a free loopback port. */
export async function httpFixture(dir: string, options: HttpFixtureOptions = {}): Promise<HttpFixture> {
  const base = await serviceFixture(dir, options.threads !== undefined ? { threads: options.threads } : {});
  const token = generateApiToken();
  const server = createHttpServer({
    service: base.service,
    token,
    port: 0,
    version: TEST_VERSION,
    heartbeatMs: options.heartbeatMs ?? 15_000,
    ...(options.staticDir ? { staticDir: options.staticDir } : {}),
    ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    logError: (message, error) => base.logged.push({ message, error }),
  });
  const { port } = await server.listen();
  const origin = `http://127.0.0.1:${port}`;
  const api = (pathAndQuery: string, init: RequestInit = {}) =>
    fetch(`${origin}${pathAndQuery}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string> | undefined) } });
  return {
    ...base,
    server,
    base: origin,
    port,
    token,
    api,
    async json<T>(method: string, pathAndQuery: string, body?: unknown): Promise<T> {
      const init: RequestInit = { method };
      if (body !== undefined) {
        init.body = JSON.stringify(body);
        init.headers = { 'content-type': 'application/json' };
      }
      const response = await api(pathAndQuery, init);
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${pathAndQuery} → ${response.status} ${text}`);
      return JSON.parse(text) as T;
    },
    async close() {
      await server.close();
      await base.close();
    },
  };
}

/** syncNow starts a pass (or joins one) and answers at once; this waits for the pass to end. */
export async function syncAndWait(service: AppService, accountId: number, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  await service.api.syncNow({ accountId });
  for (;;) {
    const { connections } = await service.api.getSyncStatus({});
    const status = connections.find((s) => s.accountId === accountId);
    if (status && status.state === 'idle') {
      if (status.lastError && Date.parse(status.lastError.at) >= started - 1000) throw new Error(`sync failed: ${status.lastError.message}`);
      if (status.lastSuccessAt && Date.parse(status.lastSuccessAt) >= started - 1000) return;
    }
    if (Date.now() - started > timeoutMs) throw new Error('sync did not finish in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A request with full control of the headers (fetch forbids setting Host) and of the
 * body's bytes. Resolves even when the server cuts the upload short.
 */
export function rawRequest(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string | number>; body?: string | Buffer },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers ?? {}, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    // The server may answer (413) and close before the whole body is written.
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    request.end(options.body);
  });
}

/** Row count and a digest of every row of every real table: equal snapshots mean nothing changed. */
export async function snapshotTables(store: Store): Promise<Record<string, { rows: number; digest: string }>> {
  const tables = await all<{ name: string }>(
    store,
    onPostgres
      ? sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`
      : sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name`,
  );
  const snapshot: Record<string, { rows: number; digest: string }> = {};
  for (const { name } of tables) {
    const rows = (await all<Record<string, unknown>>(store, sql`SELECT * FROM ${sql.table(name)}`)).map((r) => Object.values(r));
    const lines = rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : typeof v === 'bigint' ? String(v) : v))).sort();
    snapshot[name] = { rows: rows.length, digest: crypto.createHash('sha256').update(lines.join('\n')).digest('hex') };
  }
  return snapshot;
}
