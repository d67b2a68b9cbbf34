// What polling costs Mirakl, per connection: the requests of a pass that finds nothing new,
// of one that finds a new message (in a short thread, in one over 100 messages), and what
// that makes per hour while the inbox is in use and while it is not, beside the poller
// before issue 12 (a pass every 60 s, day and night). Counted by the fake Mirakl's own log
// of the requests it received, over real HTTP, and checked against the pass's own count.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../../src-main/db/open';
import { generateDemoData } from '../../src-main/fake-mirakl/demo-data';
import { startFakeMirakl } from '../../src-main/fake-mirakl/server';
import { FakeMiraklStore } from '../../src-main/fake-mirakl/store';
import { connect } from '../../src-main/sync/connection';
import { DEFAULT_POLL_SETTINGS, intervalFor } from '../../src-main/sync/poll-policy';
import { runSyncPass } from '../../src-main/sync/workflow';

const HOUR_MS = 60 * 60_000;

export async function runPollBench(threads = Number(process.env.BENCH_POLL_THREADS ?? 2_000)): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcs-poll-bench-'));
  const fakeStore = new FakeMiraklStore();
  const summary = generateDemoData(fakeStore, { threads, seed: 42, maxMessagesPerThread: 400 });
  const fake = await startFakeMirakl({ store: fakeStore, apiKey: 'bench' });
  const store = await openStore(path.join(dir, 'poll.db'));
  try {
    const { client, accountId } = await connect(store, { baseUrl: fake.url, apiKey: 'bench', shopId: null });
    /** One pass: the requests the fake received, checked against the pass's own count. */
    const pass = async (): Promise<number> => {
      const before = fake.calls.length;
      const result = await runSyncPass({ store, client, accountId });
      const received = fake.calls.length - before;
      const counted = Object.values(result.calls).reduce((a, b) => a + b, 0);
      if (received !== counted) throw new Error(`the pass counted ${counted} requests, Mirakl received ${received}`);
      return received;
    };
    const first = await pass();
    const nothingNew = await pass();
    const short = fakeStore.listThreads().find((t) => t.messages.length < 50)!;
    fakeStore.addCustomerMessage(short.id, 'Any news about my parcel?');
    const newInShort = await pass();
    const long = fakeStore.getThread(summary.longThreadIds[0]!)!;
    fakeStore.addCustomerMessage(long.id, 'Any news about my parcel?');
    const newInLong = await pass();

    const perHour = (mode: 'active' | 'idle') => (HOUR_MS / intervalFor(mode, DEFAULT_POLL_SETTINGS)) * nothingNew;
    const figures = {
      threads: summary.threads,
      firstPassCalls: first,
      nothingNewCalls: nothingNew,
      newMessageShortThreadCalls: newInShort,
      newMessageLongThreadCalls: newInLong,
      callsPerHourInUse: perHour('active'),
      callsPerHourNotInUse: perHour('idle'),
      callsPerHourBefore: (HOUR_MS / 60_000) * nothingNew,
    };
    const row = (name: string, value: string, note = '') => console.log(`  ${name.padEnd(56)} ${value.padStart(8)}  ${note}`);
    console.log(`poll bench: Mirakl requests per connection (${summary.threads} threads on the fake Mirakl, counted by it)`);
    row('first pass (every page, long threads, orders, reasons)', String(first));
    row('a pass with nothing new', String(nothingNew), 'target: 1 (one M11 page; no M10, OR11, A01)');
    row('a pass with a new message in a short thread', String(newInShort), 'M11 + OR11 for its order');
    row('a pass with a new message in a thread over 100 messages', String(newInLong), 'M11 + M10 + OR11');
    row('per hour, nothing new, inbox in use (every 60 s)', String(figures.callsPerHourInUse));
    row('per hour, nothing new, not in use (every 5 min)', String(figures.callsPerHourNotInUse), `baseline: ${figures.callsPerHourBefore} before (every 60 s, day and night)`);
    return figures;
  } finally {
    await fake.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
