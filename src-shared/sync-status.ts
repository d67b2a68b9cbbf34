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
});

export type SyncProgress = z.infer<typeof syncProgressSchema>;
export type SyncStatus = z.infer<typeof syncStatusSchema>;
export type StuckThreadStatus = z.infer<typeof stuckThreadSchema>;
