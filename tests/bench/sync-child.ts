// Runs in its own process so its peak memory is its own: either a real sync pass into a
// new database, or the fetch-only baseline (walk the same M11 pages, M10 threads and OR11
// order batches, parse the JSON, store nothing). Prints one JSON line.
import { openStore } from '../../src-main/db/open';
import { MiraklClient } from '../../src-main/mirakl/client';
import { connect } from '../../src-main/sync/connection';
import { runSyncPass } from '../../src-main/sync/workflow';
import { OrderEnricher } from '../../src-main/sync/order-enricher';
import { orderIdOf } from '../../src-main/sync/map-thread';

const [mode, url, apiKey, db] = process.argv.slice(2) as [string, string, string, string];

async function syncMode() {
  const store = await openStore(db);
  const connection = await connect(store, { baseUrl: url, apiKey, shopId: null });
  const started = performance.now();
  const result = await runSyncPass({ store, client: connection.client, accountId: connection.accountId });
  const wallMs = performance.now() - started;
  await store.close();
  return { wallMs, storeMs: result.storeMs, threads: result.threads, newMessages: result.newMessages, pages: result.pages };
}

async function fetchMode() {
  const client = new MiraklClient({ baseUrl: url, apiKey });
  // The orders of each page, asked for as the sync does (batches of 100 while the walk goes on).
  const orders = new OrderEnricher(async (ids) => (await client.getOrders(ids)).length);
  const started = performance.now();
  let pageToken: string | null = null;
  let threads = 0;
  let messages = 0;
  let pending = client.listThreads({ limit: 100 });
  for (;;) {
    const page = await pending;
    pageToken = page.next_page_token ?? null;
    if (pageToken) pending = client.listThreads({ limit: 100, pageToken });
    const long = page.data.filter((t) => t.metadata.total_count > (t.messages?.length ?? 0));
    const full = await Promise.all(long.map((t) => client.getThread(t.id)));
    threads += page.data.length;
    orders.add(page.data.flatMap((t) => orderIdOf(t) ?? []));
    messages += page.data.reduce((n, t) => n + (t.messages?.length ?? 0), 0) + full.reduce((n, t) => n + t.messages.length, 0);
    if (!pageToken) break;
  }
  const { error } = await orders.finish();
  if (error) throw error;
  return { wallMs: performance.now() - started, threads, messages };
}

const run = mode === 'sync' ? syncMode() : fetchMode();
run.then(
  (result) => {
    process.stdout.write(`${JSON.stringify({ ...result, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
  },
  (error: Error) => {
    process.stderr.write(`${error.stack}\n`);
    process.exitCode = 1;
  },
);
