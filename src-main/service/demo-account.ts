// The embedded demo inbox is shown while no real connection exists and the preference
// allows it: its account is created when wanted and removed, with its synthetic data,
// as soon as a real connection is added or the demo is turned off.
import type { Store } from '../db/open';
import { ensureAccount, listAccounts } from '../db/accounts';
import { deleteAccount } from '../db/account-admin';
import { DEMO_ACCOUNT_NAME, DEMO_IDENTITY_URL, DEMO_SHOP_NAME } from '../demo';
import type { AttachmentCache } from './attachment-cache';
import type { ConnectionRegistry } from './connection-registry';
import type { SyncManager } from './sync-manager';
import { seedDemoSavedReplies } from './demo-saved-replies';

export interface DemoAccountDeps {
  store: Store;
  registry: ConnectionRegistry;
  sync: SyncManager;
  attachments: AttachmentCache;
  demoEnabled(): Promise<boolean>;
  now(): number;
}

export class DemoAccount {
  private reconciling: Promise<void> = Promise.resolve();

  constructor(private readonly deps: DemoAccountDeps) {}

  /** Brings the demo account in line with the accounts and the preference. Calls never overlap. */
  reconcile(): Promise<void> {
    const next = this.reconciling.then(() => this.reconcileNow());
    this.reconciling = next.catch(() => undefined);
    return next;
  }

  private async reconcileNow(): Promise<void> {
    const { store, registry, sync, attachments } = this.deps;
    // Without an embedded demo (CLI, tests) there is nothing to show or hide.
    if (!registry.demoAvailable) return;
    const accounts = await listAccounts(store.db);
    const real = accounts.filter((a) => a.is_demo === 0);
    // A demo account given by the command line (runtime settings) belongs to its caller.
    const managed = accounts.filter((a) => a.is_demo === 1 && !registry.isRuntime(a.id));
    const wanted = real.length === 0 && (await this.deps.demoEnabled());
    if (wanted && managed.length === 0) {
      const account = await ensureAccount(
        store.db,
        { name: DEMO_ACCOUNT_NAME, shopName: DEMO_SHOP_NAME, baseUrl: DEMO_IDENTITY_URL, shopId: null, isDemo: true },
        this.deps.now(),
      );
      await seedDemoSavedReplies(store.db, this.deps.now());
      await sync.ensure(account.id);
    }
    if (!wanted && managed.length > 0) {
      for (const account of managed) {
        await sync.remove(account.id, true);
        await deleteAccount(store.db, account.id);
        registry.forget(account.id);
        await attachments.forgetAccount(account.id);
      }
      await registry.closeDemo();
    }
  }
}
