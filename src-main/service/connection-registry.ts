// Which Mirakl client talks for each account. Three sources of settings, first match wins:
//   1. runtime: given by the command line (`serve --mirakl-url --api-key`), key in memory only;
//   2. the demo account (accounts.is_demo = 1): the embedded fake Mirakl, started on first use;
//   3. the account row: base URL, shop, and the API key sealed by the SecretBox.
import type { Connection } from '../../src-shared/contract';
import type { Demo } from '../demo';
import type { MiraklSettings } from '../config';
import { MiraklClient, type MiraklClientOptions } from '../mirakl/client';
import type { Store } from '../db/open';
import type { Account } from '../db/schema';
import { findAccount } from '../db/account-admin';
import { ServiceError, notFound } from './errors';
import type { SecretBox } from './secret-box';

export interface RuntimeConnection {
  accountId: number;
  settings: MiraklSettings;
}

export interface ConnectionsOptions {
  /** Seals the API keys stored in accounts.api_key (desktop: the OS keychain; headless: plainTextSecretBox). */
  secretBox: SecretBox;
  /** Accounts whose settings come from the command line: the key stays in memory, never stored. */
  runtime?: readonly RuntimeConnection[];
  /** Timeouts and retries of every Mirakl client (tests shorten them). */
  clientOptions?: MiraklClientOptions;
  /** Starts the embedded demo Mirakl the demo account talks to. Default: startDemo() of src-main/demo; false: no demo. */
  demo?: false | (() => Promise<Demo>);
}

export class ConnectionRegistry {
  private readonly runtime = new Map<number, MiraklSettings>();
  private readonly clients = new Map<number, MiraklClient>();
  private demo: Promise<Demo> | null = null;

  constructor(
    private readonly store: Store,
    private readonly options: ConnectionsOptions,
    private readonly startDemo: (() => Promise<Demo>) | null,
  ) {
    for (const entry of options.runtime ?? []) this.runtime.set(entry.accountId, entry.settings);
  }

  get secretBox(): SecretBox {
    return this.options.secretBox;
  }

  get demoAvailable(): boolean {
    return this.startDemo !== null;
  }

  isRuntime(accountId: number): boolean {
    return this.runtime.has(accountId);
  }

  /** Replaces a runtime account's settings (its key is still never stored). */
  setRuntime(accountId: number, settings: MiraklSettings): void {
    this.runtime.set(accountId, settings);
    this.invalidate(accountId);
  }

  keySource(account: Account): Connection['keySource'] {
    if (this.runtime.has(account.id)) return 'launch';
    if (account.is_demo === 1) return 'demo';
    return account.api_key !== null ? 'stored' : 'none';
  }

  /** A client for the account, built once and kept until the account changes. */
  async clientFor(accountId: number): Promise<MiraklClient> {
    const cached = this.clients.get(accountId);
    if (cached) return cached;
    const account = await findAccount(this.store.db, accountId);
    if (!account) throw notFound('Connection', accountId);
    const settings = await this.settingsFor(account);
    const client = this.newClient(settings);
    // Another caller may have raced us here; keep the first so every caller shares one client.
    const raced = this.clients.get(accountId);
    if (raced) return raced;
    this.clients.set(accountId, client);
    return client;
  }

  async settingsFor(account: Account): Promise<MiraklSettings> {
    const runtime = this.runtime.get(account.id);
    if (runtime) return runtime;
    if (account.is_demo === 1) return (await this.demoInstance()).settings;
    if (account.api_key === null) {
      throw new ServiceError('conflict', `The connection "${account.name}" has no API key: edit it to add one`);
    }
    let apiKey: string;
    try {
      apiKey = this.options.secretBox.open(account.api_key);
    } catch (error) {
      throw new ServiceError('conflict', `The API key of "${account.name}" cannot be read here: ${(error as Error).message}`);
    }
    return { baseUrl: account.base_url, apiKey, shopId: account.shop_id };
  }

  /** A client for settings not (yet) stored, e.g. to test a connection before adding it. */
  newClient(settings: MiraklSettings, overrides: MiraklClientOptions = {}): MiraklClient {
    return new MiraklClient(settings, { ...this.options.clientOptions, ...overrides });
  }

  /** Forget the account's client (its settings changed or it was removed). */
  invalidate(accountId: number): void {
    this.clients.delete(accountId);
  }

  forget(accountId: number): void {
    this.invalidate(accountId);
    this.runtime.delete(accountId);
  }

  async close(): Promise<void> {
    this.clients.clear();
    await this.closeDemo();
  }

  /** Stops the embedded demo Mirakl if it runs (the demo account was removed). */
  async closeDemo(): Promise<void> {
    const demo = this.demo;
    this.demo = null;
    if (demo) await demo.then((d) => d.close()).catch(() => undefined);
  }

  private demoInstance(): Promise<Demo> {
    if (!this.startDemo) throw new ServiceError('conflict', 'The embedded demo marketplace is not available in this process');
    if (!this.demo) {
      const starting = this.startDemo();
      // A failed start is not cached: the next call tries again.
      starting.catch(() => {
        if (this.demo === starting) this.demo = null;
      });
      this.demo = starting;
    }
    return this.demo;
  }
}
