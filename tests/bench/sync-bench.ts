// Initial sync of a large inbox from the fake Mirakl over loopback, against two
// baselines measured in the same run:
// - storage: the same rows inserted by one prepared statement per table in one transaction;
// - network: the same requests (M11 pages, M10 threads, OR11 orders) fetched and parsed, nothing stored.
// The sync runs in a child process so its peak memory (max RSS) is its own.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { openStore } from '../../src-main/db/open';
import { FakeMiraklStore } from '../../src-main/fake-mirakl/store';
import { generateDemoData } from '../../src-main/fake-mirakl/demo-data';
import { startFakeMirakl } from '../../src-main/fake-mirakl/server';
import { BUNDLED_SCRIPT_ENV, bundleScript } from '../helpers/bundle-script';

const HERE = path.dirname(fileURLToPath(import.meta.url));

const ROOT = path.resolve(HERE, '../..');

interface ChildResult {
  wallMs: number;
  maxRssMb: number;
  storeMs?: number;
  threads: number;
  newMessages?: number;
  messages?: number;
}

/**
 * The child is bundled to plain JavaScript first, as the app ships: run through tsx it
 * would carry the TypeScript loader's ~90 MB in its peak memory.
 */
function bundleChild(dir: string): Promise<string> {
  return bundleScript(path.join(HERE, 'sync-child.ts'), path.join(dir, 'sync-child.cjs'));
}

function runChild(script: string, args: string[]): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...BUNDLED_SCRIPT_ENV },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as ChildResult) : reject(new Error(`bench child exited ${code}`))));
  });
}

/** The storage limit: the rows the sync stored (and their search index rows), re-inserted with one prepared statement per table in one transaction. */
async function storageBaseline(syncedDb: string, dir: string): Promise<number> {
  const source = new BetterSqlite3(syncedDb, { readonly: true });
  const tables = ['customers', 'conversations', 'messages', 'attachments'] as const;
  const rows = Object.fromEntries(tables.map((t) => [t, source.prepare(`SELECT * FROM ${t}`).raw().all() as unknown[][]]));
  const columns = Object.fromEntries(tables.map((t) => [t, (source.prepare(`SELECT * FROM ${t} LIMIT 1`).columns()).map((c) => c.name)]));
  const account = source.prepare('SELECT * FROM accounts').get() as Record<string, unknown>;
  const ftsRows = {
    messages: source.prepare('SELECT id, body_text FROM messages').raw().all() as Array<[number, string]>,
    conversations: source.prepare('SELECT rowid, subject, customer_name, order_id FROM conversations_fts').raw().all() as unknown[][],
  };
  source.close();
  // The schema through the store (its migrations), the rows straight through better-sqlite3 with the store's settings.
  const file = path.join(dir, 'baseline.db');
  await (await openStore(file)).close();
  const target = new BetterSqlite3(file);
  for (const pragma of ['journal_mode = WAL', 'synchronous = NORMAL', 'foreign_keys = ON', 'wal_autocheckpoint = 10000', 'cache_size = -16000']) target.pragma(pragma);
  target.prepare('INSERT INTO accounts (id, name, base_url, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(account.id, account.name, account.base_url, 0, 0);
  const started = performance.now();
  target.transaction(() => {
    for (const t of tables) {
      const cols = columns[t]!;
      const insert = target.prepare(`INSERT INTO ${t} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
      for (const row of rows[t]!) insert.run(...(row as unknown[]));
    }
    // The search index rows the sync writes beside them, one prepared INSERT per index too.
    const messageFts = target.prepare('INSERT INTO messages_fts (rowid, body_text) VALUES (?, ?)');
    for (const [id, bodyText] of ftsRows.messages) messageFts.run(id, bodyText);
    const conversationFts = target.prepare('INSERT INTO conversations_fts (rowid, subject, customer_name, order_id) VALUES (?, ?, ?, ?)');
    for (const row of ftsRows.conversations) conversationFts.run(...row);
  }).immediate();
  const ms = performance.now() - started;
  target.close();
  return ms;
}

export async function runSyncBench(threads = Number(process.env.BENCH_THREADS ?? 20_000)): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcs-bench-'));
  try {
    const fakeStore = new FakeMiraklStore();
    const summary = generateDemoData(fakeStore, { threads, seed: 42, maxMessagesPerThread: 400 });
    const fake = await startFakeMirakl({ store: fakeStore, apiKey: 'bench' });
    const small = new FakeMiraklStore();
    generateDemoData(small, { threads: Math.round(threads / 10), seed: 42, maxMessagesPerThread: 400 });
    const smallFake = await startFakeMirakl({ store: small, apiKey: 'bench' });
    try {
      console.log(`sync bench: ${summary.threads} threads, ${summary.messages} messages (${summary.longThreadIds.length} over 100 messages)`);
      const script = await bundleChild(dir);
      const fetchOnly = await runChild(script, ['fetch', fake.url, 'bench']);
      const db = path.join(dir, 'sync.db');
      const sync = await runChild(script, ['sync', fake.url, 'bench', db]);
      const smallSync = await runChild(script, ['sync', smallFake.url, 'bench', path.join(dir, 'small.db')]);
      const storageMs = await storageBaseline(db, dir);
      const figures = {
        threads: summary.threads,
        messages: summary.messages,
        syncSeconds: sync.wallMs / 1000,
        messagesPerSecond: summary.messages / (sync.wallMs / 1000),
        storeSeconds: sync.storeMs! / 1000,
        storageBaselineSeconds: storageMs / 1000,
        storageRatio: sync.storeMs! / storageMs,
        fetchOnlySeconds: fetchOnly.wallMs / 1000,
        networkRatio: sync.wallMs / fetchOnly.wallMs,
        peakRssMb: sync.maxRssMb,
        peakRssMbTenthInbox: smallSync.maxRssMb,
      };
      const row = (name: string, value: string, target = '') => console.log(`  ${name.padEnd(44)} ${value.padStart(12)}  ${target}`);
      row('initial sync, wall time', `${figures.syncSeconds.toFixed(2)} s`);
      row('messages per second', figures.messagesPerSecond.toFixed(0));
      row('storage work (inside transactions)', `${figures.storeSeconds.toFixed(2)} s`);
      row('baseline: one prepared INSERT per table, 1 tx', `${figures.storageBaselineSeconds.toFixed(2)} s`);
      row('storage ratio (sync / baseline)', `${figures.storageRatio.toFixed(2)}×`, 'target ≤ 2×');
      row('baseline: same requests + parse, no storing', `${figures.fetchOnlySeconds.toFixed(2)} s`);
      row('network ratio (sync / fetch only)', `${figures.networkRatio.toFixed(2)}×`, 'target ≈ 1× (bounded by the server)');
      row('sync process peak RSS', `${figures.peakRssMb.toFixed(0)} MB`, 'target < 250 MB');
      row(`  same, inbox of ${Math.round(threads / 10)} threads`, `${figures.peakRssMbTenthInbox.toFixed(0)} MB`, 'flat: about the same');
      return figures;
    } finally {
      await fake.close();
      await smallFake.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
