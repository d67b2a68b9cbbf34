// `serve` as a user runs it, against the fake Mirakl over real HTTP: with no client on the
// event stream nobody looks at the inbox, so it polls every --idle-interval; a client
// connecting brings a pass at once and the --interval rhythm; --always-sync keeps that rhythm
// with no client at all.
import type { ChildProcess } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../src-main/fake-mirakl/demo-data';
import { startFakeMirakl, type FakeMirakl } from '../../src-main/fake-mirakl/server';
import { FakeMiraklStore } from '../../src-main/fake-mirakl/store';
import { spawnCli } from '../helpers/cli-process';
import { dbPath, tempDir } from '../helpers/temp-dir';

const KEY = 'serve-poller-key';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('serve polls gently', () => {
  const dir = tempDir();
  let fake: FakeMirakl;
  let child: ChildProcess | null = null;

  beforeAll(async () => {
    const store = new FakeMiraklStore();
    generateDemoData(store, { threads: 5, seed: 4 });
    fake = await startFakeMirakl({ store, apiKey: KEY });
  });
  afterEach(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    child = null;
  });
  afterAll(() => fake.close());

  /** Passes started since `since`: first M11 pages asked for. */
  const passesSince = (since: number) => fake.calls.filter((c) => c.path === '/api/inbox/threads' && !c.query.page_token && c.time >= since).length;

  /** Starts serve with these flags; resolves with its address and token once it listens and its first pass is done. */
  async function serve(flags: string[]): Promise<{ url: string; token: string; ready: number }> {
    child = spawnCli(['serve', '--port', '0', '--db', dbPath(dir), '--mirakl-url', fake.url, '--api-key', KEY, '--interval', '1', '--idle-interval', '3', ...flags]);
    let out = '';
    const opened = await new Promise<URL>((resolve, reject) => {
      child!.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const open = /Open (\S+)\n/.exec(out);
        if (open) resolve(new URL(open[1]!));
      });
      child!.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
    });
    // The pass at the start is done (it may come before or after the address is printed).
    while (passesSince(0) === 0) await sleep(20);
    await sleep(300);
    return { url: opened.origin, token: opened.searchParams.get('token')!, ready: Date.now() };
  }

  it('with no client on /api/events: every --idle-interval; a client connecting: a pass at once, then every --interval', async () => {
    const { url, token, ready } = await serve([]);
    await sleep(4_000);
    // 3 s between passes: at most two in 4 s.
    const idle = passesSince(ready);
    expect(idle).toBeGreaterThanOrEqual(1);
    expect(idle).toBeLessThanOrEqual(2);
    const status = (await (await fetch(`${url}/api/sync`, { headers: { authorization: `Bearer ${token}` } })).json()) as { connections: Array<{ poll: unknown }> };
    expect(status.connections[0]!.poll).toEqual({ mode: 'idle', intervalSeconds: 3 });

    const stream = new AbortController();
    const connected = Date.now();
    const events = await fetch(`${url}/api/events`, { headers: { authorization: `Bearer ${token}` }, signal: stream.signal });
    expect(events.status).toBe(200);
    await sleep(600);
    expect(passesSince(connected)).toBeGreaterThanOrEqual(1); // at once, not 3 s later
    await sleep(3_000);
    expect(passesSince(connected)).toBeGreaterThanOrEqual(3);
    stream.abort();
  });

  it('--always-sync: every --interval with no client at all', async () => {
    const { ready } = await serve(['--always-sync']);
    await sleep(4_000);
    expect(passesSince(ready)).toBeGreaterThanOrEqual(3);
  });
});
