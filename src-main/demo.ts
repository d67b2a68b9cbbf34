// The embedded demo: a built-in fake Mirakl on loopback with realistic data, so a new
// user sees a working inbox before connecting a real account.
import { DEFAULT_SHOP_NAME, FakeMiraklStore } from './fake-mirakl/store';
import { generateDemoData } from './fake-mirakl/demo-data';
import { startFakeMirakl, type FakeMirakl } from './fake-mirakl/server';
import type { MiraklSettings } from './config';

/** The demo account's identity in the store: stable across runs although the port is not. */
export const DEMO_IDENTITY_URL = 'demo://embedded-mirakl';
export const DEMO_ACCOUNT_NAME = 'Demo marketplace';
/** The demo seller's shop, as the embedded fake's A01 names it. */
export const DEMO_SHOP_NAME = DEFAULT_SHOP_NAME;
export const DEMO_THREADS = 240;

export interface Demo {
  fake: FakeMirakl;
  settings: MiraklSettings;
  close(): Promise<void>;
}

export async function startDemo(threads = DEMO_THREADS): Promise<Demo> {
  const store = new FakeMiraklStore();
  generateDemoData(store, { threads, seed: 20_261_124 });
  const apiKey = 'demo-key';
  const fake = await startFakeMirakl({ store, apiKey });
  return { fake, settings: { baseUrl: fake.url, apiKey, shopId: null }, close: () => fake.close() };
}
