// The walk keeps M11 pages coming while long threads are read through M10: a slow M10
// answer delays its own page's write, never the next listing's request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeMessageIds, storedMessageIds, syncFixture, type SyncFixture } from '../helpers/sync-fixture';
import { tempDir } from '../helpers/temp-dir';

const M10_DELAY_MS = 400;

describe('sync reads ahead', () => {
  const dir = tempDir();
  let f: SyncFixture;
  beforeAll(async () => {
    f = await syncFixture(dir, { threads: 200, seed: 11 });
  });
  afterAll(() => f.close());

  it('asks for the next M11 page while a long thread of this page is still being read through M10', async () => {
    expect(f.demo!.longThreadIds.length).toBeGreaterThan(0);
    // Only M10 (one thread by id) is slow.
    f.fake.faults.paths = /^\/api\/inbox\/threads\/[^/]+$/;
    f.fake.faults.delayMs = M10_DELAY_MS;
    try {
      await f.sync();
    } finally {
      f.fake.faults.reset();
    }
    const listings = f.fake.calls.filter((c) => c.path === '/api/inbox/threads');
    const wholeThreads = f.fake.calls.filter((c) => /^\/api\/inbox\/threads\/[^/]+$/.test(c.path));
    expect(wholeThreads.length).toBeGreaterThan(0);
    // A long thread on a page that has a successor: the successor is asked for before M10 answers.
    const lastListing = listings.at(-1)!.time;
    const before = wholeThreads.filter((m10) => m10.time < lastListing);
    expect(before.length).toBeGreaterThan(0);
    for (const m10 of before) {
      const nextListing = listings.find((l) => l.time >= m10.time);
      expect(nextListing, `an M11 request after the M10 of ${m10.path}`).toBeDefined();
      expect(nextListing!.time - m10.time).toBeLessThan(M10_DELAY_MS);
    }
    // And nothing is lost or doubled by reading ahead.
    expect(await storedMessageIds(f.store)).toEqual(fakeMessageIds(f.fake));
  });
});
