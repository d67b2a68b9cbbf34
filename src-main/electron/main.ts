// Entry of the Electron main process (bundled to dist/main/electron-main.cjs).
//
// The app's lifecycle only: one instance, sandbox and navigation guards for every web
// contents, start when ready, and a quit that waits for the service to stop (a sync
// page or a reply in flight is committed or rolled back, never cut in half).
import path from 'node:path';
import { app, dialog, session, shell } from 'electron';
import { APP_NAME } from '../config';
import { appLocations, isAppPageUrl } from './app-page';
import { startDesktopApp, type DesktopApp } from './desktop-app';
import { guardNavigation } from './navigation-guard';
import { secureSession } from './session-security';

/** The Windows notification identity; matches appId in electron-builder.yml. */
export const APP_USER_MODEL_ID = 'com.miraklcustomerservice.desktop';

function log(message: string, error?: unknown): void {
  const detail = error === undefined ? '' : `: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  process.stderr.write(`${new Date().toISOString()} ${message}${detail}\n`);
}

/** Another data folder than Electron's userData (a second profile, a portable install, UI tests). */
export const USER_DATA_ENV = 'CS_USER_DATA';

function main(): void {
  // Every renderer sandboxed, whatever options a window is created with.
  app.enableSandbox();
  // Before the single-instance lock, which is taken per data folder.
  const userData = process.env[USER_DATA_ENV];
  if (userData) app.setPath('userData', path.resolve(userData));
  if (!app.requestSingleInstanceLock()) {
    // Another instance owns the store: it gets focused (second-instance below), this one leaves.
    app.quit();
    return;
  }
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);

  let desktop: DesktopApp | null = null;
  let quit: 'running' | 'stopping' | 'stopped' = 'running';
  let started: Promise<unknown> = Promise.resolve();

  app.on('second-instance', () => desktop?.showWindow());
  app.on('activate', () => desktop?.showWindow());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Every web contents, not only the main window's: nothing may navigate or open windows.
  app.on('web-contents-created', (_event, contents) => {
    guardNavigation(contents, {
      openExternal: (url) => shell.openExternal(url),
      onBlocked: (url, reason) => log(`Blocked ${reason} to ${url.slice(0, 200)}`),
    });
  });
  app.on('before-quit', (event) => {
    if (quit === 'stopped') return;
    event.preventDefault();
    if (quit === 'stopping') return;
    quit = 'stopping';
    // A quit during startup waits for it, then stops what it started.
    void started
      .catch(() => undefined)
      .then(() => desktop?.stop())
      .finally(() => {
        quit = 'stopped';
        app.exit(0);
      });
  });

  started = app
    .whenReady()
    .then(async () => {
      const locations = appLocations(app.getAppPath());
      secureSession(session.defaultSession, {
        isAppPage: (url) => isAppPageUrl(url, locations.pageUrl),
        appDir: app.getAppPath(),
        platform: process.platform,
      });
      desktop = await startDesktopApp({ locations, log });
    })
    .catch((error: unknown) => {
      log('Startup failed', error);
      dialog.showErrorBox(`${APP_NAME} could not start`, error instanceof Error ? error.message : String(error));
      quit = 'stopped';
      app.exit(1);
    });
}

main();
