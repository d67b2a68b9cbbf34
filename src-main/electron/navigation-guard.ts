// Runs in the main process. Takes the webContents and shell as arguments (types only
// from electron), so tests drive it with stand-ins.
//
// The window never leaves the app page: every navigation is cancelled and every
// window.open denied. Links the user clicked that are well-formed http(s) URLs go to
// the system browser instead; anything else is dropped.
import type { WebContents } from 'electron';
import { toExternalHttpUrl } from '../../src-shared/external-url';

export interface NavigationGuardOptions {
  /** shell.openExternal. */
  openExternal(url: string): Promise<void>;
  /** Dropped links are reported here (stderr in the app). */
  onBlocked?(url: string, reason: 'navigation' | 'window-open' | 'webview'): void;
}

/** Opens the link in the system browser when it is safe to; true if it was handed over. */
export function openExternalSafely(raw: unknown, openExternal: (url: string) => Promise<void>): boolean {
  const url = toExternalHttpUrl(raw);
  if (url === null) return false;
  openExternal(url).catch(() => undefined); // no browser configured: nothing more the app can do
  return true;
}

type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export function guardNavigation(contents: GuardedContents, options: NavigationGuardOptions): void {
  const blocked = options.onBlocked ?? (() => undefined);

  // Same-document (#route) changes never fire this: the renderer's routing is unaffected.
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    if (!openExternalSafely(event.url, options.openExternal)) blocked(event.url, 'navigation');
  });
  // A redirect of a navigation that started anyway (none should) is not followed either.
  contents.on('will-redirect', (event) => {
    event.preventDefault();
    blocked(event.url, 'navigation');
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (!openExternalSafely(url, options.openExternal)) blocked(url, 'window-open');
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event, _webPreferences, params) => {
    event.preventDefault();
    blocked(params.src ?? '', 'webview');
  });
}
