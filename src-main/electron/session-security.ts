// Runs in the main process. Takes the session as an argument (types only from electron).
//
// Per-session hardening: our CSP on every response (file:// included), and every
// permission refused except writing to the clipboard from the app page ("Copy order id").
import type { Session } from 'electron';
import { withSecurityHeaders } from './content-security-policy';

/** Granted to the app page only; everything else (camera, notifications, geolocation…) is refused. */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

type SecuredSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & {
  webRequest: Pick<Session['webRequest'], 'onHeadersReceived'>;
};

export function secureSession(session: SecuredSession, isAppPage: (url: string) => boolean): void {
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
