// What only a raw socket can send: two Host headers, a body that trickles, a client that
// hangs up mid-body, and URLs the router itself refuses. Each is answered in the contract's
// error shape, after the same Host and token checks as every request, or dropped quietly;
// none logs a failure of ours, and the server keeps serving.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpFixture, rawRequest, type HttpFixture } from '../helpers/http-fixture';
import { tempDir } from '../helpers/temp-dir';

const REQUEST_TIMEOUT_MS = 1_000;

/** Writes `head` (and later `rest`, if given) on a raw socket; resolves with everything the server sent before closing. */
function rawExchange(port: number, head: string, options: { rest?: string; restAfterMs?: number; hangUpAfterMs?: number } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (d: Buffer) => (received += d.toString('utf8')));
    socket.on('close', () => resolve(received));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? resolve(received) : reject(error)));
    socket.write(head);
    if (options.rest !== undefined) setTimeout(() => socket.writable && socket.write(options.rest!), options.restAfterMs ?? 0);
    if (options.hangUpAfterMs !== undefined) setTimeout(() => socket.destroy(), options.hangUpAfterMs);
  });
}

function parseResponse(text: string): { status: number; headers: Record<string, string>; body: unknown } {
  const [head = '', body = ''] = text.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body: body ? JSON.parse(body) : null };
}

describe('raw HTTP edge cases', () => {
  const dir = tempDir();
  let f: HttpFixture;
  beforeAll(async () => {
    f = await httpFixture(dir, { threads: 3, requestTimeoutMs: REQUEST_TIMEOUT_MS });
  });
  afterAll(() => f?.close());
  const host = () => `127.0.0.1:${f.port}`;

  it('refuses a request with two Host headers, whichever comes first', async () => {
    for (const hosts of [[host(), 'evil.example'], ['evil.example', host()], [host(), host()]]) {
      const text = await rawExchange(
        f.port,
        `GET /api/health HTTP/1.1\r\n${hosts.map((h) => `Host: ${h}\r\n`).join('')}Authorization: Bearer ${f.token}\r\nConnection: close\r\n\r\n`,
      );
      const response = parseResponse(text);
      expect(response.status, text).toBe(400);
      expect(response.body).toEqual({ error: { code: 'bad_request', message: 'More than one Host header' } });
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('answers URLs the router refuses only after the Host and token checks, with the security headers and the error shape', async () => {
    for (const path of ['/api/conversations/%', `/api/orders/${'o'.repeat(1001)}/conversations`]) {
      const anonymous = await rawRequest(f.port, { path, headers: { host: host() } });
      expect(anonymous.status, path).toBe(401);
      expect(JSON.parse(anonymous.body)).toMatchObject({ error: { code: 'unauthorized' } });
      const foreign = await rawRequest(f.port, { path, headers: { host: 'rebind.evil.example', authorization: `Bearer ${f.token}` } });
      expect(foreign.status, path).toBe(403);
      const crossSite = await rawRequest(f.port, { path, headers: { host: host(), authorization: `Bearer ${f.token}`, origin: 'http://evil.example' } });
      expect(crossSite.status, path).toBe(403);
      const authorized = await rawRequest(f.port, { path, headers: { host: host(), authorization: `Bearer ${f.token}` } });
      expect(authorized.status, path).toBe(400);
      expect(Object.keys(JSON.parse(authorized.body) as object)).toEqual(['error']);
      expect(JSON.parse(authorized.body)).toMatchObject({ error: { code: 'bad_request', message: expect.any(String) } });
      for (const response of [anonymous, foreign, authorized]) {
        expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        expect(response.headers['x-frame-options']).toBe('DENY');
        expect(response.headers['referrer-policy']).toBe('no-referrer');
        expect(response.headers['cache-control']).toBe('no-store');
      }
    }
  });

  it('cuts a request whose body trickles in past the request timeout, and keeps serving', async () => {
    const started = Date.now();
    const body = '{"body":"A slow reply"}';
    const head =
      `POST /api/conversations/1/messages HTTP/1.1\r\nHost: ${host()}\r\nAuthorization: Bearer ${f.token}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 5)}`;
    // The rest would come long after the timeout: the server must not wait for it.
    const text = await rawExchange(f.port, head, { rest: body.slice(5), restAfterMs: 20_000, hangUpAfterMs: 15_000 });
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 50);
    expect(waited).toBeLessThan(10_000);
    expect(parseResponse(text)).toMatchObject({ status: 400, body: { error: { code: 'bad_request', message: 'The request did not arrive in time' } } });
    expect((await f.api('/api/health')).status).toBe(200);
  }, 30_000);

  it('takes a client that hangs up mid-body in its stride: no error logged', async () => {
    const logged = f.logged.length;
    const head =
      `POST /api/conversations/1/messages HTTP/1.1\r\nHost: ${host()}\r\nAuthorization: Bearer ${f.token}\r\n` +
      'Content-Type: application/json\r\nContent-Length: 500\r\n\r\n{"body":"cut sh';
    await rawExchange(f.port, head, { hangUpAfterMs: 100 });
    await new Promise((r) => setTimeout(r, 200));
    expect(f.logged.slice(logged)).toEqual([]);
    expect((await f.api('/api/health')).status).toBe(200);
  });

  it('logged nothing unexpected', () => {
    expect(f.logged).toEqual([]);
  });
});
