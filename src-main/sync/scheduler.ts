// Runs a connection's sync periodically: one pass at a time, the next one scheduled
// after the last one ends (never a pile-up when a pass is slow), plus "sync now".
// Publishes a SyncStatus on every change for the status bar, the CLI and the API.
import { EventEmitter } from 'node:events';
import type { StuckThreadStatus, SyncProgress, SyncStatus } from '../../src-shared/sync-status';
import { MiraklError, syncErrorMessage } from '../mirakl/errors';
import type { SyncPassResult } from './workflow';

export type PassRunner = (signal: AbortSignal, onProgress: (progress: SyncProgress) => void) => Promise<SyncPassResult>;

export interface SchedulerOptions {
  accountId: number;
  run: PassRunner;
  intervalMs: number;
  /** From the store, so a restarted app shows when it last synced. */
  lastSuccessAt?: number | null;
  lastError?: { message: string; at: number } | null;
  /** From the store: threads kept aside because they could not be read. */
  stuckThreads?: StuckThreadStatus[];
}

export const DEFAULT_SYNC_INTERVAL_MS = 60_000;

export class SyncScheduler extends EventEmitter<{ status: [SyncStatus]; passed: [SyncPassResult]; failed: [Error] }> {
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<SyncPassResult> | null = null;
  private abort: AbortController | null = null;
  private stopped = true;
  private intervalMs: number;
  private progress: SyncProgress | null = null;
  private lastSuccessAt: number | null;
  private lastError: { message: string; at: number; offline: boolean } | null;
  private nextRunAt: number | null = null;
  private stuckThreads: StuckThreadStatus[];

  constructor(private readonly options: SchedulerOptions) {
    super();
    this.intervalMs = options.intervalMs;
    this.lastSuccessAt = options.lastSuccessAt ?? null;
    this.lastError = options.lastError ? { ...options.lastError, offline: false } : null;
    this.stuckThreads = options.stuckThreads ?? [];
  }

  get status(): SyncStatus {
    return {
      accountId: this.options.accountId,
      state: this.current ? 'running' : 'idle',
      progress: this.progress,
      lastSuccessAt: iso(this.lastSuccessAt),
      lastError: this.lastError ? { message: this.lastError.message, at: iso(this.lastError.at)!, offline: this.lastError.offline } : null,
      nextRunAt: iso(this.nextRunAt),
      stuckThreads: this.stuckThreads,
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

  setInterval(intervalMs: number): void {
    this.intervalMs = intervalMs;
    if (!this.stopped && !this.current) this.schedule(intervalMs);
  }

  /** Runs a pass now, or joins the running one. Rejects with the pass's error. */
  syncNow(): Promise<SyncPassResult> {
    if (this.current) return this.current;
    this.clearTimer();
    const abort = new AbortController();
    this.abort = abort;
    this.progress = { pages: 0, threads: 0, newMessages: 0 };
    const pass = this.options
      .run(abort.signal, (progress) => {
        this.progress = progress;
        this.emitStatus();
      })
      .then(
        (result) => {
          this.lastSuccessAt = Date.now();
          this.lastError = null;
          this.emit('passed', result);
          return result;
        },
        (error: Error) => {
          if (!abort.signal.aborted) {
            this.lastError = { message: syncErrorMessage(error), at: Date.now(), offline: error instanceof MiraklError && error.transient };
            if (this.listenerCount('failed') > 0) this.emit('failed', error);
          }
          throw error;
        },
      )
      .finally(() => {
        this.current = null;
        this.abort = null;
        if (!this.stopped) this.schedule(this.intervalMs);
        else this.emitStatus();
      });
    this.current = pass;
    this.nextRunAt = null;
    this.emitStatus();
    return pass;
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

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
