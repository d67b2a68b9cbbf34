// One sync pass for one Mirakl connection: walk M11 pages of threads changed since the
// cursor, complete long threads with M10, write each page in one transaction, move the
// cursor with the last page, then enrich orders through OR11.
import { syncErrorMessage } from '../mirakl/errors';
import { setImmediate } from 'node:timers/promises';
import pLimit from 'p-limit';
import type { MiraklClient } from '../mirakl/client';
import type { M11Response, MiraklThread } from '../mirakl/schemas';
import type { Store } from '../db/open';
import { knownThreadVersions, writeThreads, type WriteStats } from '../db/thread-writer';
import { commitCursor, readSyncState, recordSyncError } from '../db/sync-state';
import { ordersMissing, saveOrders } from '../db/orders';
import type { SyncProgress } from '../../src-shared/sync-status';
import { mapThread } from './map-thread';
import { ReadAhead } from './read-ahead';
import { OrderEnricher, type EnrichmentResult } from './order-enricher';

export interface SyncPassOptions {
  store: Store;
  client: MiraklClient;
  accountId: number;
  /** M11 page size. */
  pageSize?: number;
  /**
   * Safety overlap subtracted from the high-water mark: a thread whose date_updated was
   * assigned just before a page was read but committed on Mirakl's side just after is
   * still asked for by the next pass. Re-delivered threads are upserts, never copies.
   */
  overlapMs?: number;
  /** M10 calls in flight at once for threads longer than M11's 100-message cut. */
  threadConcurrency?: number;
  signal?: AbortSignal;
  onProgress?: (progress: SyncProgress) => void;
  /** Called after each committed page with the conversations it created or changed (for live events). */
  onConversationsChanged?: (conversationIds: number[]) => void;
  now?: () => number;
}

export interface SyncPassResult extends SyncProgress {
  newThreads: number;
  updatedThreads: number;
  ordersFetched: number;
  /** Problems that did not stop the pass (order enrichment is retried next pass). */
  warnings: string[];
  cursor: number | null;
  durationMs: number;
  /** Time spent inside the store's transactions (the storage work alone). */
  storeMs: number;
}

export const DEFAULT_OVERLAP_MS = 5 * 60_000;
/** M11 pages read ahead of the one being stored (memory: a few pages of threads). */
const READ_AHEAD_PAGES = 2;

/** One M11 page, and its threads that are new or changed, long ones read whole. */
interface ReadPage {
  listing: M11Response;
  /** Settles once the long threads are read through M10; the walk does not wait for it to ask for the next page. */
  threads: Promise<MiraklThread[]>;
}

/** Passes under way in this process, per database and connection: one at a time each. */
const running = new Map<string, Promise<SyncPassResult>>();

/**
 * Runs a pass, or joins the one already running for this connection: two passes over
 * the same account never interleave their pages or race on the cursor.
 */
export function runSyncPass(options: SyncPassOptions): Promise<SyncPassResult> {
  const key = `${options.store.location}#${options.accountId}`;
  const current = running.get(key);
  if (current) return current;
  const pass = runExclusive(options).finally(() => running.delete(key));
  running.set(key, pass);
  return pass;
}

async function runExclusive(options: SyncPassOptions): Promise<SyncPassResult> {
  const { store, accountId } = options;
  const now = options.now ?? Date.now;
  const started = now();
  try {
    return await walk(options, started);
  } catch (error) {
    // A pass stopped on purpose (shutdown) is not a failure to show at the next launch.
    // (If even that cannot be written, the pass's own error is the one to report.)
    if (!options.signal?.aborted && !store.closed) await recordSyncError(store.db, accountId, syncErrorMessage(error), now()).catch(() => undefined);
    throw error;
  }
}

async function walk(options: SyncPassOptions, started: number): Promise<SyncPassResult> {
  const { store, client, accountId, signal } = options;
  const now = options.now ?? Date.now;
  const overlap = options.overlapMs ?? DEFAULT_OVERLAP_MS;
  const limit = pLimit(options.threadConcurrency ?? 4);

  const state = await readSyncState(store.db, accountId);
  const firstPass = state.cursor === null;
  const updatedSince = state.cursor ?? state.initial_since;
  const progress: SyncProgress = { pages: 0, threads: 0, newMessages: 0 };
  const totals: WriteStats = { newThreads: 0, updatedThreads: 0, unchangedThreads: 0, newMessages: 0 };
  const orders = new OrderEnricher(async (ids) => {
    const found = await client.getOrders(ids, { signal });
    await saveOrders(store, accountId, found, now());
    return found.length;
  });
  let highWater: number | null = null;
  let storeMs = 0;

  // Pages are read ahead of the writer, each with its changed long threads completed through
  // M10: while one page is stored the next ones are on the wire.
  const readPage = async (previous: ReadPage | null): Promise<ReadPage> => {
    const pageToken = previous?.listing.next_page_token ?? null;
    const listing = await client.listThreads({ updatedSince, pageToken, limit: options.pageSize ?? 100 }, { signal });
    // Re-delivered by the overlap window and unchanged since: no M10, no OR11, nothing to write.
    const known = await knownThreadVersions(store.db, accountId, listing.data.map((t) => t.id));
    const changed = listing.data.filter((t) => known.get(t.id) !== t.date_updated);
    const threads = Promise.all(changed.map((t) => (needsWholeThread(t) ? limit(() => client.getThread(t.id, { signal })) : t)));
    // Read ahead and never taken (the pass stopped): not an unhandled rejection.
    threads.catch(() => undefined);
    return { listing, threads };
  };
  const reader = new ReadAhead(readPage, (page) => Boolean(page.listing.next_page_token), READ_AHEAD_PAGES);

  try {
    for (;;) {
      signal?.throwIfAborted();
      const { listing: page, threads: reading } = await reader.next();
      const threads = await reading;
      const nextToken = page.next_page_token ?? null;
      // The write below holds the thread for milliseconds: first let the requests the
      // read-ahead just made reach the wire, so the server works while this page is stored.
      await setImmediate();

      // The high-water mark comes from M11's listing only: an M10 answer read later in the pass
      // can carry a newer date than threads this walk has already passed over.
      for (const t of page.data) highWater = highWater === null ? t.date_updated : Math.max(highWater, t.date_updated);
      signal?.throwIfAborted();
      const mapped = threads.map(mapThread);

      const changed: number[] = [];
      const writeStarted = performance.now();
      const stats = await store.transaction(async (trx) => {
        const written = await writeThreads(trx, accountId, mapped, { firstPass, now: now() }, changed);
        // The cursor moves only when the whole pass is stored: with the last page, atomically.
        if (!nextToken) await commitCursor(trx, accountId, highWater === null ? null : highWater - overlap, now());
        return written;
      });
      addStats(totals, stats);
      storeMs += performance.now() - writeStarted;
      progress.pages++;
      progress.threads += page.data.length;
      progress.newMessages = totals.newMessages;
      options.onProgress?.({ ...progress });
      if (changed.length > 0) options.onConversationsChanged?.(changed.splice(0));
      // Stored: their orders can be asked for while the walk goes on.
      orders.add(mapped.flatMap((t) => (t.orderId ? [t.orderId] : [])));
      if (!nextToken) break;
    }
  } catch (error) {
    // Nothing of this pass may still run once it has ended: let the OR11 batches in flight settle.
    await orders.settle();
    throw error;
  }

  const warnings: string[] = [];
  const enriched = await finishOrders(options, orders);
  // Stopped: the pass ends here (the orders are asked for again next pass).
  signal?.throwIfAborted();
  if (enriched.error) warnings.push(`Order details not refreshed: ${enriched.error.message}`);
  const after = await readSyncState(store.db, accountId);
  return {
    ...progress,
    newThreads: totals.newThreads,
    updatedThreads: totals.updatedThreads,
    ordersFetched: enriched.saved,
    warnings,
    cursor: after.cursor,
    durationMs: now() - started,
    storeMs,
  };
}

/** M11 returns only the last 100 messages; a longer thread is read whole through M10. */
function needsWholeThread(thread: MiraklThread): boolean {
  return thread.metadata.total_count > (thread.messages?.length ?? 0);
}

/** Connections whose missing orders this process already asked for (see finishOrders). */
const missingOrdersAsked = new Set<string>();

/**
 * Ends the pass's enrichment: adds, once per process, the orders the store still lacks (a
 * crash between the cursor's commit and the enrichment), then waits for every batch. Once
 * only: an order OR11 never returns (deleted, another channel) must not cost a call every
 * minute forever.
 */
async function finishOrders(options: SyncPassOptions, orders: OrderEnricher): Promise<EnrichmentResult> {
  const key = `${options.store.location}#${options.accountId}`;
  const askMissing = !missingOrdersAsked.has(key);
  if (askMissing) orders.add(await ordersMissing(options.store.db, options.accountId));
  const result = await orders.finish();
  if (askMissing && !result.error) missingOrdersAsked.add(key); // asked and answered: not again in this process
  return result;
}

function addStats(into: WriteStats, add: WriteStats): void {
  into.newThreads += add.newThreads;
  into.updatedThreads += add.updatedThreads;
  into.unchangedThreads += add.unchangedThreads;
  into.newMessages += add.newMessages;
}
