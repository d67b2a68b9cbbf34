// Runs in the main process. Takes the session as an argument (types only from electron).
//
// Per-session hardening: our CSP on every response (file:// included), every permission
// refused except writing to the clipboard from the app page ("Copy order id"), and no
// request to anyone but this machine. The app talks to nobody but the user's Mirakl
// instances, and those calls leave from Node (src-main/mirakl/client), not from the page.
//
// Spell-check: Chromium fetches Hunspell dictionaries from Google's CDN on Windows and
// Linux. macOS and Windows have an OS spell-checker, which Electron uses there; the download
// address is pointed at a folder inside the app (which ships no dictionary), so nothing is
// fetched from a third party. Linux has no OS checker: spell-check is off there.
import { pathToFileURL } from 'node:url';
import type { Session } from 'electron';
import { isLoopbackHost } from '../../src-shared/external-url';
import { withSecurityHeaders } from './content-security-policy';

/** Granted to the app page only; everything else (camera, notifications, geolocation…) is refused. */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

type SecuredSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setSpellCheckerDictionaryDownloadURL' | 'setSpellCheckerEnabled'
> & {
  webRequest: Pick<Session['webRequest'], 'onHeadersReceived' | 'onBeforeRequest'>;
};

export interface SessionSecurityOptions {
  isAppPage(url: string): boolean;
  /** A folder of the app (dist/renderer's parent): where dictionaries would be, never a remote host. */
  appDir: string;
  platform: NodeJS.Platform;
}

/** Platforms where Electron spell-checks with the OS's own checker (no dictionary to download). */
export function hasOsSpellChecker(platform: NodeJS.Platform): boolean {
  return platform === 'darwin' || platform === 'win32';
}

/** Schemes the page and DevTools use locally; http(s) only to this machine. */
export function isLocalRequest(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (['file:', 'data:', 'blob:', 'devtools:'].includes(parsed.protocol)) return true;
  return (parsed.protocol === 'http:' || parsed.protocol === 'https:' || parsed.protocol === 'ws:') && isLoopbackHost(parsed.hostname);
}

export function secureSession(session: SecuredSession, options: SessionSecurityOptions): void {
  const { isAppPage } = options;
  session.setSpellCheckerDictionaryDownloadURL(`${pathToFileURL(options.appDir).href.replace(/\/?$/, '/')}dictionaries/`);
  session.setSpellCheckerEnabled(hasOsSpellChecker(options.platform));
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isLocalRequest(details.url) });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withSecurityHeaders(details.responseHeaders) });
  });
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(ALLOWED_PERMISSIONS.has(permission) && isAppPage(details.requestingUrl ?? contents.getURL()));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    // Checks carry an origin; file:// pages have the opaque origin "file://".
    const url = details.requestingUrl ?? requestingOrigin;
    return ALLOWED_PERMISSIONS.has(permission) && isAppPage(url);
  });
}
