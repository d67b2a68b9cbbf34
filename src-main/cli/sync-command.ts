// `sync`: one pass (--once) or periodic passes until interrupted.
import { runSyncPass, type SyncPassResult } from '../sync/workflow';
import { SyncScheduler } from '../sync/scheduler';
import type { SyncCommandConfig } from '../config';
import type { SyncProgress } from '../../src-shared/sync-status';
import { openRuntime } from './runtime';

export async function syncCommand(config: SyncCommandConfig, out: NodeJS.WriteStream = process.stdout): Promise<number> {
  const runtime = await openRuntime(config);
  const { store, connection } = runtime;
  const live = out.isTTY === true;
  const showProgress = (p: SyncProgress) => {
    if (live) out.write(`\r\x1b[2Ksyncing ${connection.accountName}: ${p.pages} pages, ${p.threads} threads, ${p.newMessages} new messages`);
  };
  const runPass = (signal?: AbortSignal, onProgress = showProgress) =>
    runSyncPass({ store, client: connection.client, accountId: connection.accountId, signal, onProgress });

  if (config.once) {
    try {
      const result = await runPass();
      if (live) out.write('\r\x1b[2K');
      out.write(`${summary(connection.accountName, result)}\n`);
      return 0;
    } finally {
      await runtime.close();
    }
  }

  const scheduler = new SyncScheduler({ accountId: connection.accountId, run: runPass, intervalMs: config.intervalMs });
  scheduler.on('passed', (result) => {
    if (live) out.write('\r\x1b[2K');
    out.write(`${new Date().toISOString()} ${summary(connection.accountName, result)}\n`);
  });
  scheduler.on('failed', (error) => {
    if (live) out.write('\r\x1b[2K');
    process.stderr.write(`${new Date().toISOString()} sync failed: ${error.message}\n`);
  });
  scheduler.start();
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await scheduler.stop();
  await runtime.close();
  return 0;
}

export function summary(account: string, r: SyncPassResult): string {
  const parts = [`synced ${account}: ${r.threads} threads`, `${r.newMessages} new messages`, `${r.newThreads} new conversations`];
  if (r.ordersFetched) parts.push(`${r.ordersFetched} orders`);
  let line = `${parts.join(', ')} in ${(r.durationMs / 1000).toFixed(1)} s`;
  for (const w of r.warnings) line += `\nwarning: ${w}`;
  return line;
}
