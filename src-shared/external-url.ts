// Pure (no node:, no electron, no DOM): used by the desktop shell before opening a link and by the renderer when it turns text into links.
//
// Decides whether a link may leave the app for the system browser. The URL is parsed
// with the WHATWG parser, never matched as a string: `https://evil.com@good.com`,
// `javascript:`, `file:` and friends all look harmless to a substring check.

/** Longer than any link a customer message legitimately holds; browsers cap near here too. */
export const MAX_EXTERNAL_URL_LENGTH = 2048;

/**
 * Names and addresses of this machine. A link there would reach local services (this
 * app's own HTTP API, a developer's servers) from a customer-supplied message.
 */
export function isLoopbackHost(hostname: string): boolean {
  // A trailing dot names the same host ("localhost." is localhost).
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  // The WHATWG parser has already normalised IPv4 forms (0x7f.1, 2130706433…) to dotted decimal.
  if (/^127\.\d+\.\d+\.\d+$/.test(host) || host === '0.0.0.0') return true;
  // IPv6 hosts keep their brackets in URL.hostname and are normalised (compressed, lower case).
  return host === '[::1]' || host === '[::]' || /^\[::ffff:(7f[0-9a-f]{2}:[0-9a-f]{1,4}|0:0)\]$/.test(host);
}

/**
 * The normalised URL to hand to shell.openExternal, or null when the link must not be
 * opened: not a string, too long, unparsable, not http(s), carrying credentials (the
 * classic "user@host" disguise) or aimed at this machine.
 */
export function toExternalHttpUrl(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_EXTERNAL_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username !== '' || url.password !== '') return null;
  if (url.hostname === '' || isLoopbackHost(url.hostname)) return null;
  return url.href;
}
