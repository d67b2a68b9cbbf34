// `serve`: the inbox as a local web server. The store, the command line's connection if
// any, the connections saved in the store and, while none exists, the embedded demo; the
// app service over them (periodic sync unless --no-sync, the reply outbox), and the HTTP
// API + web UI on 127.0.0.1. SIGINT/SIGTERM shut it down in order: stop accepting, let
// requests finish and end event streams, stop syncing and sending, close the database and
// the demo.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_NAME, ConfigError, type ServeCommandConfig } from '../config';
import { resolveApiToken, type ApiToken } from '../http/api-token';
import { isLoopbackHost, isWildcardHost, hostForUrl } from '../http/host-guard';
import { createHttpServer } from '../http/server';
import { createAppService, plainTextSecretBox, type AppService } from '../service/index';
import type { SyncStatus } from '../../src-shared/sync-status';
import { openRuntime, type Runtime } from './runtime';
import { findAccount } from '../db/account-admin';
import { listAccounts } from '../db/accounts';
import { writePreferences } from '../db/preferences';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const STATIC_DIR = path.join(ROOT, 'dist', 'renderer');

export interface ServeIo {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM by default). */
  stopSignal(): Promise<void>;
  /** Stops listening for the stop signal (the command is over). */
  dispose?(): void;
}

export async function serveCommand(config: ServeCommandConfig, io: ServeIo = processIo()): Promise<number> {
  // The token first: a bad CS_API_TOKEN fails before anything is opened.
  let apiToken: ApiToken;
  let runtime: Runtime;
  try {
    apiToken = resolveApiToken(config.dataDir);
    runtime = await openRuntime(config);
  } catch (error) {
    io.dispose?.();
    throw error;
  }
  const { store, given } = runtime;
  // --demo asks for the demo: the preference Settings shows is turned back on (it still only shows while no real connection exists).
  if (config.demo) await writePreferences(store.db, { demoEnabled: true }, Date.now());
  let service: AppService | null = null;
  /** Set once the server listens. */
  let servedUrl: string | null = null;
  try {
    service = createAppService({
      store,
      dataDir: config.dataDir,
      version: appVersion(),
      syncIntervalMs: config.intervalMs,
      sync: config.sync,
      poll: { idleIntervalMs: config.idleIntervalMs },
      // Headless, the inbox is in use while a client follows /api/events (the web UI does), unless --always-sync.
      watched: config.alwaysSync,
      // Connections saved in the store (Settings) run as on the desktop, and the embedded demo
      // shows while none exists and the preference allows it.
      connections: {
        // Headless: no OS keychain. The command line's key stays in memory (runtime), never stored.
        secretBox: plainTextSecretBox,
        runtime: given ? [{ accountId: given.connection.accountId, settings: given.settings }] : [],
      },
      apiAccess: () => ({ url: servedUrl, token: servedUrl ? apiToken.token : null, error: null, controlledBy: 'command-line' as const }),
    });
    const reportSync = syncReporter(io, config.verbose, async (accountId) => (await findAccount(store.db, accountId))?.name ?? `connection ${accountId}`);
    const unsubscribe = service.subscribe((event) => {
      if (event.type === 'sync.status') reportSync(event.status);
    });
    await service.start();
    if (config.demo && (await listAccounts(store.db)).some((a) => a.is_demo === 0)) {
      io.err.write('note: the demo is not shown while a real connection exists (remove it in Settings to see the demo again)\n');
    }

    const server = createHttpServer({ service, token: apiToken.token, host: config.host, port: config.port, staticDir: STATIC_DIR, version: appVersion(),
      ...(config.alwaysSync ? {} : { onEventClients: (count: number) => service?.reportActivity(count > 0 ? 'watched' : 'unwatched') }),
    });
    const { port } = await server.listen().catch((error: NodeJS.ErrnoException) => {
      // A user mistake, not a bug: one line, as for bad flags.
      if (error.code === 'EADDRINUSE') throw new ConfigError(`port ${config.port} is in use (another serve, or the desktop app's HTTP API?): pass --port N, or --port 0 for any free port`);
      if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') throw new ConfigError(`--host ${config.host} is not an address of this machine`);
      throw error;
    });
    const shownHost = isWildcardHost(config.host) ? '127.0.0.1' : hostForUrl(config.host);
    const url = `http://${shownHost}:${port}/`;
    servedUrl = url;
    io.out.write(`${APP_NAME} serving on ${url}\n`);
    io.out.write(`Open ${url}?token=${apiToken.token}\n`);
    io.out.write(
      apiToken.file ? `The API token is stored in ${apiToken.file} (Authorization: Bearer <token>).\n` : 'The API token is CS_API_TOKEN.\n',
    );
    const warning = exposureWarning(config.host);
    if (warning) io.err.write(`${warning}\n`);
    if (!config.sync) io.out.write('Periodic sync is off (--no-sync): POST /api/sync runs a pass.\n');

    await io.stopSignal();
    io.out.write('Shutting down…\n');
    await server.close();
    unsubscribe();
    await service.stop();
    service = null;
    return 0;
  } finally {
    await service?.stop().catch(() => undefined);
    await runtime.close();
    io.dispose?.();
  }
}

/** Said when --host makes the inbox reachable from other machines; null on loopback. */
export function exposureWarning(host: string): string | null {
  if (isLoopbackHost(host)) return null;
  return (
    `warning: listening on ${host}, reachable from other machines over unencrypted HTTP. ` +
    'Anyone who can reach it still needs the token; use --host 127.0.0.1 to keep it local.'
  );
}

/** Listens for SIGINT/SIGTERM from the start, so a signal during start-up still shuts down in order. */
function processIo(): ServeIo {
  let resolveStop!: () => void;
  const stopped = new Promise<void>((resolve) => (resolveStop = resolve));
  const stop = () => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    // A second signal while shutting down: the user means it.
    process.once('SIGINT', () => process.exit(130));
    process.once('SIGTERM', () => process.exit(143));
    resolveStop();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return {
    out: process.stdout,
    err: process.stderr,
    stopSignal: () => stopped,
    dispose: () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    },
  };
}

/**
 * One line per finished pass that brought something (every pass with --verbose), and each
 * new sync error once; each names its marketplace.
 */
function syncReporter(io: ServeIo, verbose: boolean, nameOf: (accountId: number) => Promise<string>): (status: SyncStatus) => void {
  const running = new Set<number>();
  const lastError = new Map<number, string | null>();
  const write = (stream: NodeJS.WritableStream, accountId: number, line: (name: string) => string) => {
    const stamp = new Date().toISOString();
    void nameOf(accountId)
      .catch(() => `connection ${accountId}`)
      .then((name) => stream.write(`${stamp} ${line(name)}\n`));
  };
  return (status) => {
    if (status.state === 'running') {
      running.add(status.accountId);
      return;
    }
    if (!running.delete(status.accountId)) return;
    if (status.lastError) {
      const message = status.lastError.message;
      if (lastError.get(status.accountId) !== message) write(io.err, status.accountId, (name) => `sync of ${name} failed: ${message}`);
      lastError.set(status.accountId, message);
      return;
    }
    lastError.set(status.accountId, null);
    const p = status.progress;
    if (!verbose && (!p || p.newMessages === 0)) return;
    write(io.out, status.accountId, (name) => `synced ${name}: ${p ? `${p.threads} threads, ${p.newMessages} new messages` : 'done'}`);
  };
}

let version: string | undefined;
function appVersion(): string {
  if (version === undefined) {
    try {
      version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
    } catch {
      version = '0.0.0';
    }
  }
  return version;
}
