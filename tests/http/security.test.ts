// Who may call the API and from where: token or session cookie, Host and Origin checks,
// no CORS, no caching, the static UI without data, and a server that survives its bugs.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations, type ConversationPage, type OperationName } from '../../src-shared/contract';
import { createHttpServer } from '../../src-main/http/server';
import { httpFixture, rawRequest, TEST_VERSION, type HttpFixture } from '../helpers/http-fixture';
import { tempDir } from '../helpers/temp-dir';

describe('HTTP security', () => {
  const dir = tempDir();
  const staticDir = path.join(dir, 'renderer');
  let f: HttpFixture;

  beforeAll(async () => {
    fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>inbox</title><script type="module" src="/assets/app.js"></script>');
    fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log("app")');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the UI folder');
    f = await httpFixture(dir, { threads: 12, staticDir });
  });
  afterAll(() => f?.close());

  it('listens on 127.0.0.1 only by default', () => {
    expect((f.server.app.server.address() as { address: string }).address).toBe('127.0.0.1');
  });

  it('refuses /api without the token, with a wrong one, or with another scheme (401)', async () => {
    const cases: Array<Record<string, string>> = [
      {},
      { authorization: 'Bearer wrong' },
      { authorization: `Bearer ${f.token}x` },
      { authorization: `Bearer ${f.token.slice(0, -1)}` },
      { authorization: `Basic ${Buffer.from(`user:${f.token}`).toString('base64')}` },
      { authorization: f.token },
      { cookie: `cs_session_${f.port}=${f.token}` },
    ];
    for (const headers of cases) {
      const response = await fetch(`${f.base}/api/conversations`, { headers });
      expect(response.status, JSON.stringify(headers)).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(await response.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    }
    // ?token= is for the event stream only.
    expect((await fetch(`${f.base}/api/conversations?token=${f.token}`)).status).toBe(401);
    // Unknown routes under /api answer 401 too: their existence is not revealed without the token.
    expect((await fetch(`${f.base}/api/no-such-route`)).status).toBe(401);
    expect((await f.api('/api/no-such-route')).status).toBe(404);
  });

  it('trades /?token= for an HttpOnly SameSite=Strict cookie, then /api works with the cookie alone', async () => {
    const wrong = await fetch(`${f.base}/?token=nope`, { redirect: 'manual' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();

    const response = await fetch(`${f.base}/?token=${encodeURIComponent(f.token)}`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/');
    const setCookie = response.headers.get('set-cookie')!;
    expect(setCookie).toMatch(new RegExp(`^cs_session_${f.port}=[A-Za-z0-9_-]+; Path=/; HttpOnly; SameSite=Strict$`));
    const cookie = setCookie.split(';')[0]!;
    expect(cookie).not.toContain(f.token);

    const page = await fetch(`${f.base}/api/conversations?limit=3`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(((await page.json()) as ConversationPage).items).toHaveLength(3);
    // The cookie's value is not a bearer token.
    const value = cookie.split('=')[1]!;
    expect((await fetch(`${f.base}/api/health`, { headers: { authorization: `Bearer ${value}` } })).status).toBe(401);
  });

  it('refuses a Host that is not this server (DNS rebinding) with 403, on /api and on the UI', async () => {
    for (const host of ['evil.example', `evil.example:${f.port}`, `127.0.0.1:${f.port + 1}`, `localhost.evil.example:${f.port}`, `127.1:${f.port}`]) {
      for (const p of ['/api/health', '/', '/assets/app.js']) {
        const response = await rawRequest(f.port, { path: p, headers: { host, authorization: `Bearer ${f.token}` } });
        expect(response.status, `${host} ${p}`).toBe(403);
        expect(JSON.parse(response.body)).toEqual({ error: { code: 'forbidden', message: expect.any(String) } });
      }
    }
    for (const host of [`127.0.0.1:${f.port}`, `localhost:${f.port}`]) {
      expect((await rawRequest(f.port, { path: '/api/health', headers: { host, authorization: `Bearer ${f.token}` } })).status).toBe(200);
    }
  });

  it('refuses cross-origin /api requests with 403 even with the token, and sends no CORS headers', async () => {
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${f.port + 1}`, `https://127.0.0.1:${f.port}`]) {
      const response = await f.api('/api/health', { headers: { origin } });
      expect(response.status, origin).toBe(403);
    }
    expect((await f.api('/api/health', { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
    expect((await f.api('/api/health', { headers: { origin: `http://localhost:${f.port}` } })).status).toBe(200);
    const preflight = await fetch(`${f.base}/api/conversations/1/messages`, {
      method: 'OPTIONS',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    for (const response of [preflight, await f.api('/api/health'), await fetch(`${f.base}/`)]) {
      expect([...response.headers.keys()].filter((k) => k.startsWith('access-control-'))).toEqual([]);
    }
  });

  it('marks every /api answer no-store, errors included', async () => {
    for (const response of [await f.api('/api/health'), await fetch(`${f.base}/api/health`), await f.api('/api/conversations/abc')]) {
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('serves the UI without the token, confined to its folder, with a strict CSP', async () => {
    const index = await fetch(`${f.base}/`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<title>inbox</title>');
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(index.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const script = await fetch(`${f.base}/assets/app.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await (await fetch(`${f.base}/conversations/12`)).text()).toContain('<title>inbox</title>');
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', '/assets/missing.js', '/%00']) {
      const response = await rawRequest(f.port, { path: p, headers: { host: `127.0.0.1:${f.port}` } });
      expect(response.body, p).not.toContain('outside the UI folder');
      expect(response.status, p).toBe(404);
    }
  });

  it('describes every operation in the OpenAPI 3.1 document, with bearer auth', async () => {
    const doc = (await f.json('GET', '/api/openapi.json')) as {
      openapi: string;
      info: { version: string };
      paths: Record<string, Record<string, { operationId: string; parameters?: Array<{ name: string; in: string }>; requestBody?: unknown; responses: Record<string, unknown> }>>;
      components: { securitySchemes: Record<string, { type: string; scheme?: string }> };
      security: unknown[];
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.version).toBe(TEST_VERSION);
    expect(doc.components.securitySchemes.bearerAuth).toEqual(expect.objectContaining({ type: 'http', scheme: 'bearer' }));
    expect(doc.security).toContainEqual({ bearerAuth: [] });
    for (const name of Object.keys(operations) as OperationName[]) {
      const { method, path: p } = operations[name].http;
      const operation = doc.paths[p.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
      expect(operation?.operationId, name).toBe(name);
      expect(operation!.responses['200']).toBeDefined();
      expect(operation!.responses['401']).toBeDefined();
      for (const param of p.match(/:(\w+)/g) ?? []) {
        expect(operation!.parameters).toContainEqual(expect.objectContaining({ name: param.slice(1), in: 'path', required: true }));
      }
      if (method === 'POST' || method === 'PATCH') expect(operation!.requestBody, name).toBeDefined();
    }
    const list = doc.paths['/api/conversations']!.get!;
    expect(list.parameters!.map((p) => p.name).sort()).toEqual(['accountId', 'breachWithinHours', 'cursor', 'limit', 'orderId', 'q', 'replyNeeded', 'snoozed', 'sort', 'unread', 'waitAge']);
  });

  it('an unexpected failure answers a generic 500, is logged with its stack, and the server keeps serving', async () => {
    const logged: Array<{ message: string; error: unknown }> = [];
    const broken = {
      ...f.service,
      api: {
        ...f.service.api,
        health: () => Promise.reject(new Error('disk on fire at /home/secret/path')),
        // A service bug answering outside its contract (an API key field would be stripped; a wrong type is refused).
        countConversations: () => Promise.resolve({ all: 'many' } as never),
      },
    };
    const server = createHttpServer({ service: broken, token: f.token, version: TEST_VERSION, logError: (message, error) => logged.push({ message, error }) });
    const { url } = await server.listen();
    try {
      const headers = { authorization: `Bearer ${f.token}` };
      for (const p of ['api/health', 'api/conversations/counts']) {
        const response = await fetch(`${url}${p}`, { headers });
        expect(response.status).toBe(500);
        const body = (await response.json()) as { error: { code: string; message: string } };
        expect(body).toEqual({ error: { code: 'internal', message: expect.any(String) } });
        expect(body.error.message).not.toContain('secret');
      }
      expect(logged).toHaveLength(2);
      expect((logged[0]!.error as Error).stack).toContain('disk on fire');
      expect((await fetch(`${url}api/conversations?limit=1`, { headers })).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
