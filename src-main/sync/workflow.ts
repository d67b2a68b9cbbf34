// One sync pass for one Mirakl connection: walk M11 pages of threads changed since the
// cursor, complete long threads with M10, write each page in one transaction, move the
// cursor with the last page, then enrich orders through OR11.
import { setImmediate } from 'node:timers/promises';
import pLimit from 'p-limit';
import { MiraklError, syncErrorMessage } from '../mirakl/errors';
import type { MiraklClient, Operation, ReadOptions, ThreadListPage, UnreadableThread } from '../mirakl/client';
import type { MiraklThread } from '../mirakl/schemas';
import type { Transaction } from 'kysely';
import type { Store } from '../db/open';
import type { Database } from '../db/schema';
import { knownThreadVersions, writeThreads, type WriteStats } from '../db/thread-writer';
import { commitCursor, readSyncState, recordSyncError } from '../db/sync-state';
import { ordersMissing, saveOrders } from '../db/orders';
import {
  listStuckThreads,
  noteStuckAttempt,
  recordStuckThreads,
  releaseStuckThreads,
  stuckThreadKey,
  stuckThreadsToRetry,
} from '../db/stuck-threads';
import type { SyncProgress } from '../../src-shared/sync-status';
import { mapThread, type MappedThread } from './map-thread';
import { ReadAhead } from './read-ahead';
import { OrderEnricher, type EnrichmentResult } from './order-enricher';
import { refreshReasonsWhenDue } from './reason-refresh';
import { lockAccountWrites } from '../db/account-writes-lock';

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
  /** Told of each request the pass sends to Mirakl, failed passes included (the scheduler's counts). */
  onCall?: (operation: Operation) => void;
  /** Called after each committed page with the conversations it created or changed (for live events). */
  onConversationsChanged?: (conversationIds: number[]) => void;
  now?: () => number;
}

export interface SyncPassResult extends SyncProgress {
  newThreads: number;
  updatedThreads: number;
  ordersFetched: number;
  /** Threads Mirakl sent that do not match the contract, kept aside and asked for again next pass. */
  stuckThreads: number;
  /** Problems that did not stop the pass (order enrichment, reason labels, stuck threads: retried next pass). */
  warnings: string[];
  cursor: number | null;
  durationMs: number;
  /** Time spent inside the store's transactions (the storage work alone). */
  storeMs: number;
  /** The requests this pass sent to Mirakl, by operation: { M11: 1 } when nothing changed. */
  calls: Partial<Record<Operation, number>>;
}

export const DEFAULT_OVERLAP_MS = 5 * 60_000;
/** M11 pages read ahead of the one being stored (memory: a few pages of threads). */
const READ_AHEAD_PAGES = 2;
/**
 * Stuck threads asked for again (M10) per pass, least recently tried first: every pass
 * retries them all unless Mirakl changed so much that hundreds are stuck, when a minute's
 * pass must not turn into hundreds of calls.
 */
export const MAX_STUCK_RETRIES_PER_PASS = 100;

/** Stores readable threads, keeps unreadable ones aside and frees those now stored, in one transaction with alsoInTransaction. */
type StoreThreads = (
  mapped: MappedThread[],
  unreadable: UnreadableThread[],
  alsoInTransaction?: (trx: Transaction<Database>) => Promise<unknown>,
) => Promise<number[]>;

/** A thread as the walk reads it: ready to store, or kept aside as unreadable. */
type ThreadRead = { thread: MiraklThread; unreadable?: undefined } | { thread?: undefined; unreadable: UnreadableThread };

/** One M11 page, and its threads that are new or changed, long ones read whole. */
interface ReadPage {
  listing: ThreadListPage;
  /**
   * Settles once the long threads, and those the listing could not read, are read through
   * M10; the walk does not wait for it to ask for the next page.
   */
  threads: Promise<ThreadRead[]>;
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
  const calls: Partial<Record<Operation, number>> = {};
  const read: ReadOptions = {
    ...(signal ? { signal } : {}),
    onCall: (operation) => {
      calls[operation] = (calls[operation] ?? 0) + 1;
      options.onCall?.(operation);
    },
  };

  const state = await readSyncState(store.db, accountId);
  const firstPass = state.cursor === null;
  const updatedSince = state.cursor ?? state.initial_since;
  const progress: SyncProgress = { pages: 0, threads: 0, newMessages: 0 };
  const totals: WriteStats = { newThreads: 0, updatedThreads: 0, unchangedThreads: 0, newMessages: 0 };
  const orders = new OrderEnricher(async (ids) => {
    const found = await client.getOrders(ids, read);
    await saveOrders(store, accountId, found, now());
    return found.length;
  });
  const stuck = new Set((await listStuckThreads(store.db, accountId)).map((t) => t.threadKey));
  // The labels of reason-code topics, when due: beside the walk, stored when they arrive.
  const reasons = refreshReasonsWhenDue({ store, client, accountId, fetchedAt: state.reasons_fetched_at, now, read });
  const warnings: string[] = [];
  let highWater: number | null = null;
  let storeMs = 0;

  /** Stores readable threads, keeps unreadable ones aside and frees those now stored, in one transaction. */
  const storeThreads: StoreThreads = async (mapped, unreadable, alsoInTransaction) => {
    const changed: number[] = [];
    const freed = mapped.map((t) => t.miraklThreadId).filter((id) => stuck.has(id));
    const writeStarted = performance.now();
    const stats = await store.transaction(async (trx) => {
      await lockAccountWrites(trx, accountId);
      const written = await writeThreads(trx, accountId, mapped, { firstPass, now: now() }, changed);
      await recordStuckThreads(trx, accountId, unreadable, now());
      await releaseStuckThreads(trx, accountId, freed);
      await alsoInTransaction?.(trx);
      return written;
    });
    addStats(totals, stats);
    storeMs += performance.now() - writeStarted;
    for (const id of freed) stuck.delete(id);
    for (const thread of unreadable) stuck.add(stuckThreadKey(thread));
    if (changed.length > 0) options.onConversationsChanged?.(changed);
    // Stored: their orders can be asked for while the walk goes on.
    orders.add(mapped.flatMap((t) => (t.orderId ? [t.orderId] : [])));
    return changed;
  };

  // Pages are read ahead of the writer, each with its changed long threads completed through
  // M10: while one page is stored the next ones are on the wire.
  const readPage = async (previous: ReadPage | null): Promise<ReadPage> => {
    const pageToken = previous?.listing.next_page_token ?? null;
    const listing = await client.listThreads({ updatedSince, pageToken, limit: options.pageSize ?? 100 }, read);
    const listedIds = [...listing.data.map((t) => t.id), ...listing.unreadable.flatMap((t) => (t.id === null ? [] : [t.id]))];
    // Re-delivered by the overlap window and unchanged since: no M10, no OR11, nothing to write.
    const known = await knownThreadVersions(store.db, accountId, listedIds);
    const changed = listing.data.filter((t) => known.get(t.id) !== t.date_updated);
    const unreadable = listing.unreadable.filter((t) => t.id === null || t.dateUpdated === null || known.get(t.id) !== t.dateUpdated);
    const threads = Promise.all<ThreadRead>([
      ...changed.map((t) => (needsWholeThread(t) ? limit(() => client.readThread(t.id, read)) : { thread: t })),
      // What the listing could not read, M10 may: else it is kept aside as the listing gave it.
      ...unreadable.map((t) => (t.id === null ? { unreadable: t } : limit(() => readWhole(client, t.id!, read, t)))),
    ]);
    // Read ahead and never taken (the pass stopped): not an unhandled rejection.
    threads.catch(() => undefined);
    return { listing, threads };
  };

  try {
    // Threads kept aside by earlier passes are asked for again first: the walk may then bring newer versions.
    warnings.push(...(await retryStuckThreads(options, read, limit, stuck, storeThreads)));
    const reader = new ReadAhead(readPage, (page) => Boolean(page.listing.next_page_token), READ_AHEAD_PAGES);
    for (;;) {
      signal?.throwIfAborted();
      const { listing: page, threads: reading } = await reader.next();
      const reads = await reading;
      const nextToken = page.next_page_token;
      // The write below holds the thread for milliseconds: first let the requests the
      // read-ahead just made reach the wire, so the server works while this page is stored.
      await setImmediate();

      // The high-water mark comes from M11's listing only: an M10 answer read later in the pass
      // can carry a newer date than threads this walk has already passed over. A thread the
      // listing could not read counts too: it is kept aside in the page's own transaction.
      for (const t of page.data) highWater = highWater === null ? t.date_updated : Math.max(highWater, t.date_updated);
      for (const t of page.unreadable) if (t.dateUpdated !== null) highWater = highWater === null ? t.dateUpdated : Math.max(highWater, t.dateUpdated);
      signal?.throwIfAborted();
      const mapped = reads.flatMap((r) => (r.thread ? [mapThread(r.thread)] : []));
      const unreadable = reads.flatMap((r) => (r.unreadable ? [r.unreadable] : []));
      // The cursor moves only when the whole pass is stored: with the last page, atomically.
      await storeThreads(
        mapped,
        unreadable,
        nextToken ? undefined : (trx) => commitCursor(trx, accountId, highWater === null ? null : highWater - overlap, now()),
      );
      progress.pages++;
      progress.threads += page.data.length + page.unreadable.length;
      progress.newMessages = totals.newMessages;
      options.onProgress?.({ ...progress });
      if (!nextToken) break;
    }
  } catch (error) {
    // Nothing of this pass may still run once it has ended: let the OR11 batches and RE02 in flight settle.
    await Promise.all([orders.settle(), reasons]);
    throw error;
  }

  const [enriched, reasonsError] = await Promise.all([finishOrders(options, orders), reasons]);
  // Stopped: the pass ends here (the orders are asked for again next pass).
  signal?.throwIfAborted();
  if (enriched.error) warnings.push(`Order details not refreshed: ${enriched.error.message}`);
  if (reasonsError) warnings.push(`Reason labels not refreshed: ${reasonsError.message}`);
  if (stuck.size > 0) {
    warnings.push(`${stuck.size} thread${stuck.size === 1 ? '' : 's'} Mirakl sent could not be read: kept aside, asked for again at every sync`);
  }
  const after = await readSyncState(store.db, accountId);
  return {
    ...progress,
    newThreads: totals.newThreads,
    updatedThreads: totals.updatedThreads,
    ordersFetched: enriched.saved,
    stuckThreads: stuck.size,
    warnings,
    cursor: after.cursor,
    durationMs: now() - started,
    storeMs,
    calls,
  };
}

/**
 * M10 for a thread the listing could not read. Mirakl refusing it (an error status) keeps
 * it aside as listed; not reaching Mirakl fails the pass, as any read does.
 */
async function readWhole(client: MiraklClient, threadId: string, read: ReadOptions, listed: UnreadableThread): Promise<ThreadRead> {
  try {
    return await client.readThread(threadId, read);
  } catch (error) {
    if (isRefusal(error)) return { unreadable: listed };
    throw error;
  }
}

/** Mirakl answered with an error status for this one thread (e.g. 404): an answer, not an outage. */
function isRefusal(error: unknown): error is MiraklError {
  return error instanceof MiraklError && error.kind === 'http';
}

/**
 * Asks Mirakl again (M10) for the threads kept aside by earlier passes: those now readable
 * are stored and leave the list, the others stay with their new reason. Returns warnings.
 */
async function retryStuckThreads(
  options: SyncPassOptions,
  read: ReadOptions,
  limit: ReturnType<typeof pLimit>,
  stuck: ReadonlySet<string>,
  storeThreads: StoreThreads,
): Promise<string[]> {
  const { store, client, accountId, signal } = options;
  const now = options.now ?? Date.now;
  if (stuck.size === 0) return [];
  const due = await stuckThreadsToRetry(store.db, accountId, MAX_STUCK_RETRIES_PER_PASS);
  const reads = await Promise.all(
    due.map((thread) =>
      limit(async () => {
        try {
          return { thread, read: await client.readThread(thread.miraklThreadId, read) };
        } catch (error) {
          if (isRefusal(error)) return { thread, refused: error };
          throw error;
        }
      }),
    ),
  );
  signal?.throwIfAborted();
  const mapped = reads.flatMap((r) => (r.read?.thread ? [mapThread(r.read.thread)] : []));
  const unreadable = reads.flatMap((r) => (r.read?.unreadable ? [r.read.unreadable] : []));
  const refused = reads.flatMap((r) => (r.refused ? [{ key: r.thread.threadKey, id: r.thread.miraklThreadId, error: r.refused }] : []));
  await storeThreads(mapped, unreadable, async (trx) => {
    for (const r of refused) await noteStuckAttempt(trx, accountId, r.key, now());
  });
  return refused.map((r) => `Thread ${r.id}, kept aside, could not be asked for again: ${r.error.reason}`);
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
