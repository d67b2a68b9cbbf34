import { describe, expect, it } from 'vitest';
import { OrderEnricher } from '../../src-main/sync/order-enricher';

const ids = (from: number, count: number) => Array.from({ length: count }, (_, i) => `ORD-${from + i}`);
const tick = () => new Promise((r) => setTimeout(r, 0));

/** A fetcher whose calls the test settles; records batches and the most in flight at once. */
function fetcher() {
  const calls: Array<{ ids: string[]; resolve: () => void; reject: (e: Error) => void }> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const fetch = (batch: string[]) =>
    new Promise<number>((resolve, reject) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const done = () => inFlight--;
      calls.push({ ids: batch, resolve: () => (done(), resolve(batch.length)), reject: (e) => (done(), reject(e)) });
    });
  return { calls, fetch, maxInFlight: () => maxInFlight };
}

describe('OrderEnricher', () => {
  it('sends full batches of 100 as ids arrive, at most 2 at a time, each id once, the rest at finish', async () => {
    const f = fetcher();
    const enricher = new OrderEnricher(f.fetch, 2);
    enricher.add(ids(0, 150));
    enricher.add(ids(100, 120)); // 50 already asked for
    await tick();
    expect(f.calls.map((c) => c.ids.length)).toEqual([100, 100]); // a third full batch waits its turn
    f.calls[0]!.resolve();
    await tick();
    expect(f.calls).toHaveLength(2); // 220 distinct ids: two full batches, 20 left for finish
    const finished = enricher.finish();
    await tick();
    expect(f.calls.map((c) => c.ids.length)).toEqual([100, 100, 20]);
    f.calls[1]!.resolve();
    f.calls[2]!.resolve();
    expect(await finished).toEqual({ saved: 220, error: null });
    expect(f.maxInFlight()).toBe(2);
    const all = f.calls.flatMap((c) => c.ids);
    expect(new Set(all).size).toBe(all.length);
    expect(new Set(all)).toEqual(new Set(ids(0, 220)));
  });

  it('after a failed batch the ones not started are dropped; the first error is reported', async () => {
    const f = fetcher();
    const enricher = new OrderEnricher(f.fetch, 1);
    enricher.add(ids(0, 300));
    await tick();
    f.calls[0]!.resolve();
    await tick();
    f.calls[1]!.reject(new Error('OR11: Mirakl answered 503'));
    const result = await enricher.finish();
    expect(f.calls).toHaveLength(2);
    expect(result.saved).toBe(100);
    expect(result.error?.message).toBe('OR11: Mirakl answered 503');
  });

  it('settle() waits for batches in flight and sends nothing more', async () => {
    const f = fetcher();
    const enricher = new OrderEnricher(f.fetch, 2);
    enricher.add(ids(0, 130));
    await tick();
    let settled = false;
    const settling = enricher.settle().then(() => (settled = true));
    await tick();
    expect(settled).toBe(false);
    f.calls[0]!.resolve();
    await settling;
    expect(f.calls.map((c) => c.ids.length)).toEqual([100]);
  });
});
