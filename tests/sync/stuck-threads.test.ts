// One thread Mirakl sends in a shape the contract does not allow never stops its account:
// the rest of its page is stored, the thread is kept aside as sent, with why, and asked for
// again through M10 on every pass until it can be read. The cursor moves on, yet nothing is
// lost: the thread comes back through M10 even when Mirakl never lists it again.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MiraklThread } from '../../src-main/fake-mirakl/store';
import { listStuckThreads } from '../../src-main/db/stuck-threads';
import { fakeMessageIds, storedMessageIds, syncFixture, type SyncFixture } from '../helpers/sync-fixture';
import { tempDir } from '../helpers/temp-dir';
import { all, one, sql } from '../helpers/test-store';

const M10 = /^\/api\/inbox\/threads\/[^/]+$/;

/** Breaks a message date of a thread on the fake, as Mirakl might send it; returns the repair. */
function breakThread(thread: MiraklThread): () => void {
  const message = thread.messages[0]!;
  const date = message.date_created;
  message.date_created = '03/05/2024 10:15';
  return () => {
    message.date_created = date;
  };
}

async function storedThreadIds(f: SyncFixture): Promise<Set<string>> {
  return new Set((await all<{ id: string }>(f.store, sql`SELECT mirakl_thread_id AS id FROM conversations`)).map((r) => r.id));
}

describe('a thread that does not match the contract', () => {
  const dir = tempDir();
  let f: SyncFixture;
  beforeEach(async () => {
    f = await syncFixture(dir, { threads: 60 });
  });
  afterEach(() => f.close());

  it('is kept aside while the rest of its page and the pass are stored; once readable it is stored, nothing lost', async () => {
    // In the middle of the listing (pages of 20): its page holds 19 good threads.
    const broken = f.fake.store.listThreads().sort((a, b) => Date.parse(b.date_updated) - Date.parse(a.date_updated))[30]!;
    const repair = breakThread(broken);

    const first = await f.sync();
    expect(first.stuckThreads).toBe(1);
    expect(first.warnings.join('\n')).toMatch(/1 thread Mirakl sent could not be read/);
    const stored = (await storedThreadIds(f));
    expect(stored.size).toBe(59);
    expect(stored.has(broken.id)).toBe(false);
    // The cursor moved on with the pass: the account is not stalled.
    expect(first.cursor).not.toBeNull();
    const stuck = await listStuckThreads(f.store.db, f.connection.accountId);
    expect(stuck).toEqual([
      { threadKey: broken.id, miraklThreadId: broken.id, reason: expect.stringMatching(/^messages\.0\.date_created: /), since: expect.any(Number), attempts: 1 },
    ]);
    const { raw } = (await one<{ raw: string }>(f.store, sql`SELECT raw FROM stuck_threads`))!;
    expect(JSON.parse(raw)).toMatchObject({ id: broken.id, messages: expect.arrayContaining([expect.objectContaining({ date_created: '03/05/2024 10:15' })]) });

    // Still unreadable: asked for again through M10 on the next pass, and kept.
    const callsBefore = f.fake.calls.length;
    const second = await f.sync();
    expect(f.fake.calls.slice(callsBefore).filter((c) => c.path === `/api/inbox/threads/${broken.id}`)).toHaveLength(1);
    expect(second.stuckThreads).toBe(1);
    expect((await listStuckThreads(f.store.db, f.connection.accountId))[0]!.attempts).toBe(2);

    // Mirakl fixes it without touching date_updated: M11 since the cursor never lists it again,
    // M10 brings it, and it leaves the list.
    repair();
    const third = await f.sync();
    expect(third.stuckThreads).toBe(0);
    expect(third.warnings).toEqual([]);
    expect(await listStuckThreads(f.store.db, f.connection.accountId)).toEqual([]);
    expect(await storedMessageIds(f.store)).toEqual(fakeMessageIds(f.fake));

    // Gone from the list: no more M10 for it.
    const callsAfter = f.fake.calls.length;
    await f.sync();
    expect(f.fake.calls.slice(callsAfter).filter((c) => M10.test(c.path))).toEqual([]);
  });

  it('is stored when it comes back readable in the listing, and leaves the list in the same transaction', async () => {
    await f.sync();
    const thread = f.fake.store.listThreads()[5]!;
    f.fake.store.addCustomerMessage(thread.id, 'Any news about my order?');
    const repair = breakThread(f.fake.store.getThread(thread.id)!);
    await f.sync();
    expect((await listStuckThreads(f.store.db, f.connection.accountId)).map((t) => t.miraklThreadId)).toEqual([thread.id]);

    repair();
    f.fake.store.addCustomerMessage(thread.id, 'Hello? Still waiting.');
    const result = await f.sync();
    expect(result.stuckThreads).toBe(0);
    expect(await storedMessageIds(f.store)).toEqual(fakeMessageIds(f.fake));
  });

  it('keeps a long thread aside when its M10 answer does not match, while the rest of the pass goes on', async () => {
    const long = f.fake.store.getThread(f.demo!.longThreadIds[0]!)!;
    breakThread(long);
    // Broken beyond the last 100 messages: the listing reads it, M10 does not.
    expect(long.messages.length).toBeGreaterThan(100);
    const result = await f.sync();
    expect(result.stuckThreads).toBe(1);
    expect((await storedThreadIds(f)).has(long.id)).toBe(false);
    expect((await storedThreadIds(f)).size).toBe(59);
  });

  it('refused by Mirakl when asked again (e.g. 404), stays aside with its reason; the pass succeeds', async () => {
    const broken = f.fake.store.listThreads()[10]!;
    breakThread(broken);
    await f.sync();
    const [before] = await listStuckThreads(f.store.db, f.connection.accountId);
    f.fake.faults.paths = new RegExp(`^/api/inbox/threads/${broken.id}$`);
    f.fake.faults.serverError = { every: 1, status: 404, message: 'Thread not found' };
    const result = await f.sync();
    expect(result.warnings.join('\n')).toMatch(/could not be asked for again: Mirakl answered 404/);
    const [after] = await listStuckThreads(f.store.db, f.connection.accountId);
    expect(after).toMatchObject({ miraklThreadId: broken.id, reason: before!.reason, attempts: 2 });
  });
});
