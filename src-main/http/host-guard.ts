// DNS-rebinding and cross-site defences. A page on evil.example can make the browser
// resolve its own name to 127.0.0.1 and talk to this port: its requests then carry
// `Host: evil.example`, which is refused. A cross-site page's fetch carries its own
// `Origin`, which is refused on /api. Hosts are parsed as URLs, never matched by substring.
import net from 'node:net';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  return bare === 'localhost' || bare === '::1' || (net.isIPv4(bare) && bare.startsWith('127.'));
}

export function isWildcardHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  return bare === '0.0.0.0' || bare === '::';
}

/** `host` as it appears in a Host header or a URL: IPv6 literals in brackets. */
export function hostForUrl(host: string): string {
  return net.isIPv6(host) ? `[${host}]` : host;
}

/** The `host:port` a Host header names, normalised, or null when it is not a plain host[:port]. */
export function parseHostHeader(value: string): { hostname: string; port: number } | null {
  if (value.length === 0 || value.length > 300 || /[\s/\\@?#]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(`http://${value}`);
  } catch {
    return null;
  }
  // URL() rewrites oddities (`127.1`, `0x7f.1`, trailing dots); anything it rewrote is refused.
  if (url.host !== value.toLowerCase() && `${url.host}:80` !== value.toLowerCase()) return null;
  return { hostname: url.hostname, port: url.port === '' ? 80 : Number(url.port) };
}

export class HostGuard {
  constructor(
    /** The address the server listens on, as given (`127.0.0.1`, `::1`, `0.0.0.0`, `myhost.lan`…). */
    private readonly boundHost: string,
    /** The real port (after listening on port 0). */
    private readonly port: () => number,
  ) {}

  /** Whether a request's Host header names this server. */
  allowsHost(header: string | undefined): boolean {
    if (header === undefined) return false;
    const parsed = parseHostHeader(header);
    if (!parsed || parsed.port !== this.port()) return false;
    return this.allowsHostname(parsed.hostname);
  }

  /** Whether an Origin header is this server itself (same scheme, host and port). */
  allowsOrigin(origin: string): boolean {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false; // includes the opaque origin "null"
    }
    if (url.protocol !== 'http:' || url.origin !== origin.toLowerCase().replace(/\/$/, '')) return false;
    const port = url.port === '' ? 80 : Number(url.port);
    return port === this.port() && this.allowsHostname(url.hostname);
  }

  private allowsHostname(hostname: string): boolean {
    const bound = hostForUrl(this.boundHost).toLowerCase();
    if (isLoopbackHost(bound)) return hostname === bound || LOOPBACK_NAMES.includes(hostname);
    // Bound to every interface: the Host is whichever address the client used. Only IP
    // literals (and localhost) are allowed, since rebinding needs a DNS name.
    if (isWildcardHost(bound)) return hostname === 'localhost' || net.isIP(hostname.replace(/^\[|\]$/g, '')) !== 0;
    return hostname === bound;
  }
}
