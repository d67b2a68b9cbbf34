// The service behind both transports (HTTP and IPC): every operation of the contract,
// over the store, one sync scheduler per account and the reply outbox, plus the event
// stream and attachment files. Transports validate input with the contract's schemas
// before calling `api`; the service throws ServiceError for anything the caller must know.
import path from 'node:path';
import type { ApiAccess, AppEvent, AttachmentFile, Preferences, ServiceApi, Upload } from '../../src-shared/contract';
import type { Store } from '../db/open';
import { listAccounts } from '../db/accounts';
import { findAccount } from '../db/account-admin';
import { startDemo } from '../demo';
import { AttachmentCache } from './attachment-cache';
import { ConnectionRegistry, type ConnectionsOptions } from './connection-registry';
import { connectionOperations } from './connection-operations';
import { DemoAccount } from './demo-account';
import { notFound } from './errors';
import { EventHub } from './event-hub';
import { inboxOperations } from './inbox-operations';
import { LiveEvents } from './live-events';
import { OutboxSender, type OutboxHooks, type OutboxTiming } from './outbox-sender';
import { SnoozeWaker, markOperations } from './conversation-marks';
import { OrderDocuments } from './order-documents';
import { ReplyFiles } from './reply-files';
import { savedReplyOperations } from './saved-reply-operations';
import { UploadStore, type UploadSource } from './upload-store';
import { PreferencesController } from './preference-operations';
import { replyOperations } from './reply-operations';
import { responseTimeOperations } from './response-time-operations';
import { SyncManager, type SyncManagerOptions } from './sync-manager';
import { Activity } from '../sync/activity';
import { DEFAULT_POLL_SETTINGS, type ActivitySignal, type PollSettings } from '../sync/poll-policy';

export interface AppServiceOptions {
  store: Store;
  /** The app's data folder: attachments are cached under <dataDir>/attachments. */
  dataDir: string;
  /** Reported by `health`. */
  version: string;
  /** Time between sync passes while the inbox is in use, until the user sets one in the preferences. */
  syncIntervalMs: number;
  /** Time between sync passes while it is not (default 5 minutes), and the other poll settings (tests). */
  poll?: Partial<Omit<PollSettings, 'activeIntervalMs'>>;
  /**
   * Someone sees the inbox from the start: the desktop's window, `serve --always-sync`. Else
   * (serve) it counts as in use only while a client follows the event stream. Default true.
   */
  watched?: boolean;
  /** false: no periodic sync (syncNow still runs a pass). The outbox sends replies either way. */
  sync: boolean;
  /** How each account reaches Mirakl: command-line settings, the embedded demo, or stored sealed keys. */
  connections: ConnectionsOptions;
  /** Preferences used until the user sets them (e.g. the HTTP API's port). */
  defaultPreferences?: Partial<Preferences>;
  /** Where the local HTTP API listens and its token, when one runs (shown in Settings to copy). */
  apiAccess?: () => ApiAccess;
  /** Called after setPreferences applied a change (the desktop shell starts or stops the HTTP API). */
  onPreferencesChanged?: (preferences: Preferences) => void;
  /** Outbox delays and test hooks. */
  outbox?: { timing?: Partial<OutboxTiming>; hooks?: OutboxHooks };
  /** Page size and concurrency of sync passes (tests). */
  syncPass?: SyncManagerOptions['passOptions'];
  now?: () => number;
  /** The zone of the cockpit's days when a caller names none (default: the machine's). */
  timeZone?: string;
  /** Unexpected failures of background work. Default: console.error. */
  log?: (message: string, error?: unknown) => void;
  /** How often expired uploads and files nothing names are removed (default hourly). */
  fileSweepMs?: number;
}

export interface AppService {
  api: ServiceApi;
  /** Every AppEvent (conversation/message upserts and deletions, sync status). Returns the unsubscribe function. */
  subscribe(listener: (event: AppEvent) => void): () => void;
  /** An attachment's bytes (Mirakl M13 the first time, the disk cache afterwards). */
  downloadAttachment(id: number): Promise<AttachmentFile>;
  /** Absolute path of the cached attachment file, downloaded first if needed (to open it with the OS). */
  openAttachmentPath(id: number): Promise<string>;
  /** Stores a file for a reply or a new thread (POST /api/uploads, the desktop's file picker and drops). */
  uploadFile(source: UploadSource): Promise<Upload>;
  /** An order document's bytes (Mirakl OR73 the first time, the disk cache afterwards). */
  downloadOrderDocument(id: number): Promise<AttachmentFile>;
  /** Absolute path of the cached order document, downloaded first if needed (to open it with the OS). */
  openOrderDocumentPath(id: number): Promise<string>;
  /** What the shell, the renderer and the HTTP server see of the technician: sets how often Mirakl is polled. */
  reportActivity(signal: ActivitySignal): void;
  /** Starts the outbox and, if `sync`, the periodic sync of every account; shows the demo if wanted. */
  start(): Promise<void>;
  /** Stops syncing and sending; waits briefly for work in flight (its state is safe in the store). */
  stop(): Promise<void>;
}

export function createAppService(options: AppServiceOptions): AppService {
  const { store } = options;
  const now = options.now ?? Date.now;
  const log = options.log ?? ((message: string, error?: unknown) => console.error(message, error));
  const hub = new EventHub((error) => log('An event listener failed', error));
  const live = new LiveEvents(store, hub);
  const background = (what: string) => (error: unknown) => {
    if (!store.closed) log(what, error);
  };

  const demoStarter = options.connections.demo === false ? null : (options.connections.demo ?? (() => startDemo()));
  const registry = new ConnectionRegistry(store, options.connections, demoStarter);
  const preferences = new PreferencesController({
    store,
    syncIntervalMs: options.syncIntervalMs,
    ...(options.defaultPreferences ? { defaults: options.defaultPreferences } : {}),
    now,
    apply: async (next, changed) => {
      if (changed.has('syncIntervalSeconds')) sync.setInterval(next.syncIntervalSeconds * 1000);
      if (changed.has('demoEnabled')) await demo.reconcile();
      options.onPreferencesChanged?.(next);
    },
  });
  const dataDir = path.resolve(options.dataDir);
  const outbox: OutboxSender = new OutboxSender({
    store,
    dataDir,
    clientFor: (accountId) => registry.clientFor(accountId),
    onChanged: (messageId, conversationId) => void live.messageChanged(messageId, conversationId).catch(background('Reply event failed')),
    onMerged: (messageId, conversationId) => void live.messageDeleted(messageId, conversationId).catch(background('Reply event failed')),
    ...(options.outbox?.timing ? { timing: options.outbox.timing } : {}),
    ...(options.outbox?.hooks ? { hooks: options.outbox.hooks } : {}),
    now,
    log,
  });
  const activity = new Activity(
    { ...DEFAULT_POLL_SETTINGS, ...options.poll, activeIntervalMs: options.syncIntervalMs },
    { watched: options.watched ?? true, now },
  );
  const sync: SyncManager = new SyncManager({
    store,
    registry,
    // Its active interval is the command line's until start() has read the stored preference.
    activity,
    periodic: options.sync,
    ...(options.syncPass ? { passOptions: options.syncPass } : {}),
    onStatus: (status) => hub.emit({ type: 'sync.status', status }),
    onPassed: (accountId) => void outbox.wake(accountId),
    // A message received ends a snooze or a "done" before the page's changes are announced.
    onChanged: (change) =>
      void waker
        .afterSync(change.conversationIds)
        .then(() => live.synced(change))
        .catch(background('Sync event failed')),
  });
  const clientFor = (accountId: number) => registry.clientFor(accountId);
  const attachments = new AttachmentCache(store, dataDir, clientFor);
  const documents = new OrderDocuments(store, dataDir, clientFor, log);
  const uploads = new UploadStore(store, dataDir, now);
  const files = new ReplyFiles(store, dataDir, documents);
  const waker = new SnoozeWaker({ store, live, now, log });
  let sweepTimer: NodeJS.Timeout | null = null;
  const demo = new DemoAccount({ store, registry, sync, attachments, demoEnabled: async () => (await preferences.current()).demoEnabled, now });

  async function ensureSchedulers(): Promise<number[]> {
    const ids = (await listAccounts(store.db)).map((a) => a.id).filter((id) => !sync.isRemoving(id));
    for (const id of ids) await sync.ensure(id);
    return ids;
  }

  const api: ServiceApi = {
    ...inboxOperations({ store, live, now }),
    ...replyOperations({ store, live, outbox, registry, files, documents, now, log }),
    ...markOperations({ store, live, now, log }, waker),
    ...savedReplyOperations({ store, signature: async () => (await preferences.current()).signature, now }),
    ...connectionOperations({ store, registry, sync, attachments, demo, now }),
    ...preferences.operations(),
    ...responseTimeOperations({ store, now, ...(options.timeZone ? { timeZone: options.timeZone } : {}) }),

    async getSyncStatus() {
      await ensureSchedulers();
      return { connections: sync.statuses() };
    },

    async syncNow(input) {
      let ids: number[];
      if (input.accountId !== undefined) {
        if (!(await findAccount(store.db, input.accountId))) throw notFound('Connection', input.accountId);
        ids = [input.accountId];
      } else {
        ids = await ensureSchedulers();
      }
      await sync.syncNow(ids);
      return { connections: sync.statuses() };
    },

    async reportActivity(input) {
      activity.report(input.signal);
      return { ok: true as const };
    },

    async health() {
      return { ok: true as const, version: options.version };
    },

    async getApiAccess() {
      return options.apiAccess?.() ?? { url: null, token: null, error: null, controlledBy: 'preferences' as const };
    },
  };

  let started = false;
  return {
    api,
    subscribe: (listener) => hub.subscribe(listener),
    downloadAttachment: (id) => attachments.read(id),
    openAttachmentPath: async (id) => (await attachments.file(id)).path,
    uploadFile: (source) => uploads.save(source),
    reportActivity: (signal) => activity.report(signal),
    downloadOrderDocument: (id) => documents.read(id),
    openOrderDocumentPath: async (id) => (await documents.file(id)).path,
    async start() {
      if (started) return;
      started = true;
      sync.setInterval(await preferences.syncIntervalMs());
      await demo.reconcile();
      await ensureSchedulers();
      await waker.start();
      sync.start();
      outbox.start();
      const sweep = () => void uploads.sweep().catch(background('Removing unused files failed'));
      sweep();
      sweepTimer = setInterval(sweep, options.fileSweepMs ?? 3_600_000);
      sweepTimer.unref?.();
    },
    async stop() {
      started = false;
      waker.stop();
      if (sweepTimer) clearInterval(sweepTimer);
      sweepTimer = null;
      await Promise.all([sync.stop(), outbox.stop()]);
      await registry.close();
    },
  };
}
