// One SyncScheduler per account. Every account has one (so "sync now" and its status work
// even with periodic sync off); they only run on their own when `periodic` is set.
import type { SyncStatus } from '../../src-shared/sync-status';
import type { Store } from '../db/open';
import { readSyncState } from '../db/sync-state';
import { listStuckThreads } from '../db/stuck-threads';
import type { StuckThreadStatus } from '../../src-shared/sync-status';
import { maxMessageId, unsentReplyIds } from '../db/messages';
import { SyncScheduler } from '../sync/scheduler';
import { runSyncPass, type SyncPassOptions } from '../sync/workflow';
import type { ConnectionRegistry } from './connection-registry';

/** What changed in one committed sync page, for live events. */
export interface SyncedChange {
  accountId: number;
  conversationIds: number[];
  /** Messages with a greater id were added by this pass (or since it started). */
  newerThan: number;
  /** The account's replies not yet on Mirakl when the pass started: the sync may have adopted some. */
  unsentBefore: number[];
}

export interface SyncManagerOptions {
  store: Store;
  registry: ConnectionRegistry;
  intervalMs: number;
  /** Sync on a timer (false: only when asked). */
  periodic: boolean;
  /** Extra options of every pass (page size, overlap…), mostly for tests. */
  passOptions?: Partial<Pick<SyncPassOptions, 'pageSize' | 'overlapMs' | 'threadConcurrency'>>;
  onStatus(status: SyncStatus): void;
  /** A pass succeeded: Mirakl answers this account again. */
  onPassed(accountId: number): void;
  onChanged(change: SyncedChange): void;
}

export class SyncManager {
  private readonly schedulers = new Map<number, SyncScheduler>();
  /** Accounts being deleted: never scheduled again. */
  private readonly removing = new Set<number>();
  private intervalMs: number;
  private running = false;

  constructor(private readonly options: SyncManagerOptions) {
    this.intervalMs = options.intervalMs;
  }

  /** The account's scheduler, created on first use (and started if periodic sync is on). */
  async ensure(accountId: number): Promise<SyncScheduler> {
    const existing = this.schedulers.get(accountId);
    if (existing) return existing;
    // Being removed: its pass is stopping and its row is about to go; no new scheduler for it.
    if (this.removing.has(accountId)) throw new Error(`Connection ${accountId} is being removed`);
    const state = await readSyncState(this.options.store.db, accountId);
    const raced = this.schedulers.get(accountId);
    if (raced) return raced;
    if (this.removing.has(accountId)) throw new Error(`Connection ${accountId} is being removed`);
    const scheduler = new SyncScheduler({
      accountId,
      intervalMs: this.intervalMs,
      lastSuccessAt: state.last_success_at,
      lastError: state.last_error !== null && state.last_error_at !== null ? { message: state.last_error, at: state.last_error_at } : null,
      stuckThreads: await this.stuckThreads(accountId),
      run: async (signal, onProgress) => {
        try {
          return await this.runPass(accountId, signal, onProgress);
        } finally {
          // A failed pass may have kept threads aside (or freed some) in the pages it committed.
          scheduler.setStuckThreads(await this.stuckThreads(accountId).catch(() => scheduler.status.stuckThreads));
        }
      },
    });
    scheduler.on('status', (status) => this.options.onStatus(status));
    scheduler.on('passed', () => this.options.onPassed(accountId));
    // Failures are reported through the status; a listener keeps them from being thrown as 'error'.
    scheduler.on('failed', () => undefined);
    this.schedulers.set(accountId, scheduler);
    if (this.running && this.options.periodic) scheduler.start();
    return scheduler;
  }

  /**
   * Stops an account's syncing. With `forever` (the connection is being deleted), no
   * scheduler is created for it again, even by a status request racing the deletion.
   */
  async remove(accountId: number, forever = false): Promise<void> {
    if (forever) this.removing.add(accountId);
    const scheduler = this.schedulers.get(accountId);
    if (!scheduler) return;
    this.schedulers.delete(accountId);
    await scheduler.stop();
    scheduler.removeAllListeners();
  }

  isRemoving(accountId: number): boolean {
    return this.removing.has(accountId);
  }

  /** Restart an account's syncing with fresh settings (its client changed). */
  async restart(accountId: number): Promise<void> {
    await this.remove(accountId);
    await this.ensure(accountId);
  }

  setInterval(intervalMs: number): void {
    this.intervalMs = intervalMs;
    for (const scheduler of this.schedulers.values()) scheduler.setInterval(intervalMs);
  }

  statuses(): SyncStatus[] {
    return [...this.schedulers.entries()].sort(([a], [b]) => a - b).map(([, s]) => s.status);
  }

  status(accountId: number): SyncStatus | undefined {
    return this.schedulers.get(accountId)?.status;
  }

  /** Starts (or joins) a pass of each given account; resolves when they are under way, not when they end. */
  async syncNow(accountIds: readonly number[]): Promise<void> {
    for (const id of accountIds) {
      const scheduler = await this.ensure(id);
      scheduler.syncNow().catch(() => undefined); // the outcome is in the status
    }
  }

  /** Waits for the account's running pass, if any (tests, "sync now" callers that want the result). */
  async settle(accountId: number): Promise<void> {
    const scheduler = this.schedulers.get(accountId);
    if (scheduler?.status.state === 'running') await scheduler.syncNow().catch(() => undefined);
  }

  start(): void {
    this.running = true;
    if (!this.options.periodic) return;
    for (const scheduler of this.schedulers.values()) scheduler.start();
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all([...this.schedulers.values()].map((s) => s.stop()));
  }

  private async stuckThreads(accountId: number): Promise<StuckThreadStatus[]> {
    const rows = await listStuckThreads(this.options.store.db, accountId);
    return rows.map((t) => ({ miraklThreadId: t.miraklThreadId, reason: t.reason, since: new Date(t.since).toISOString() }));
  }

  private async runPass(accountId: number, signal: AbortSignal, onProgress: (p: NonNullable<SyncStatus['progress']>) => void) {
    const { store, registry } = this.options;
    const client = await registry.clientFor(accountId);
    const newerThan = await maxMessageId(store.db);
    const unsentBefore = await unsentReplyIds(store.db, accountId);
    return runSyncPass({
      ...this.options.passOptions,
      store,
      client,
      accountId,
      signal,
      onProgress,
      onConversationsChanged: (conversationIds) => this.options.onChanged({ accountId, conversationIds, newerThan, unsentBefore }),
    });
  }
}
