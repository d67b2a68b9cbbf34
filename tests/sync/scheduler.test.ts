import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncScheduler } from '../../src-main/sync/scheduler';
import { Activity } from '../../src-main/sync/activity';
import { DEFAULT_POLL_SETTINGS } from '../../src-main/sync/poll-policy';
import { runSyncPass } from '../../src-main/sync/workflow';
import type { SyncStatus } from '../../src-shared/sync-status';
import { syncFixture, type SyncFixture } from '../helpers/sync-fixture';
import { tempDir } from '../helpers/temp-dir';
import { one, run, sql } from '../helpers/test-store';

describe('the sync scheduler', () => {
  const dir = tempDir();
  let f: SyncFixture;
  beforeAll(async () => {
    f = await syncFixture(dir, { threads: 40 });
  });
  afterAll(() => f.close());

  const scheduler = (intervalMs: number) =>
    new SyncScheduler({
      accountId: f.connection.accountId,
      activity: new Activity({ ...DEFAULT_POLL_SETTINGS, activeIntervalMs: intervalMs }, { watched: true }),
      run: (signal, onProgress, onCall) => runSyncPass({ store: f.store, client: f.connection.client, accountId: f.connection.accountId, signal, onProgress, onCall, pageSize: 10 }),
    });

  it('runs one pass at a time: sync now joins the running pass', async () => {
    const s = scheduler(60_000);
    f.fake.faults.delayMs = 30;
    f.fake.calls.length = 0;
    const a = s.syncNow();
    const b = s.syncNow();
    expect(b).toBe(a);
    await a;
    f.fake.faults.delayMs = 0;
    const firstPages = f.fake.calls.filter((c) => c.path === '/api/inbox/threads' && !c.query.page_token);
    expect(firstPages).toHaveLength(1);
    await s.stop();
  });

  it('two runners on the same connection never interleave (process-wide guard)', async () => {
    await run(f.store, sql`UPDATE sync_state SET cursor = NULL`);
    const a = runSyncPass({ store: f.store, client: f.connection.client, accountId: f.connection.accountId });
    const b = runSyncPass({ store: f.store, client: f.connection.client, accountId: f.connection.accountId });
    expect(b).toBe(a);
    await a;
  });

  it('publishes running, progress, last success and next run; schedules the next pass after the last one', async () => {
    const s = scheduler(150);
    const seen: SyncStatus[] = [];
    s.on('status', (st) => seen.push(st));
    const passes: number[] = [];
    s.on('passed', () => passes.push(Date.now()));
    s.start();
    await new Promise((r) => setTimeout(r, 600));
    await s.stop();
    expect(passes.length).toBeGreaterThanOrEqual(2);
    expect(seen.some((st) => st.state === 'running')).toBe(true);
    expect(seen.some((st) => st.progress && st.progress.pages > 0)).toBe(true);
    const last = s.status;
    expect(last.state).toBe('idle');
    expect(last.lastSuccessAt).not.toBeNull();
    expect(last.lastError).toBeNull();
    expect(last.nextRunAt).toBeNull(); // stopped
    for (let i = 1; i < passes.length; i++) expect(passes[i]! - passes[i - 1]!).toBeGreaterThanOrEqual(140);
  });

  it('reports the last error with its reason, marks it offline when temporary, and recovers', async () => {
    const s = scheduler(60_000);
    f.fake.faults.serverError = { next: 100, status: 503 };
    await expect(s.syncNow()).rejects.toThrow(/503/);
    expect(s.status.lastError).toMatchObject({ offline: true });
    expect(s.status.lastError!.message).toMatch(/503/);
    f.fake.faults.reset();
    await s.syncNow();
    expect(s.status.lastError).toBeNull();
    await s.stop();
  });

  it('stop() interrupts a running pass between pages', async () => {
    await run(f.store, sql`UPDATE sync_state SET cursor = NULL`);
    const s = scheduler(60_000);
    f.fake.faults.delayMs = 50;
    const pass = s.syncNow();
    await new Promise((r) => setTimeout(r, 80));
    await s.stop();
    await expect(pass).rejects.toThrow(/stopped/);
    f.fake.faults.reset();
    expect(s.status.state).toBe('idle');
  });

  it('stop() does not wait for a slow Mirakl: the request in flight is abandoned, and no error is recorded', async () => {
    await run(f.store, sql`UPDATE sync_state SET cursor = NULL, last_error = NULL`);
    const s = scheduler(60_000);
    f.fake.faults.delayMs = 20_000;
    const calls = f.fake.calls.length;
    const pass = s.syncNow();
    pass.catch(() => undefined);
    while (f.fake.calls.length === calls) await new Promise((r) => setTimeout(r, 5));
    const stopping = Date.now();
    await s.stop();
    expect(Date.now() - stopping).toBeLessThan(1_000);
    await expect(pass).rejects.toThrow(/stopped/);
    f.fake.faults.reset();
    expect(s.status.lastError).toBeNull();
    expect(await one(f.store, sql`SELECT last_error FROM sync_state`)).toEqual({ last_error: null });
  });
});
