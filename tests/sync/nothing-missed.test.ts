import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeMessageIds, storedMessageIds, syncFixture, type SyncFixture } from '../helpers/sync-fixture';
import { tempDir } from '../helpers/temp-dir';
import { one, sql } from '../helpers/test-store';

describe('sync misses nothing', () => {
  const dir = tempDir();
  let f: SyncFixture;
  beforeEach(async () => {
    f = await syncFixture(dir, { threads: 80 });
  });
  afterEach(() => f.close());

  it('a thread updated while the pages are walked is fetched by this pass or the next', async () => {
    await f.sync(); // first pass: the whole history
    // New activity, then a pass during which more threads change mid-walk.
    const threads = f.fake.store.listThreads();
    for (const t of threads.slice(0, 45)) f.fake.store.addCustomerMessage(t.id, `Follow-up on ${t.id}`);
    const changedMidWalk: string[] = [];
    f.fake.onBeforePage = (pageIndex) => {
      if (pageIndex === 0) return;
      // One already walked (now moves to the top) and one old thread outside the window.
      const early = threads[pageIndex]!;
      const old = threads[threads.length - pageIndex]!;
      for (const t of [early, old]) {
        f.fake.store.addCustomerMessage(t.id, `Written during page ${pageIndex}`);
        changedMidWalk.push(t.id);
      }
    };
    // No safety overlap here: the high-water mark alone must be right.
    await f.sync({ overlapMs: 0 });
    f.fake.onBeforePage = undefined;
    expect(changedMidWalk.length).toBeGreaterThan(0);
    // Threads that moved to the top after their page was read were not seen by that walk...
    expect(await storedMessageIds(f.store)).not.toEqual(fakeMessageIds(f.fake));
    // ...and the next pass gets them.
    await f.sync({ overlapMs: 0 });
    expect(await storedMessageIds(f.store)).toEqual(fakeMessageIds(f.fake));
  });

  it('a long thread read late through M10 does not push the cursor past threads this walk skipped', async () => {
    await f.sync();
    const long = f.fake.store.getThread(f.demo!.longThreadIds[0]!)!;
    const other = f.fake.store.listThreads().find((t) => t.id !== long.id && t.messages.length < 50)!;
    f.fake.store.addCustomerMessage(long.id, 'Still waiting for the refund');
    // M10 answers slowly; while it is in flight, another thread and then the long one change.
    f.fake.faults.paths = /^\/api\/inbox\/threads\/[^/]+$/;
    f.fake.faults.delayMs = 300;
    const seen = f.fake.calls.length;
    const watcher = setInterval(() => {
      if (f.fake.calls.slice(seen).some((c) => c.path === `/api/inbox/threads/${long.id}`)) {
        clearInterval(watcher);
        f.fake.store.addCustomerMessage(other.id, 'A question written during the pass');
        f.fake.store.addCustomerMessage(long.id, 'And one more while you read the thread');
      }
    }, 1);
    await f.sync({ overlapMs: 0 });
    clearInterval(watcher);
    f.fake.faults.reset();
    await f.sync({ overlapMs: 0 });
    expect(await storedMessageIds(f.store)).toEqual(fakeMessageIds(f.fake));
  });

  it('the cursor only moves when a pass has fully committed', async () => {
    await f.sync();
    const cursorBefore = (await one<{ cursor: number }>(f.store, sql`SELECT cursor FROM sync_state`))!.cursor;
    const threads = f.fake.store.listThreads();
    for (const t of threads.slice(0, 50)) f.fake.store.addCustomerMessage(t.id, `New question about ${t.id}`);
    // The third page fails for good (beyond the client's retries).
    f.fake.onBeforePage = (pageIndex) => {
      if (pageIndex === 2) f.fake.faults.serverError = { next: 50, status: 503 };
    };
    await expect(f.sync()).rejects.toThrow(/503/);
    f.fake.onBeforePage = undefined;
    f.fake.faults.reset();
    const state = (await one<{ cursor: number; last_error: string }>(f.store, sql`SELECT cursor, last_error FROM sync_state`))!;
    expect(state.cursor).toBe(cursorBefore);
    expect(state.last_error).toMatch(/503/);
    // Pages before the failure were committed; the rerun completes the rest, exactly once.
    expect((await storedMessageIds(f.store)).size).toBeGreaterThan(fakeMessageIds(f.fake).size - 50);
    await f.sync();
    expect(await storedMessageIds(f.store)).toEqual(fakeMessageIds(f.fake));
    const after = (await one<{ cursor: number; last_error: string | null }>(f.store, sql`SELECT cursor, last_error FROM sync_state`))!;
    expect(after.cursor).toBeGreaterThan(cursorBefore);
    expect(after.last_error).toBeNull();
  });

  it('asks only for threads changed since the cursor minus the safety overlap', async () => {
    await f.sync();
    const { cursor } = (await one<{ cursor: number }>(f.store, sql`SELECT cursor FROM sync_state`))!;
    const newest = Math.max(...f.fake.store.listThreads().map((t) => Date.parse(t.date_updated)));
    expect(cursor).toBe(newest - 5 * 60_000);
    f.fake.calls.length = 0;
    await f.sync();
    const m11 = f.fake.calls.find((c) => c.path === '/api/inbox/threads')!;
    expect(Date.parse(m11.query.updated_since!)).toBe(cursor);
    expect(m11.query.with_messages).toBe('true');
  });
});
