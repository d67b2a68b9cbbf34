// OR11 for the orders a sync pass touches, while the pass goes on: each committed page hands
// over its order ids, full batches of 100 go out at once (a couple at a time), and the pass
// sends the remainder and waits at its end. Orders fill in as pages land instead of in one
// long tail after the walk. Each batch is saved on its own: one failing keeps those saved before.
import pLimit from 'p-limit';
import { OR11_MAX_IDS } from '../mirakl/client';

/** Fetches one batch (at most OR11_MAX_IDS ids) and stores it; resolves with the orders saved. */
export type OrderBatchFetcher = (orderIds: string[]) => Promise<number>;

export interface EnrichmentResult {
  saved: number;
  /** The first batch error, if any (the pass reports it as a warning). */
  error: Error | null;
}

export class OrderEnricher {
  private readonly requested = new Set<string>();
  private waiting: string[] = [];
  private readonly calls: Array<Promise<void>> = [];
  private readonly limit: ReturnType<typeof pLimit>;
  private saved = 0;
  private error: Error | null = null;

  constructor(
    private readonly fetchBatch: OrderBatchFetcher,
    concurrency = 2,
  ) {
    this.limit = pLimit(concurrency);
  }

  /** Orders to enrich; ids already asked for in this pass are skipped. Full batches go out now. */
  add(orderIds: Iterable<string>): void {
    for (const id of orderIds) {
      if (this.requested.has(id)) continue;
      this.requested.add(id);
      this.waiting.push(id);
    }
    while (this.waiting.length >= OR11_MAX_IDS) this.send(this.waiting.splice(0, OR11_MAX_IDS));
  }

  /** Sends what is left and waits for every batch. */
  async finish(): Promise<EnrichmentResult> {
    while (this.waiting.length > 0) this.send(this.waiting.splice(0, OR11_MAX_IDS));
    await this.settle();
    return { saved: this.saved, error: this.error };
  }

  /** Waits for the batches already sent, sending nothing more (the pass failed or stopped). */
  async settle(): Promise<void> {
    this.waiting = [];
    await Promise.all(this.calls);
  }

  private send(batch: string[]): void {
    this.calls.push(
      this.limit(async () => {
        // After a failure the batches not yet started are dropped: Mirakl is down or refusing,
        // and the orders still missing are asked for by a later pass.
        if (this.error) return;
        try {
          const saved = await this.fetchBatch(batch);
          this.saved += saved; // not `+= await`: that reads the total before the wait
        } catch (error) {
          this.error ??= error instanceof Error ? error : new Error(String(error));
        }
      }),
    );
  }
}
