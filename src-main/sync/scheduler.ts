// Runs a connection's sync periodically: one pass at a time, the next one scheduled
// after the last one ends (never a pile-up when a pass is slow), plus "sync now". The wait
// follows the poll policy: often while the inbox is in use, rarely when not, longer and
// longer while Mirakl cannot be reached, not at all once it refused the key.
// Publishes a SyncStatus on every change for the status bar, the CLI and the API.
import { EventEmitter } from 'node:events';
import type { StuckThreadStatus, SyncBackoff, SyncProgress, SyncStatus } from '../../src-shared/sync-status';
import type { Operation } from '../mirakl/client';
import { MiraklError, syncErrorMessage } from '../mirakl/errors';
import type { Activity } from './activity';
import { intervalFor, nextDelay } from './poll-policy';
import type { SyncPassResult } from './workflow';

export type PassRunner = (signal: AbortSignal, onProgress: (progress: SyncProgress) => void, onCall: (operation: Operation) => void) => Promise<SyncPassResult>;

export interface SchedulerOptions {
  accountId: number;
  run: PassRunner;
  /** Whether the inbox is in use, and the intervals. */
  activity: Activity;
  /** From the store, so a restarted app shows when it last synced. */
  lastSuccessAt?: number | null;
  lastError?: { message: string; at: number } | null;
  /** From the store: threads kept aside because they could not be read. */
  stuckThreads?: StuckThreadStatus[];
}

export const DEFAULT_SYNC_INTERVAL_MS = 60_000;
const HOUR_MS = 60 * 60_000;

/** Failures in a row of one kind: what the back-off is computed from. */
interface FailureRun {
  kind: SyncBackoff['reason'];
  inARow: number;
}

export class SyncScheduler extends EventEmitter<{ status: [SyncStatus]; passed: [SyncPassResult]; failed: [Error] }> {
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<SyncPassResult> | null = null;
  private abort: AbortController | null = null;
  private stopped = true;
  private progress: SyncProgress | null = null;
  private lastSuccessAt: number | null;
  private lastError: { message: string; at: number; offline: boolean } | null;
  private nextRunAt: number | null = null;
  private stuckThreads: StuckThreadStatus[];
  private failures: FailureRun | null = null;
  /** Requests of the passes that ended within the hour: [ended at, count]. */
  private passCalls: Array<[number, number]> = [];
  private lastPassCalls: Partial<Record<Operation, number>> | null = null;

  constructor(private readonly options: SchedulerOptions) {
    super();
    this.lastSuccessAt = options.lastSuccessAt ?? null;
    this.lastError = options.lastError ? { ...options.lastError, offline: false } : null;
    this.stuckThreads = options.stuckThreads ?? [];
  }

  get status(): SyncStatus {
    const mode = this.options.activity.mode();
    const hourAgo = Date.now() - HOUR_MS;
    this.passCalls = this.passCalls.filter(([at]) => at > hourAgo);
    return {
      accountId: this.options.accountId,
      state: this.current ? 'running' : 'idle',
      progress: this.progress,
      lastSuccessAt: iso(this.lastSuccessAt),
      lastError: this.lastError ? { message: this.lastError.message, at: iso(this.lastError.at)!, offline: this.lastError.offline } : null,
      nextRunAt: iso(this.nextRunAt),
      stuckThreads: this.stuckThreads,
      poll: { mode, intervalSeconds: intervalFor(mode, this.options.activity.settings) / 1000 },
      calls: {
        lastPass: this.lastPassCalls ? Object.values(this.lastPassCalls).reduce((a, b) => a + b, 0) : null,
        lastPassByOperation: { ...this.lastPassCalls },
        lastHour: this.passCalls.reduce((sum, [, count]) => sum + count, 0),
      },
      backoff: this.failures ? { reason: this.failures.kind, failures: this.failures.inARow, retryAt: this.failures.kind === 'rejected' ? null : iso(this.nextRunAt) } : null,
    };
  }

  /** The threads kept aside, as the store holds them after a pass (published with the next status). */
  setStuckThreads(stuckThreads: StuckThreadStatus[]): void {
    this.stuckThreads = stuckThreads;
  }

  /** Starts periodic syncing with a pass right away. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops scheduling, aborts a running pass's requests (its stored pages stay), and waits for it. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimer();
    this.abort?.abort(new Error('Sync stopped'));
    await this.current?.catch(() => undefined);
    this.emitStatus();
  }

  /** The intervals changed: the next pass is set again from now. */
  reschedule(): void {
    if (!this.stopped && !this.current) this.scheduleNext();
  }

  /**
   * The technician is back (focus, wake, reconnect): a pass now, unless Mirakl refused the
   * key (only editing the connection, or "sync now", tries it again).
   */
  comeBack(): void {
    if (this.stopped || this.failures?.kind === 'rejected') return;
    this.syncNow().catch(() => undefined);
  }

  /** Runs a pass now, or joins the running one. Rejects with the pass's error. */
  syncNow(): Promise<SyncPassResult> {
    if (this.current) return this.current;
    this.clearTimer();
    const abort = new AbortController();
    this.abort = abort;
    this.progress = { pages: 0, threads: 0, newMessages: 0 };
    const calls: Partial<Record<Operation, number>> = {};
    const countCall = (operation: Operation) => {
      calls[operation] = (calls[operation] ?? 0) + 1;
    };
    const pass = this.options
      .run(
        abort.signal,
        (progress) => {
          this.progress = progress;
          this.emitStatus();
        },
        countCall,
      )
      .then(
        (result) => {
          this.lastSuccessAt = Date.now();
          this.lastError = null;
          this.failures = null;
          this.emit('passed', result);
          return result;
        },
        (error: Error) => {
          if (!abort.signal.aborted) {
            this.lastError = { message: syncErrorMessage(error), at: Date.now(), offline: error instanceof MiraklError && error.transient };
            const kind = failureKind(error);
            this.failures = { kind, inARow: this.failures?.kind === kind ? this.failures.inARow + 1 : 1 };
            if (this.listenerCount('failed') > 0) this.emit('failed', error);
          }
          throw error;
        },
      )
      .finally(() => {
        this.current = null;
        this.abort = null;
        this.lastPassCalls = calls;
        this.passCalls.push([Date.now(), Object.values(calls).reduce((a, b) => a + b, 0)]);
        if (!this.stopped) this.scheduleNext();
        else this.emitStatus();
      });
    this.current = pass;
    this.nextRunAt = null;
    this.emitStatus();
    return pass;
  }

  /** The next pass after the policy's wait; none while a refused key waits for the user. */
  private scheduleNext(): void {
    const delay = nextDelay(this.options.activity.mode(), this.failures, this.options.activity.settings);
    if (delay === null) {
      this.clearTimer();
      this.emitStatus();
    } else {
      this.schedule(delay);
    }
  }

  private schedule(delayMs: number): void {
    this.clearTimer();
    this.nextRunAt = Date.now() + delayMs;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.syncNow().catch(() => undefined); // reported through status and 'failed'
    }, delayMs);
    this.emitStatus();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.nextRunAt = null;
  }

  private emitStatus(): void {
    this.emit('status', this.status);
  }
}

/** 401/403: the key or the shop is refused, trying again changes nothing. Transient: Mirakl cannot be reached for now. */
function failureKind(error: Error): SyncBackoff['reason'] {
  if (error instanceof MiraklError && (error.status === 401 || error.status === 403)) return 'rejected';
  return error instanceof MiraklError && !error.transient ? 'failing' : 'unreachable';
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
