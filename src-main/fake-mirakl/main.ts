/**
 * Run the fake Mirakl standalone, filled with demo data:
 *   tsx src-main/fake-mirakl/main.ts [--port N] [--threads N] [--seed N] [--host H] [--api-key K]
 */
import { parseArgs } from 'node:util';
import { generateDemoData } from './demo-data';
import { startFakeMirakl } from './server';
import { FakeMiraklStore } from './store';

function integerOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new Error(`--${name} expects a non-negative integer, got '${value}'`);
  return Number(value);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      threads: { type: 'string' },
      seed: { type: 'string' },
      host: { type: 'string' },
      'api-key': { type: 'string' },
    },
  });
  const store = new FakeMiraklStore();
  const started = Date.now();
  const summary = generateDemoData(store, {
    threads: integerOption(values.threads, 'threads', 200),
    seed: integerOption(values.seed, 'seed', 1),
  });
  const fake = await startFakeMirakl({
    store,
    port: integerOption(values.port, 'port', 0),
    ...(values.host !== undefined ? { host: values.host } : {}),
    ...(values['api-key'] !== undefined ? { apiKey: values['api-key'] } : {}),
  });
  console.log(
    `Fake Mirakl: ${summary.threads} threads, ${summary.messages} messages, ${summary.orders} orders (generated in ${Date.now() - started} ms)`,
  );
  console.log(`URL:     ${fake.url}`);
  console.log(`API key: ${fake.apiKey}`);
  console.log(`Shop:    ${store.shop.shop_id} ${store.shop.shop_name}`);

  const stop = (): void => {
    void fake.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
