// IPC inside Electron (the preload bridge exists), HTTP everywhere else.
import type { AppClient } from './app-client';
import { HttpInboxClient } from './http-client';
import { IpcInboxClient, preloadBridge } from './ipc-client';

const TOKEN_KEY = 'mcs.apiToken';

export function pickClient(): AppClient {
  const bridge = preloadBridge();
  if (bridge) return new IpcInboxClient(bridge);
  return new HttpInboxClient({ token: takeTokenFromFragment() });
}

/**
 * `#token=…` in the address (for when cookies are off) is moved to sessionStorage and
 * wiped from the address bar, so it is not bookmarked or shared by accident.
 */
function takeTokenFromFragment(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  try {
    if (match?.[1]) {
      const token = decodeURIComponent(match[1]);
      window.sessionStorage.setItem(TOKEN_KEY, token);
      window.history.replaceState(null, '', window.location.pathname + window.location.search);
      return token;
    }
    return window.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return match?.[1] ? decodeURIComponent(match[1]) : null;
  }
}
