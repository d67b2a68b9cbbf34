// A sync killed with SIGKILL at any moment leaves a consistent database, and the next run
// completes with every message exactly once. The sync runs as a real child process (the
// CLI); the fake Mirakl runs here and decides when to pull the plug. A few threads Mirakl
// sends unreadable are kept aside through it all, and stored once they can be read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src-main/db/open';
import { FakeMiraklStore } from '../../src-main/fake-mirakl/store';
import { generateDemoData } from '../../src-main/fake-mirakl/demo-data';
import { startFakeMirakl, type FakeMirakl } from '../../src-main/fake-mirakl/server';
import { spawnCli, waitForExit, type CliRun } from '../helpers/cli-process';
import { tempDir } from '../helpers/temp-dir';
import { all, one, onPostgres, sql, testDatabase } from '../helpers/test-store';

function fakeIds(fake: FakeMirakl): Set<string> {
  const ids = new Set<string>();
  for (const t of fake.store.listThreads()) for (const m of t.messages) ids.add(`${t.id}/${m.id}`);
  return ids;
}

/** Structural checks that must hold after any crash. Returns the stored message keys. */
async function checkConsistent(target: string): Promise<Set<string>> {
  const store = await openStore(target);
  try {
    if (!onPostgres) {
      expect(await one(store, sql`PRAGMA integrity_check`)).toEqual({ integrity_check: 'ok' });
      expect(await all(store, sql`PRAGMA foreign_key_check`)).toEqual([]);
    }
    // Derived counters agree with the rows: a page landed whole or not at all.
    const drift = await all(store, sql`SELECT c.id FROM conversations c WHERE c.message_count != (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id)`);
    expect(drift).toEqual([]);
    const rows = await all<{ t: string; m: string }>(
      store,
      sql`SELECT c.mirakl_thread_id AS t, m.mirakl_message_id AS m FROM messages m JOIN conversations c ON c.id = m.conversation_id`,
    );
    const keys = new Set(rows.map((r) => `${r.t}/${r.m}`));
    expect(keys.size).toBe(rows.length); // no duplicates
    return keys;
  } finally {
    await store.close();
  }
}

/** Thread ids kept aside in the store. */
async function stuckIds(target: string): Promise<string[]> {
  const store = await openStore(target);
  try {
    return (await all<{ id: string }>(store, sql`SELECT mirakl_thread_id AS id FROM stuck_threads ORDER BY mirakl_thread_id`)).map((r) => r.id);
  } finally {
    await store.close();
  }
}

describe('sync survives kill -9', () => {
  const dir = tempDir();
  let fake: FakeMirakl;
  /** Unreadable threads on pages 1, 2 and 4 of the walk, and how to repair them. */
  let broken: Array<{ id: string; repair: () => void }>;
  beforeAll(async () => {
    const store = new FakeMiraklStore();
    generateDemoData(store, { threads: 450, seed: 11 });
    const byUpdate = store.listThreads().sort((a, b) => Date.parse(b.date_updated) - Date.parse(a.date_updated));
    broken = [30, 170, 330].map((index) => {
      const message = byUpdate[index]!.messages.at(-1)!;
      const date = message.date_created;
      message.date_created = '31/12/2024';
      return { id: byUpdate[index]!.id, repair: () => void (message.date_created = date) };
    });
    fake = await startFakeMirakl({ store, apiKey: 'k' });
  });
  afterAll(() => fake.close());

  const args = (target: string) => ['sync', '--once', onPostgres ? '--database' : '--db', target, '--mirakl-url', fake.url, '--api-key', 'k'];

  /** Starts a sync and SIGKILLs it when `trigger` fires (after `delayMs`). */
  async function killDuring(file: string, arm: (kill: () => void) => void, delayMs: number): Promise<CliRun> {
    const child = spawnCli(args(file));
    const exited = waitForExit(child);
    arm(() => setTimeout(() => child.kill('SIGKILL'), delayMs));
    const run = await exited;
    fake.onBeforePage = undefined;
    fake.faults.reset();
    return run;
  }

  // Page k is requested (prefetched) as soon as page k-1 arrives, so a kill shortly after
  // lands while page k-1 is being completed, mapped or written. Page k itself is held back
  // so the run cannot finish first.
  const onPage = (page: number) => (kill: () => void) => {
    fake.onBeforePage = async (index) => {
      if (index !== page) return;
      kill();
      await new Promise((r) => setTimeout(r, 500));
    };
  };
  // Hold the matching calls' answers, and kill while one is in flight.
  const onCall = (pattern: RegExp) => (kill: () => void) => {
    fake.faults.paths = pattern;
    fake.faults.delayMs = 500;
    const seen = fake.calls.length;
    const timer = setInterval(() => {
      if (fake.calls.slice(seen).some((c) => pattern.test(c.path))) {
        clearInterval(timer);
        kill();
      }
    }, 1);
  };

  it('is consistent after each kill and complete after the next run', async () => {
    const file = await testDatabase(dir);
    const points: Array<[string, (kill: () => void) => void, number]> = [
      ['first page requested', onPage(0), 0],
      ['second page requested', onPage(1), 2],
      ['while a page is written', onPage(2), 8],
      ['a long thread read through M10', onCall(/^\/api\/inbox\/threads\/[^/]+$/), 0],
      ['fourth page requested', onPage(4), 15],
      ['orders being enriched (OR11)', onCall(/^\/api\/orders$/), 0],
    ];
    let killed = 0;
    for (const [, arm, delay] of points) {
      const run = await killDuring(file, arm, delay);
      if (run.signal === 'SIGKILL') killed++;
      await checkConsistent(file);
    }
    expect(killed).toBe(points.length);
    const final = await waitForExit(spawnCli(args(file)));
    expect(final.stderr).toBe('');
    expect(final.code).toBe(0);
    expect(final.stdout).toContain('3 threads Mirakl sent could not be read');
    const brokenIds = new Set(broken.map((b) => b.id));
    expect(await checkConsistent(file)).toEqual(new Set([...fakeIds(fake)].filter((key) => !brokenIds.has(key.split('/')[0]!))));
    expect(await stuckIds(file)).toEqual([...brokenIds].sort());
    // Readable again (same date_updated, so never listed again since the cursor): stored through M10.
    for (const b of broken) b.repair();
    const repaired = await waitForExit(spawnCli(args(file)));
    expect(repaired.code).toBe(0);
    expect(await checkConsistent(file)).toEqual(fakeIds(fake));
    expect(await stuckIds(file)).toEqual([]);
    const store = await openStore(file);
    const missingOrders = await one(
      store,
      sql`SELECT count(*) AS n FROM conversations c LEFT JOIN orders o ON o.mirakl_order_id = c.order_id WHERE c.order_id IS NOT NULL AND o.id IS NULL`,
    );
    await store.close();
    expect(missingOrders).toEqual({ n: 0 });
  }, 180_000);
});
