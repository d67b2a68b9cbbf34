// Pure (no node:, no electron, no DOM): the one rule for a Mirakl base URL, whoever types it
// (Settings, the HTTP API, --mirakl-url, MIRAKL_URL).
//
// An API key travels in every request's Authorization header, so a base URL must be
// https; plain http is accepted only for this machine (a test server, the embedded demo).
// A URL typed without a scheme (`acme.mirakl.net`) gets https:// added.
import { isLoopbackHost } from './external-url';

export type MiraklUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

/** A host name with a dot, localhost, or an IP literal, optionally with a port and path: what a scheme-less URL may be. */
const BARE_HOST = /^(?:localhost|\[[0-9a-f:.]+\]|[a-z0-9-]+(?:\.[a-z0-9-]+)+)(?::\d{1,5})?(?:\/\S*)?$/i;

export function checkMiraklUrl(input: string): MiraklUrlCheck {
  const typed = input.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(typed) ? typed : BARE_HOST.test(typed) ? `https://${typed}` : typed;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, reason: 'is not a URL (expected https://<instance>.mirakl.net)' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: `must be an https URL, not ${url.protocol}` };
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return { ok: false, reason: 'must start with https://: over http:// the API key could be read on the way' };
  }
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'must not carry a user name or password' };
  if (url.search || url.hash) return { ok: false, reason: 'must not carry a query or fragment' };
  return { ok: true, url: url.toString().replace(/\/+$/, '') };
}
