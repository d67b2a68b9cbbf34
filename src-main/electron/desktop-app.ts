// Runs in the main process (electron), once the app is ready.
//
// Wires the pieces together: the store in userData, the service (the embedded demo
// until a connection exists), the IPC transport, the window, the menu, notifications,
// the unread badge and, when the preference asks for it, the local HTTP API. Holds no
// logic of its own beyond the order things start in and stop in (the reverse).
import path from 'node:path';
import { app, dialog, ipcMain, Menu, nativeImage, powerMonitor, safeStorage, shell, type BrowserWindow } from 'electron';
import { APP_NAME, parseDesktopEnvironment } from '../config';
import { openStore } from '../db/open';
import { resolveApiToken } from '../http/api-token';
import { createHttpServer } from '../http/server';
import { registerIpcHandlers } from '../ipc/register-handlers';
import { createAppService } from '../service';
import type { RuntimeConnection } from '../service/connection-registry';
import { connect } from '../sync/connection';
import { DEFAULT_SYNC_INTERVAL_MS } from '../sync/scheduler';
import { reportPowerEvents, reportWindowEvents } from './activity-signals';
import { appMenuTemplate } from './app-menu';
import { isTrustedIpcSender, type AppLocations } from './app-page';
import { desktopNotifications } from './desktop-notifications';
import { HttpPort } from './http-port';
import { createMainWindow } from './main-window';
import { openExternalSafely } from './navigation-guard';
import { NewMessageNotifier } from './new-message-notifier';
import { OVERLAY_SIZE, showUnreadCount } from './overlay-badge';
import { createSafeStorageSecretBox } from './safe-storage-secret-box';
import { openConversationEvent, openPanelEvent } from './shell-events';
import { registerShellHandlers } from './shell-ipc';
import { sqliteBindingForRuntime } from './sqlite-binding';
import { UnreadBadge } from './unread-badge';
import { WINDOW_STATE_FILE } from './window-state-file';

export const HELP_URL = 'https://developer.mirakl.com/';

export interface DesktopApp {
  /** Shows the window (created again if it was closed, on macOS) and focuses it. */
  showWindow(): BrowserWindow;
  /** Stops everything in the reverse order it started; safe to call twice. */
  stop(): Promise<void>;
}

export interface DesktopAppOptions {
  locations: AppLocations;
  log(message: string, error?: unknown): void;
}

export async function startDesktopApp(options: DesktopAppOptions): Promise<DesktopApp> {
  const { log, locations } = options;
  const startedAt = Date.now();
  const userData = app.getPath('userData');
  const dbPath = path.join(userData, 'inbox.db');

  // What to undo on quit (or when starting fails half-way), pushed as each piece starts.
  const undo: Array<[what: string, fn: () => unknown]> = [];
  const stopAll = async () => {
    for (const [what, fn] of undo.reverse()) {
      try {
        await fn(); // every step runs even if one before failed: the store is closed whatever happens
      } catch (error) {
        log(`Stopping ${what} failed`, error);
      }
    }
  };

  // A bad value stops the start with its reason (shown in a dialog), before anything opens.
  const environment = parseDesktopEnvironment(process.env);
  const store = await openStore(dbPath, { nativeBinding: sqliteBindingForRuntime(locations.mainDir) });
  undo.push(['the store', () => store.close()]);
  try {
    // A connection from the environment: its key stays in this process's memory, as with `serve`.
    const runtime: RuntimeConnection[] = [];
    if (environment.mirakl) {
      const { accountId } = await connect(store, environment.mirakl, environment.marketplaceName ? { displayName: environment.marketplaceName } : {});
      runtime.push({ accountId, settings: environment.mirakl });
    }
    let http: HttpPort | null = null;
    const service = createAppService({
      store,
      dataDir: userData,
      version: app.getVersion(),
      syncIntervalMs: environment.intervalMs ?? DEFAULT_SYNC_INTERVAL_MS,
      ...(environment.idleIntervalMs ? { poll: { idleIntervalMs: environment.idleIntervalMs } } : {}),
      sync: true,
      // API keys go to the OS keychain; the embedded demo runs until a real connection exists.
      connections: { secretBox: createSafeStorageSecretBox(safeStorage), runtime },
      onPreferencesChanged: (preferences) => void http?.apply(preferences.httpApi),
      // Shown in Settings to copy into scripts: only while the port is actually open.
      apiAccess: () => ({
        url: http?.url ?? null,
        token: http?.url ? resolveApiToken(userData).token : null,
        error: http?.error ?? null,
        controlledBy: 'preferences' as const,
      }),
      log,
    });
    undo.push(['the service', () => service.stop()]);
    await service.start();
    undo.push(['power events', reportPowerEvents(powerMonitor, (signal) => service.reportActivity(signal))]);

    let window: BrowserWindow | null = null;
    const send = (channel: string, payload: unknown) => {
      if (window && !window.isDestroyed()) window.webContents.send(channel, payload);
    };
    const showWindow = (): BrowserWindow => {
      if (!window || window.isDestroyed()) {
        const created = createMainWindow({
          pageUrl: locations.pageUrl,
          preloadPath: locations.preloadPath,
          stateFile: path.join(userData, WINDOW_STATE_FILE),
          devTools: !app.isPackaged,
          log,
        });
        created.on('closed', () => {
          if (window === created) window = null;
        });
        reportWindowEvents(created, (signal) => service.reportActivity(signal));
        window = created;
        return created; // shows itself when its first paint is ready
      }
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
      return window;
    };

    const isTrustedSender = (event: unknown) => isTrustedIpcSender(event, locations.pageUrl);
    undo.push(['IPC', registerIpcHandlers(ipcMain, service, send, { isTrustedSender, logError: log })]);
    undo.push([
      'shell IPC',
      registerShellHandlers(ipcMain, {
        shell,
        attachmentPath: (id) => service.openAttachmentPath(id),
        orderDocumentPath: (id) => service.openOrderDocumentPath(id),
        showOpenDialog: (dialogOptions) => (window && !window.isDestroyed() ? dialog.showOpenDialog(window, dialogOptions) : dialog.showOpenDialog(dialogOptions)),
        upload: (file) => service.uploadFile(file),
        isTrustedSender,
        log,
      }),
    ]);

    const notifier = new NewMessageNotifier({
      since: startedAt,
      isWindowFocused: () => window !== null && !window.isDestroyed() && window.isFocused(),
      show: desktopNotifications({
        onClick: (conversationId) => {
          showWindow();
          send(...openConversationEvent(conversationId));
        },
      }),
    });
    const badge = new UnreadBadge({
      countUnread: async () => (await service.api.countConversations({})).unread,
      setBadge: (count) =>
        showUnreadCount(count, {
          platform: process.platform,
          setBadgeCount: (n) => app.setBadgeCount(n),
          setOverlayIcon: (bitmap, description) => {
            if (!window || window.isDestroyed()) return;
            const image = bitmap ? nativeImage.createFromBitmap(bitmap, { width: OVERLAY_SIZE, height: OVERLAY_SIZE, scaleFactor: 2 }) : null;
            window.setOverlayIcon(image, description);
          },
        }),
      log,
    });
    const unsubscribe = service.subscribe((event) => {
      notifier.handle(event);
      badge.handle(event);
    });
    undo.push([
      'notifications',
      () => {
        unsubscribe();
        notifier.dispose();
        badge.dispose();
      },
    ]);
    badge.refreshSoon();

    const syncNow = () => void service.api.syncNow({}).catch((error: unknown) => log('Sync now failed', error));
    const onHelp = () => openExternalSafely(HELP_URL, (url) => shell.openExternal(url));
    const onOpen = (panel: 'settings' | 'shortcuts') => {
      showWindow();
      send(...openPanelEvent(panel));
    };
    Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate({ platform: process.platform, dev: !app.isPackaged, onSyncNow: syncNow, onHelp, onOpen })));

    const httpPort = new HttpPort({
      service,
      // Same token file as `serve` (beside the database): one token for this store, whoever serves it.
      token: () => resolveApiToken(userData).token,
      staticDir: locations.rendererDir,
      version: app.getVersion(),
      createServer: createHttpServer,
      log,
    });
    http = httpPort;
    undo.push(['the HTTP API', () => httpPort.stop()]);
    void httpPort.apply((await service.api.getPreferences({})).httpApi);

    showWindow();
    log(`${APP_NAME} ${app.getVersion()} started with ${dbPath}`);

    let stopping: Promise<void> | null = null;
    return { showWindow, stop: () => (stopping ??= stopAll()) };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
