// Runs in the main process; pure, tested under Node.
//
// Which URL is "the app": the one built page on disk. IPC calls and permission requests
// are honoured only from it, so a frame that somehow reached another URL (an attachment
// preview, a navigation that slipped through) cannot drive the inbox.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface AppLocations {
  /** dist/main: the bundled main script and preload. */
  mainDir: string;
  preloadPath: string;
  /** dist/renderer: the built page, also served by the optional HTTP API. */
  rendererDir: string;
  pageUrl: string;
}

/** Where the built app is, from app.getAppPath() (the project in development, app.asar when packaged). */
export function appLocations(appPath: string): AppLocations {
  const mainDir = path.join(appPath, 'dist', 'main');
  const rendererDir = path.join(appPath, 'dist', 'renderer');
  return {
    mainDir,
    preloadPath: path.join(mainDir, 'preload.cjs'),
    rendererDir,
    pageUrl: pathToFileURL(path.join(rendererDir, 'index.html')).href,
  };
}

/** True for the app page itself, whatever its #route or ?query. Compared parsed, never as strings. */
export function isAppPageUrl(candidate: unknown, pageUrl: string): boolean {
  if (typeof candidate !== 'string') return false;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  const page = new URL(pageUrl);
  return url.protocol === 'file:' && page.protocol === 'file:' && url.host === page.host && url.pathname === page.pathname;
}

/**
 * True when an IPC message comes from the app page's top frame. Electron's IpcMainInvokeEvent
 * is read structurally (senderFrame: { url, parent }) so the check is testable without it.
 */
export function isTrustedIpcSender(event: unknown, pageUrl: string): boolean {
  if (typeof event !== 'object' || event === null) return false;
  const frame = (event as { senderFrame?: { url?: unknown; parent?: unknown } | null }).senderFrame;
  if (!frame) return false;
  return frame.parent === null && isAppPageUrl(frame.url, pageUrl);
}
