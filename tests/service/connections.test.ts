// Connections and preferences: a connection is added only once Mirakl accepted it (A01),
// its key is sealed at rest and never returned; the demo inbox comes and goes with real
// connections and the preference; the sync interval reaches running schedulers.
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { operations } from '../../src-shared/contract';
import type { Store } from '../../src-main/db/open';
import { FakeMiraklStore } from '../../src-main/fake-mirakl/store';
import { generateDemoData } from '../../src-main/fake-mirakl/demo-data';
import { startFakeMirakl, type FakeMirakl } from '../../src-main/fake-mirakl/server';
import { startDemo } from '../../src-main/demo';
import { createAppService, type AppService, type AppServiceOptions } from '../../src-main/service/app-service';
import { plainTextSecretBox, type SecretBox } from '../../src-main/service/secret-box';
import { FAST_CLIENT, waitFor } from '../helpers/service-fixture';
import { tempDir } from '../helpers/temp-dir';
import { one, onPostgres, openTestStore, run, sql } from '../helpers/test-store';

const KEY = 'conn-key';

describe('connections and preferences', () => {
  const dir = tempDir();
  let fake: FakeMirakl;
  let store: Store;
  let service: AppService;

  beforeAll(async () => {
    const fakeStore = new FakeMiraklStore({ shopName: 'Boutique Test' });
    generateDemoData(fakeStore, { threads: 10, seed: 9 });
    fake = await startFakeMirakl({ store: fakeStore, apiKey: KEY });
  });
  afterAll(() => fake.close());
  afterEach(async () => {
    await service?.stop();
    await store?.close();
  });

  /** A service over a new store, or over `existing` (the same database opened again). */
  async function open(options: Partial<AppServiceOptions> = {}, box: SecretBox = plainTextSecretBox, existing?: Store): Promise<AppService> {
    store = existing ?? (await openTestStore(dir));
    service = createAppService({
      store,
      dataDir: path.join(dir, 'data'),
      version: 'test',
      syncIntervalMs: 60_000,
      sync: false,
      connections: { secretBox: box, clientOptions: FAST_CLIENT, demo: false },
      log: () => undefined,
      ...options,
    });
    await service.start();
    return service;
  }

  const add = (input: Record<string, unknown>) => service.api.addConnection(operations.addConnection.input.parse(input));

  it('a removed connection does not come back as a scheduler, even when a status request races the removal', async () => {
    await open();
    const connection = await add({ baseUrl: fake.url, apiKey: KEY });
    fake.faults.delayMs = 150;
    await service.api.syncNow({ accountId: connection.id });
    const removal = service.api.removeConnection({ id: connection.id });
    const racing = service.api.getSyncStatus({});
    await removal;
    await racing;
    fake.faults.reset();
    const { connections } = await service.api.getSyncStatus({});
    expect(connections.map((c) => c.accountId)).not.toContain(connection.id);
  });

  it('never sends a stored key to another address, and keeps a synced connection on its marketplace', async () => {
    await open();
    const connection = await add({ baseUrl: fake.url, apiKey: KEY });
    const elsewhere = 'http://127.0.0.1:9/';
    const before = fake.calls.length;
    await expect(service.api.testConnection(operations.testConnection.input.parse({ id: connection.id, baseUrl: elsewhere }))).rejects.toMatchObject({
      code: 'invalid_field',
      field: 'apiKey',
    });
    await expect(service.api.updateConnection(operations.updateConnection.input.parse({ id: connection.id, baseUrl: elsewhere }))).rejects.toMatchObject({
      code: 'invalid_field',
      field: 'apiKey',
    });
    expect(fake.calls.length).toBe(before);
    await service.api.syncNow({ accountId: connection.id });
    await waitFor(async () => (await one(store, sql`SELECT 1 AS found FROM conversations WHERE account_id = ${connection.id}`)) !== undefined, 5_000, 'the first sync');
    await expect(service.api.updateConnection(operations.updateConnection.input.parse({ id: connection.id, shopId: '4242' }))).rejects.toMatchObject({
      code: 'conflict',
      field: 'shopId',
    });
  });

  it('adds a connection after A01 accepted it, named after the marketplace address, key sealed and never returned', async () => {
    await open();
    const connection = await add({ baseUrl: `${fake.url}/`, apiKey: KEY });
    expect(connection).toEqual({ id: expect.any(Number), name: new URL(fake.url).host, baseUrl: fake.url, shopId: null, isDemo: false, hasApiKey: true, keySource: 'stored' });
    const listed = await service.api.listConnections({});
    expect(JSON.stringify(listed)).not.toContain(KEY);
    expect(await one(store, sql`SELECT api_key FROM accounts WHERE id = ${connection.id}`)).toEqual({ api_key: plainTextSecretBox.seal(KEY) });
    // The stored (sealed) key is what the sync uses.
    await service.api.syncNow({ accountId: connection.id });
    await waitFor(async () => (await service.api.getSyncStatus({})).connections.every((s) => s.state === 'idle'), 10_000);
    expect((await service.api.countConversations({ accountId: connection.id })).all).toBe(10);
    await expect(add({ baseUrl: fake.url, apiKey: KEY })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('refuses a failing connection with Mirakl’s reason, and stores nothing', async () => {
    await open();
    const refused = await add({ baseUrl: fake.url, apiKey: 'wrong-key' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'mirakl_refused', message: expect.stringMatching(/401.*check the API key/) });
    const wrongShop = await add({ baseUrl: fake.url, apiKey: KEY, shopId: '123' }).catch((e: unknown) => e);
    expect(wrongShop).toMatchObject({ code: 'mirakl_refused', message: expect.stringMatching(/403/) });
    const unreachable = await add({ baseUrl: 'http://127.0.0.1:9', apiKey: KEY }).catch((e: unknown) => e);
    expect(unreachable).toMatchObject({ code: 'mirakl_unreachable' });
    expect((await service.api.listConnections({})).items).toEqual([]);
  });

  it('tests stored and unsaved settings without throwing on a refusal', async () => {
    await open();
    const connection = await add({ baseUrl: fake.url, apiKey: KEY, name: 'Mon shop' });
    expect(await service.api.testConnection({ id: connection.id })).toEqual({ ok: true, shopId: String(fake.store.shop.shop_id), shopName: 'Boutique Test', error: null });
    expect(await service.api.testConnection({ id: connection.id, apiKey: 'bad' })).toMatchObject({ ok: false, error: expect.stringMatching(/401/) });
    expect(await service.api.testConnection({ baseUrl: fake.url, apiKey: KEY })).toMatchObject({ ok: true });
    await expect(service.api.testConnection({ baseUrl: fake.url })).rejects.toMatchObject({ code: 'invalid_field', field: 'apiKey' });
    await expect(service.api.testConnection({ id: 4242 })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('adds https:// to a URL typed without it, and says a failed connection in words, without operation codes', async () => {
    await open();
    const typed = fake.url.replace(/^http:\/\//, '');
    const parsed = operations.testConnection.input.parse({ baseUrl: typed, apiKey: KEY });
    expect(parsed.baseUrl).toBe(`https://${typed}`);
    // The fake speaks plain http: the https:// that was added meets no TLS there.
    expect(await service.api.testConnection(parsed)).toEqual({
      ok: false,
      shopId: null,
      shopName: null,
      error: `cannot reach Mirakl at https://${typed}: the secure connection failed (is it really an https address?)`,
    });
    const refused = await service.api.testConnection({ baseUrl: 'http://127.0.0.1:9', apiKey: KEY });
    expect(refused.error).toBe('cannot reach Mirakl at http://127.0.0.1:9: nothing answers at that address (check the Mirakl URL and port)');
    const wrongKey = await service.api.testConnection({ baseUrl: fake.url, apiKey: 'bad' });
    expect(wrongKey.error).toMatch(/^Mirakl answered 401/);
    const added = await add({ baseUrl: fake.url, apiKey: 'bad' }).catch((e: unknown) => e);
    expect(added).toMatchObject({ code: 'mirakl_refused', message: expect.stringMatching(/^The connection test failed: Mirakl answered 401/) });
    expect(operations.addConnection.input.safeParse({ baseUrl: 'http://acme.mirakl.net', apiKey: KEY }).error?.issues[0]?.message).toMatch(/^must start with https:\/\//);
  });

  it('edits a connection: a bad new key is refused and the old one kept; removing deletes its data', async () => {
    await open();
    const connection = await add({ baseUrl: fake.url, apiKey: KEY });
    expect(await service.api.updateConnection({ id: connection.id, name: 'Renommé' })).toMatchObject({ name: 'Renommé', hasApiKey: true });
    await expect(service.api.updateConnection({ id: connection.id, apiKey: 'bad' })).rejects.toMatchObject({ code: 'mirakl_refused' });
    expect(await one(store, sql`SELECT api_key FROM accounts WHERE id = ${connection.id}`)).toEqual({ api_key: plainTextSecretBox.seal(KEY) });
    await service.api.syncNow({ accountId: connection.id });
    await waitFor(async () => (await service.api.getSyncStatus({})).connections.every((s) => s.state === 'idle'), 10_000);
    expect((await service.api.countConversations({})).all).toBe(10);

    expect(Number((await one<{ n: number }>(store, sql`SELECT count(*) AS n FROM message_reasons WHERE account_id = ${connection.id}`))?.n)).toBeGreaterThan(0);

    expect(await service.api.removeConnection({ id: connection.id })).toEqual({ ok: true });
    expect((await service.api.listConnections({})).items).toEqual([]);
    expect(
      await one(store, sql`SELECT (SELECT count(*) FROM messages) + (SELECT count(*) FROM conversations) + (SELECT count(*) FROM message_reasons) AS n`),
    ).toEqual({ n: 0 });
    if (!onPostgres) await run(store, sql`INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')`);
    expect((await service.api.getSyncStatus({})).connections).toEqual([]);
    await expect(service.api.removeConnection({ id: connection.id })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('says clearly when a stored key was sealed by another secret store', async () => {
    const other: SecretBox = { seal: (s) => `other:${s}`, open: () => 'never' };
    await open({}, other);
    const connection = await add({ baseUrl: fake.url, apiKey: KEY });
    await service.stop();
    // Same store, opened by a process with a different secret store.
    await open({}, plainTextSecretBox, store);
    await service.api.syncNow({ accountId: connection.id });
    await waitFor(async () => (await service.api.getSyncStatus({})).connections.every((s) => s.state === 'idle'), 10_000);
    const [status] = (await service.api.getSyncStatus({})).connections;
    expect(status?.lastError?.message).toMatch(/cannot be read here/);
  });

  it('shows the demo inbox until a real connection exists, and hides it when turned off', async () => {
    await open({ connections: { secretBox: plainTextSecretBox, clientOptions: FAST_CLIENT, demo: () => startDemo(15) } });
    let items = (await service.api.listConnections({})).items;
    expect(items).toEqual([expect.objectContaining({ isDemo: true, hasApiKey: true, keySource: 'demo' })]);
    const demoId = items[0]!.id;
    await service.api.syncNow({});
    await waitFor(async () => (await service.api.getSyncStatus({})).connections.every((s) => s.state === 'idle' && s.lastSuccessAt !== null), 15_000);
    expect((await service.api.countConversations({ accountId: demoId })).all).toBe(15);
    await expect(service.api.updateConnection({ id: demoId, name: 'x' })).rejects.toMatchObject({ code: 'forbidden' });

    const real = await add({ baseUrl: fake.url, apiKey: KEY });
    items = (await service.api.listConnections({})).items;
    expect(items.map((c) => c.id)).toEqual([real.id]);
    expect((await service.api.countConversations({ accountId: demoId })).all).toBe(0);

    await service.api.removeConnection({ id: real.id });
    expect((await service.api.listConnections({})).items).toEqual([expect.objectContaining({ isDemo: true })]);
    await service.api.setPreferences({ demoEnabled: false });
    expect((await service.api.listConnections({})).items).toEqual([]);
    await service.api.setPreferences({ demoEnabled: true });
    expect((await service.api.listConnections({})).items).toEqual([expect.objectContaining({ isDemo: true })]);
  });

  it('keeps preferences, and a new sync interval reaches the running schedulers', async () => {
    const changed: unknown[] = [];
    await open({ sync: true, syncIntervalMs: 60_000, onPreferencesChanged: (p) => changed.push(p) });
    expect(await service.api.getPreferences({})).toEqual({ syncIntervalSeconds: 60, httpApi: { enabled: false, port: 4319 }, demoEnabled: true, signature: '' });
    const connection = await add({ baseUrl: fake.url, apiKey: KEY });
    // Periodic sync: the first pass starts at once; the next is due an interval after it ends.
    await waitFor(async () => (await service.api.getSyncStatus({})).connections[0]?.lastSuccessAt != null, 10_000, 'the first pass');
    const nextRun = async () => Date.parse((await service.api.getSyncStatus({})).connections[0]?.nextRunAt ?? '');
    await waitFor(async () => Number.isFinite(await nextRun()), 5_000, 'the next run');
    expect((await nextRun()) - Date.now()).toBeLessThanOrEqual(60_000);

    const prefs = await service.api.setPreferences({ syncIntervalSeconds: 3_600, httpApi: { enabled: true } });
    expect(prefs).toEqual({ syncIntervalSeconds: 3_600, httpApi: { enabled: true, port: 4319 }, demoEnabled: true, signature: '' });
    expect(changed).toEqual([prefs]);
    expect((await nextRun()) - Date.now()).toBeGreaterThan(3_500_000);
    expect(await service.api.getPreferences({})).toEqual(prefs);
    expect(connection.id).toBeGreaterThan(0);
  });
});
