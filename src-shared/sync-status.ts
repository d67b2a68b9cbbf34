// What the rest of the app (status bar, CLI, HTTP, IPC) can observe of a connection's sync.
import { z } from 'zod';

export const syncProgressSchema = z.object({
  pages: z.number().int().nonnegative(),
  threads: z.number().int().nonnegative(),
  /** Messages new to the store in this pass. */
  newMessages: z.number().int().nonnegative(),
});

/** A thread Mirakl sent that does not match its contract: kept aside, asked for again at every pass. */
export const stuckThreadSchema = z.object({
  /** Null when Mirakl sent no usable thread id. */
  miraklThreadId: z.string().nullable(),
  /** Where it departs from the contract, e.g. "messages.3.date_created: Invalid ISO datetime". */
  reason: z.string(),
  /** ISO-8601 UTC: when it was first found unreadable. */
  since: z.string(),
});

/**
 * What a client reports of the technician: `input` (typed, clicked), `focus`, `visible`,
 * `hidden` (the window), `online` (the network came back). The desktop shell also reports
 * `suspend`/`resume` (the machine), and `serve` `watched`/`unwatched` (event-stream clients).
 */
export const activitySignalSchema = z.enum(['input', 'focus', 'visible', 'hidden', 'suspend', 'resume', 'online', 'watched', 'unwatched']);

/** `active`: the inbox is in use, polled every interval; `idle`: nobody looks, polled rarely. */
export const pollModeSchema = z.enum(['active', 'idle']);

/** The Mirakl requests a connection's sync made (retries of a request not counted apart). */
export const syncCallsSchema = z.object({
  /** In the last finished pass; null before the first. A pass that finds nothing new makes 1 (one M11 page). */
  lastPass: z.number().int().nonnegative().nullable(),
  /** The last pass's requests by Mirakl operation, e.g. { "M11": 1 }. */
  lastPassByOperation: z.record(z.string(), z.number().int().nonnegative()),
  /** In the passes that ended within the last hour. */
  lastHour: z.number().int().nonnegative(),
});

/** A connection that keeps failing and is not polled on its usual rhythm. */
export const syncBackoffSchema = z.object({
  /**
   * `rejected`: Mirakl refused the key or the shop (401/403): no more tries until the connection
   * is edited (or "sync now"). `unreachable`: offline, timeouts, 5xx, 429; `failing`: any other
   * error: both try again later and later, up to every 15 minutes.
   */
  reason: z.enum(['rejected', 'unreachable', 'failing']),
  /** Failed passes in a row. */
  failures: z.number().int().positive(),
  /** ISO-8601 UTC: the next try; null when it waits for the user. */
  retryAt: z.string().nullable(),
});

export const syncStatusSchema = z.object({
  accountId: z.number().int(),
  state: z.enum(['idle', 'running']),
  /** Progress of the running pass, or of the last finished one. */
  progress: syncProgressSchema.nullable(),
  /** ISO-8601 UTC. */
  lastSuccessAt: z.string().nullable(),
  lastError: z
    .object({
      message: z.string(),
      at: z.string(),
      /** True when the cause looks temporary (offline, Mirakl overloaded): local data stays readable. */
      offline: z.boolean(),
    })
    .nullable(),
  nextRunAt: z.string().nullable(),
  /** Threads that could not be read; the rest of the connection syncs on. */
  stuckThreads: z.array(stuckThreadSchema),
  /** How often it is polled now, and why. */
  poll: z.object({ mode: pollModeSchema, intervalSeconds: z.number().positive() }),
  calls: syncCallsSchema,
  /** Null while it syncs on its usual rhythm. */
  backoff: syncBackoffSchema.nullable(),
});

export type SyncProgress = z.infer<typeof syncProgressSchema>;
export type SyncStatus = z.infer<typeof syncStatusSchema>;
export type ActivitySignal = z.infer<typeof activitySignalSchema>;
export type PollMode = z.infer<typeof pollModeSchema>;
export type SyncCalls = z.infer<typeof syncCallsSchema>;
export type SyncBackoff = z.infer<typeof syncBackoffSchema>;
export type StuckThreadStatus = z.infer<typeof stuckThreadSchema>;
