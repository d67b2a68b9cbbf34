// `serve` with no account on its command line behaves as the desktop app: the embedded demo
// while no real connection exists and the preference allows it; a connection added in
// Settings retires the demo and its data, for good (restarts included); the preference
// holds across restarts. Its log names marketplaces and stays quiet when nothing changed.
import fs from 'node:fs';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection, ConversationCounts, ConversationPage } from '../../src-shared/contract';
import { FakeMiraklStore } from '../../src-main/fake-mirakl/store';
import { generateDemoData } from '../../src-main/fake-mirakl/demo-data';
import { startFakeMirakl, type FakeMirakl } from '../../src-main/fake-mirakl/server';
import { DEMO_THREADS } from '../../src-main/demo';
import { spawnCli, waitForExit } from '../helpers/cli-process';
import { tempDir } from '../helpers/temp-dir';

interface Served {
  child: ChildProcess;
  base: string;
  output: { out: string; err: string };
  api<T>(method: string, pathAndQuery: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

async function serve(db: string, args: string[] = []): Promise<Served> {
  const child = spawnCli(['serve', '--port', '0', '--interval', '1', '--db', db, ...args], { CS_API_TOKEN: 'a-token-for-these-tests-0123456789' });
  const output = { out: '', err: '' };
  child.stdout!.on('data', (d: Buffer) => (output.out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output.err += d.toString()));
  const exited = waitForExit(child);
  // Started, not yet synced: the tests wait for what they need.
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /serving on (\S+)\n/.exec(output.out);
      if (match) {
        clearInterval(timer);
        resolve(match[1]!);
      }
      if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`serve exited: ${output.err}`));
      }
    }, 50);
  });
  const api = async <T>(method: string, pathAndQuery: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${base}${pathAndQuery.slice(1)}`, {
      method,
      headers: { authorization: 'Bearer a-token-for-these-tests-0123456789', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${pathAndQuery} → ${response.status} ${text}`);
    return JSON.parse(text) as T;
  };
  return {
    child,
    base,
    output,
    api,
    async stop() {
      child.kill('SIGTERM');
      const run = await exited;
      expect(run.code, output.err).toBe(0);
    },
  };
}

async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`not reached in time; last: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('serve with no account on its command line', () => {
  const dir = tempDir();
  const db = path.join(dir, 'inbox.db');
  let fake: FakeMirakl;
  let served: Served | null = null;
  beforeAll(async () => {
    const store = new FakeMiraklStore({ shopId: 3003, shopName: 'Atelier Nord' });
    generateDemoData(store, { threads: 5, seed: 77 });
    fake = await startFakeMirakl({ store, apiKey: 'real-key' });
  });
  afterAll(async () => {
    if (served && served.child.exitCode === null) served.child.kill('SIGKILL');
    await fake?.close();
  });

  const counts = () => served!.api<ConversationCounts>('GET', '/api/conversations/counts');
  const connections = async () => (await served!.api<{ items: Connection[] }>('GET', '/api/connections')).items;

  it('shows the demo, and logs only the passes that brought something', async () => {
    served = await serve(db);
    await eventually(counts, (c) => c.all === DEMO_THREADS);
    expect(await connections()).toEqual([expect.objectContaining({ isDemo: true, name: 'Demo marketplace' })]);
    // --interval 1: several more passes run, none of them brings anything.
    const passes = async () => (await served!.api<{ connections: Array<{ lastSuccessAt: string | null }> }>('GET', '/api/sync')).connections[0]?.lastSuccessAt;
    const first = await passes();
    await eventually(passes, (at) => at !== first && at !== null, 30_000);
    const after = await passes();
    await eventually(passes, (at) => at !== after, 30_000);
    const lines = served.output.out.split('\n').filter((l) => / synced /.test(l));
    expect(lines, served.output.out).toEqual([expect.stringMatching(/ synced Demo marketplace: \d+ threads, \d+ new messages$/)]);
    expect(served.output.out).not.toMatch(/account \d/);
  }, 120_000);

  it('retires the demo and its data as soon as a real connection is added, and logs the new marketplace by name', async () => {
    const added = await served!.api<Connection>('POST', '/api/connections', { baseUrl: fake.url, apiKey: 'real-key', shopId: '3003', name: 'Atelier Nord' });
    const items = await connections();
    expect(items).toEqual([expect.objectContaining({ id: added.id, isDemo: false, name: 'Atelier Nord', keySource: 'stored' })]);
    await eventually(counts, (c) => c.all === 5);
    const page = await served!.api<ConversationPage>('GET', '/api/conversations?limit=50');
    expect(page.items.every((c) => c.accountId === added.id)).toBe(true);
    await eventually(async () => served!.output.out, (out) => / synced Atelier Nord: 5 threads, \d+ new messages\n/.test(out));
  }, 120_000);

  it('keeps it retired after a restart, using the saved connection', async () => {
    await served!.stop();
    served = await serve(db);
    expect(await connections()).toEqual([expect.objectContaining({ name: 'Atelier Nord', isDemo: false })]);
    // Give the first passes time to run: the demo must not come back.
    await new Promise((r) => setTimeout(r, 2_000));
    expect((await counts()).all).toBe(5);
    expect((await connections()).some((c) => c.isDemo)).toBe(false);
  }, 120_000);

  it('brings the demo back when the last real connection goes, unless the preference is off — across restarts', async () => {
    const [real] = await connections();
    await served!.api('DELETE', `/api/connections/${real!.id}`);
    await eventually(counts, (c) => c.all === DEMO_THREADS);
    await served!.api('PATCH', '/api/preferences', { demoEnabled: false });
    await eventually(counts, (c) => c.all === 0);
    await served!.stop();
    served = await serve(db);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await connections()).toEqual([]);
    expect((await counts()).all).toBe(0);
    // --demo asks for it again: the preference is turned back on.
    await served.stop();
    served = await serve(db, ['--demo']);
    await eventually(counts, (c) => c.all === DEMO_THREADS);
    expect((await served.api<{ demoEnabled: boolean }>('GET', '/api/preferences')).demoEnabled).toBe(true);
    await served.stop();
    expect(fs.existsSync(db)).toBe(true);
  }, 180_000);
});
