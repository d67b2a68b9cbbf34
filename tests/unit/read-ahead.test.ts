import { describe, expect, it } from 'vitest';
import { ReadAhead } from '../../src-main/sync/read-ahead';

interface Page {
  n: number;
  next: boolean;
}

/** A chain of `count` pages whose reads resolve when the test says so. */
function chain(count: number) {
  const reads: Array<{ n: number; resolve: () => void; reject: (e: Error) => void }> = [];
  const read = (previous: Page | null) =>
    new Promise<Page>((resolve, reject) => {
      const n = previous ? previous.n + 1 : 0;
      reads.push({ n, resolve: () => resolve({ n, next: n < count - 1 }), reject });
    });
  return { reads, read, hasNext: (p: Page) => p.next };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('ReadAhead', () => {
  it('gives every page in order, and reads the next ones while the consumer is busy, up to depth', async () => {
    const c = chain(5);
    const reader = new ReadAhead(c.read, c.hasNext, 2);
    const first = reader.next();
    await tick();
    expect(c.reads.map((r) => r.n)).toEqual([0]); // one read at a time: each needs the one before
    c.reads[0]!.resolve();
    expect((await first).n).toBe(0);
    await tick();
    // The consumer holds page 0; pages 1 and 2 are read meanwhile (1 arrives, then 2 is asked for).
    c.reads[1]!.resolve();
    await tick();
    expect(c.reads.map((r) => r.n)).toEqual([0, 1, 2]);
    c.reads[2]!.resolve();
    await tick();
    // Two pages wait unconsumed: no third read ahead.
    expect(c.reads).toHaveLength(3);
    expect((await reader.next()).n).toBe(1);
    await tick();
    expect(c.reads).toHaveLength(4);
    expect((await reader.next()).n).toBe(2);
    c.reads[3]!.resolve();
    expect((await reader.next()).n).toBe(3);
    await tick();
    c.reads[4]!.resolve();
    const last = await reader.next();
    expect(last).toEqual({ n: 4, next: false });
    await tick();
    // Nothing is read past the last page.
    expect(c.reads).toHaveLength(5);
    await expect(reader.next()).rejects.toThrow(/no page after the last/);
  });

  it('asks for the next page before the consumer resumes with the one that arrived', async () => {
    const c = chain(3);
    const reader = new ReadAhead(c.read, c.hasNext, 2);
    const first = reader.next();
    c.reads[0]!.resolve();
    await first;
    // No tick: whatever the consumer does now (a long synchronous write), page 1 is already asked for.
    expect(c.reads.map((r) => r.n)).toEqual([0, 1]);
  });

  it('a read that throws instead of rejecting reaches the consumer as the error of that page', async () => {
    let calls = 0;
    const reader = new ReadAhead<Page>(
      (previous) => {
        calls++;
        if (previous) throw new Error('bad token');
        return Promise.resolve({ n: 0, next: true });
      },
      (p) => p.next,
      2,
    );
    expect((await reader.next()).n).toBe(0);
    await expect(reader.next()).rejects.toThrow('bad token');
    expect(calls).toBe(2);
  });

  it('a failed read reaches the consumer at its place in the order, and nothing is read after it', async () => {
    const c = chain(10);
    const reader = new ReadAhead(c.read, c.hasNext, 3);
    const first = reader.next();
    await tick();
    c.reads[0]!.resolve();
    await first;
    await tick();
    c.reads[1]!.reject(new Error('M11 answered 500'));
    await tick();
    expect(c.reads).toHaveLength(2);
    await expect(reader.next()).rejects.toThrow('M11 answered 500');
  });

  it('pages read ahead and never taken fail quietly (no unhandled rejection)', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const c = chain(10);
      const reader = new ReadAhead(c.read, c.hasNext, 2);
      const first = reader.next();
      await tick();
      c.reads[0]!.resolve();
      await first;
      await tick();
      c.reads[1]!.reject(new Error('aborted'));
      await new Promise((r) => setTimeout(r, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('refuses a depth below 1', () => {
    const c = chain(1);
    expect(() => new ReadAhead(c.read, c.hasNext, 0)).toThrow(RangeError);
  });
});
