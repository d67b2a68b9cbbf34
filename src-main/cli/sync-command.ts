// `sync`: one pass (--once) or periodic passes until interrupted, for the command line's
// connection, the demo (--demo), or every connection saved in the store.
import { runSyncPass, type SyncPassResult } from '../sync/workflow';
import { SyncScheduler } from '../sync/scheduler';
import type { SyncCommandConfig } from '../config';
import type { SyncProgress } from '../../src-shared/sync-status';
import type { MiraklClient } from '../mirakl/client';
import type { Store } from '../db/open';
import { openRuntime, syncTargets, type SyncTarget } from './runtime';

export interface SyncIo {
  out: NodeJS.WriteStream;
  err: NodeJS.WritableStream;
}

export async function syncCommand(config: SyncCommandConfig, io: SyncIo = { out: process.stdout, err: process.stderr }): Promise<number> {
  const runtime = await openRuntime(config);
  try {
    const { targets, close } = await syncTargets(config, runtime);
    try {
      return config.once ? await syncOnce(runtime.store, targets, io) : await syncPeriodically(config, runtime.store, targets, io);
    } finally {
      await close();
    }
  } finally {
    await runtime.close();
  }
}

type Runnable = SyncTarget & { client: MiraklClient };
const runnable = (t: SyncTarget): t is Runnable => t.client !== null;

function passRunner(store: Store, target: Runnable, io: SyncIo) {
  const live = io.out.isTTY === true;
  const showProgress = (p: SyncProgress) => {
    if (live) io.out.write(`\r\x1b[2Ksyncing ${target.accountName}: ${p.pages} pages, ${p.threads} threads, ${p.newMessages} new messages`);
  };
  return (signal?: AbortSignal, onProgress = showProgress) => runSyncPass({ store, client: target.client, accountId: target.accountId, signal, onProgress });
}

/** Each connection in turn, a line each; exit 1 if any failed (the others still ran). */
async function syncOnce(store: Store, targets: SyncTarget[], io: SyncIo): Promise<number> {
  const live = io.out.isTTY === true;
  let failed = 0;
  for (const target of targets) {
    if (!runnable(target)) {
      io.err.write(`error: ${target.accountName}: ${target.error}\n`);
      failed += 1;
      continue;
    }
    try {
      const result = await passRunner(store, target, io)();
      if (live) io.out.write('\r\x1b[2K');
      io.out.write(`${summary(target.accountName, result)}\n`);
    } catch (error) {
      if (live) io.out.write('\r\x1b[2K');
      // One connection: the error alone, as before; several: which one failed.
      if (targets.length === 1) throw error;
      io.err.write(`error: ${target.accountName}: ${(error as Error).message}\n`);
      failed += 1;
    }
  }
  return failed === 0 ? 0 : 1;
}

async function syncPeriodically(config: SyncCommandConfig, store: Store, targets: SyncTarget[], io: SyncIo): Promise<number> {
  const live = io.out.isTTY === true;
  for (const target of targets) if (!runnable(target)) io.err.write(`error: ${target.accountName}: ${target.error}\n`);
  const schedulers = targets.filter(runnable).map((target) => {
    const scheduler = new SyncScheduler({ accountId: target.accountId, run: passRunner(store, target, io), intervalMs: config.intervalMs });
    scheduler.on('passed', (result) => {
      if (live) io.out.write('\r\x1b[2K');
      // A pass that changed nothing is news only to whoever asked for --verbose.
      if (!config.verbose && changedNothing(result)) return;
      io.out.write(`${new Date().toISOString()} ${summary(target.accountName, result)}\n`);
    });
    scheduler.on('failed', (error) => {
      if (live) io.out.write('\r\x1b[2K');
      io.err.write(`${new Date().toISOString()} sync of ${target.accountName} failed: ${error.message}\n`);
    });
    scheduler.start();
    return scheduler;
  });
  if (schedulers.length === 0) return 1;
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await Promise.all(schedulers.map((s) => s.stop()));
  return 0;
}

export function changedNothing(r: SyncPassResult): boolean {
  return r.newMessages === 0 && r.newThreads === 0 && r.updatedThreads === 0 && r.warnings.length === 0;
}

export function summary(account: string, r: SyncPassResult): string {
  const parts = [`synced ${account}: ${r.threads} threads`, `${r.newMessages} new messages`, `${r.newThreads} new conversations`];
  if (r.ordersFetched) parts.push(`${r.ordersFetched} orders`);
  let line = `${parts.join(', ')} in ${(r.durationMs / 1000).toFixed(1)} s`;
  for (const w of r.warnings) line += `\nwarning: ${w}`;
  return line;
}
