// A connection's reason labels (RE02) are fetched when it is first synced, then at most once
// a day, as Mirakl means its reference data to be read (like A01). A failed fetch is tried
// again an hour later at the earliest: the labels matter, but not a call every minute.
import type { MiraklClient, ReadOptions } from '../mirakl/client';
import type { Store } from '../db/open';
import { saveMessageReasons } from '../db/message-reasons';

export const REASONS_MAX_AGE_MS = 24 * 60 * 60_000;
const RETRY_AFTER_FAILURE_MS = 60 * 60_000;

/** Connections whose last fetch failed in this process, and when. */
const lastFailure = new Map<string, number>();

export interface ReasonRefresh {
  store: Store;
  client: MiraklClient;
  accountId: number;
  /** When the stored labels were fetched (sync_state.reasons_fetched_at); null: never. */
  fetchedAt: number | null;
  now: () => number;
  /** The pass's signal and call count. */
  read: ReadOptions;
}

/** Fetches and stores the labels when due. Never rejects: resolves with the error of a failed fetch, or null. */
export async function refreshReasonsWhenDue(refresh: ReasonRefresh): Promise<Error | null> {
  const { store, client, accountId, fetchedAt, now, read } = refresh;
  const signal = read.signal;
  const key = `${store.location}#${accountId}`;
  const started = now();
  if (fetchedAt !== null && started - fetchedAt < REASONS_MAX_AGE_MS) return null;
  const failedAt = lastFailure.get(key);
  if (failedAt !== undefined && started - failedAt < RETRY_AFTER_FAILURE_MS) return null;
  try {
    const reasons = await client.getMessagingReasons(read);
    signal?.throwIfAborted();
    await saveMessageReasons(store, accountId, reasons, now());
    lastFailure.delete(key);
    return null;
  } catch (error) {
    // Stopped on purpose: not a failure of Mirakl's, due again at the next pass.
    if (!signal?.aborted) lastFailure.set(key, started);
    return error instanceof Error ? error : new Error(String(error));
  }
}
