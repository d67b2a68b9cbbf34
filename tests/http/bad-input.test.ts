// The hostile-input battery: every request below must be refused with the right status
// and the contract's error shape, change no row of any table, and leave the server serving.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationPage } from '../../src-shared/contract';
import { httpFixture, rawRequest, snapshotTables, type HttpFixture, type RawResponse } from '../helpers/http-fixture';
import { tempDir } from '../helpers/temp-dir';
import { run, sql } from '../helpers/test-store';

interface Case {
  name: string;
  method?: string;
  path: string | ((f: HttpFixture) => string);
  headers?: Record<string, string>;
  /** Sent as is; objects are JSON-encoded with Content-Type application/json. */
  body?: string | Buffer | Record<string, unknown>;
  /** Send no token. */
  anonymous?: boolean;
  status: number;
  code: string;
  field?: string;
}

// Ids are decimal digits exactly: `0x1`, `1e0`, ` 1`, `01` and `+1` would all name row 1, which exists.
const BAD_IDS = ['-1', '0', '1e30', '9007199254740993', 'abc', '1.5', '%20', '0x10000000000000000', '1%00', '0x1', '1e0', '%201', '01', '+1', '1%20'];
const ID_ROUTES: Array<{ method: string; path: (id: string) => string; body?: Record<string, unknown> }> = [
  { method: 'GET', path: (id) => `/api/conversations/${id}` },
  { method: 'POST', path: (id) => `/api/conversations/${id}/read` },
  { method: 'POST', path: (id) => `/api/conversations/${id}/messages`, body: { body: 'A valid reply' } },
  { method: 'POST', path: (id) => `/api/messages/${id}/retry`, body: {} },
  { method: 'DELETE', path: (id) => `/api/messages/${id}` },
  { method: 'PATCH', path: (id) => `/api/connections/${id}`, body: { name: 'x' } },
  { method: 'DELETE', path: (id) => `/api/connections/${id}` },
  { method: 'GET', path: (id) => `/api/attachments/${id}` },
];

const cases: Case[] = [
  // ---- ids: negative, zero, huge, beyond 2^53, not numbers
  ...ID_ROUTES.flatMap((route) =>
    BAD_IDS.map(
      (id): Case => ({
        name: `${route.method} ${route.path(id)}`,
        method: route.method,
        path: route.path(id),
        ...(route.body ? { body: route.body } : {}),
        status: 422,
        code: 'invalid_field',
        field: 'id',
      }),
    ),
  ),
  ...ID_ROUTES.map(
    (route): Case => ({
      name: `${route.method} unknown id`,
      method: route.method,
      path: route.path('999999'),
      ...(route.body ? { body: route.body } : {}),
      status: 404,
      code: 'not_found',
    }),
  ),
  { name: 'id given twice (path and query)', path: '/api/conversations/1?id=2', status: 422, code: 'invalid_field', field: 'id' },
  { name: 'id given twice (path and body)', method: 'POST', path: '/api/conversations/1/messages', body: { id: 2, body: 'Hello there' }, status: 422, code: 'invalid_field', field: 'id' },

  // ---- query strings
  ...['0', '201', '-1', 'abc', '1e30', '', '5.5'].map((limit): Case => ({ name: `limit=${limit}`, path: `/api/conversations?limit=${limit}`, status: 422, code: 'invalid_field', field: 'limit' })),
  { name: 'repeated limit', path: '/api/conversations?limit=1&limit=2', status: 422, code: 'invalid_field', field: 'limit' },
  { name: 'replyNeeded=maybe', path: '/api/conversations?replyNeeded=maybe', status: 422, code: 'invalid_field', field: 'replyNeeded' },
  { name: 'accountId=-1', path: '/api/conversations?accountId=-1', status: 422, code: 'invalid_field', field: 'accountId' },
  { name: 'q over 200 chars', path: `/api/conversations?q=${'x'.repeat(201)}`, status: 422, code: 'invalid_field', field: 'q' },
  { name: 'forged cursor', path: '/api/conversations?cursor=bm90LWEtY3Vyc29y', status: 422, code: 'invalid_field', field: 'cursor' },
  { name: 'cursor with SQL', path: `/api/conversations?cursor=${encodeURIComponent("1' OR 1=1 --")}`, status: 422, code: 'invalid_field', field: 'cursor' },
  { name: 'unknown query parameter', path: '/api/conversations?sort=asc', status: 422, code: 'invalid_field', field: 'sort' },
  { name: 'unknown parameter on counts', path: '/api/conversations/counts?x=1', status: 422, code: 'invalid_field', field: 'x' },
  { name: 'orderId over 100 chars', path: `/api/orders/${'o'.repeat(101)}/conversations`, status: 422, code: 'invalid_field', field: 'orderId' },
  // An order id goes into a Mirakl URL (OR43): `.` and `..` would climb to another path there.
  ...['.', '..', '%2E', '%2E%2E', '%2e.'].flatMap((id): Case[] => [
    { name: `startThread orderId ${id}`, method: 'POST', path: `/api/orders/${id}/threads`, body: { subject: 'Delivery', body: 'Your order ships today.' }, status: 422, code: 'invalid_field', field: 'orderId' },
    { name: `listOrderConversations orderId ${id}`, path: `/api/orders/${id}/conversations`, status: 422, code: 'invalid_field', field: 'orderId' },
  ]),
  { name: 'orderId filter ..', path: '/api/conversations?orderId=..', status: 422, code: 'invalid_field', field: 'orderId' },
  // A URL the router cannot decode, or whose segment is too long: the same error shape as the rest.
  { name: 'malformed %-escape', path: '/api/conversations/%', status: 400, code: 'bad_request' },
  { name: 'malformed %-escape in an order id', path: '/api/orders/%E0%A4%A/conversations', status: 400, code: 'bad_request' },
  { name: 'path segment over the router limit', path: `/api/orders/${'o'.repeat(1001)}/conversations`, status: 400, code: 'bad_request' },

  // ---- bodies: wrong types, limits, NUL, unknown fields
  ...(
    [
      [{ body: 123 }, 'body'],
      [{ body: null }, 'body'],
      [{ body: ['hello'] }, 'body'],
      [{ body: 'ab' }, 'body'],
      [{ body: '   \n\t  ' }, 'body'],
      [{ body: 'hello\u0000world' }, 'body'],
      // Half a character (a lone UTF-16 surrogate, sent JSON-escaped): not text that can be stored as UTF-8 or sent on.
      [{ body: 'Bonjour \ud83d, merci' }, 'body'],
      [{ body: 'Bonjour \ude00 merci' }, 'body'],
      [{ body: `${'x'.repeat(10)}\ud800` }, 'body'],
      [{ body: 'x'.repeat(50_001) }, 'body'],
      [{}, 'body'],
      [{ body: 'Hello there', to: 'everyone' }, 'to'],
      [{ body: 'Hello there', to: ['customer'] }, 'to'],
      [{ body: 'Hello there', admin: true }, 'admin'],
      [{ body: 'Hello there', __proto__x: 1 }, '__proto__x'],
    ] as Array<[Record<string, unknown>, string]>
  ).map(([body, field]): Case => ({ name: `sendMessage ${JSON.stringify(body).slice(0, 60)}`, method: 'POST', path: (f) => `/api/conversations/${firstId(f)}/messages`, body, status: 422, code: 'invalid_field', field })),
  { name: 'startThread empty subject', method: 'POST', path: '/api/orders/X-1/threads', body: { subject: '  ', body: 'Hello there' }, status: 422, code: 'invalid_field', field: 'subject' },
  { name: 'startThread lone surrogate in the body', method: 'POST', path: '/api/orders/X-1/threads', body: { subject: 'Hi', body: 'Hello \udc00 there' }, status: 422, code: 'invalid_field', field: 'body' },
  { name: 'startThread lone surrogate in the subject', method: 'POST', path: '/api/orders/X-1/threads', body: { subject: 'Hi \ud800', body: 'Hello there' }, status: 422, code: 'invalid_field', field: 'subject' },
  { name: 'retryMessage lone surrogate', method: 'POST', path: '/api/messages/1/retry', body: { body: 'Hello \ud800 there' }, status: 422, code: 'invalid_field', field: 'body' },
  { name: 'startThread no recipient', method: 'POST', path: '/api/orders/X-1/threads', body: { subject: 'Hi', body: 'Hello there', to: [] }, status: 422, code: 'invalid_field', field: 'to' },
  { name: 'addConnection javascript: URL', method: 'POST', path: '/api/connections', body: { baseUrl: 'javascript:alert(1)', apiKey: 'k' }, status: 422, code: 'invalid_field', field: 'baseUrl' },
  { name: 'addConnection file: URL', method: 'POST', path: '/api/connections', body: { baseUrl: 'file:///etc/passwd', apiKey: 'k' }, status: 422, code: 'invalid_field', field: 'baseUrl' },
  { name: 'addConnection http:// to another machine (the key would travel in clear)', method: 'POST', path: '/api/connections', body: { baseUrl: 'http://acme.mirakl.net', apiKey: 'k' }, status: 422, code: 'invalid_field', field: 'baseUrl' },
  { name: 'testConnection http:// to another machine', method: 'POST', path: '/api/connections/test', body: { baseUrl: 'http://10.0.0.8:8080', apiKey: 'k' }, status: 422, code: 'invalid_field', field: 'baseUrl' },
  { name: 'addConnection key with a space', method: 'POST', path: '/api/connections', body: { baseUrl: 'https://x.mirakl.net', apiKey: 'abc def' }, status: 422, code: 'invalid_field', field: 'apiKey' },
  { name: 'addConnection shopId not a number', method: 'POST', path: '/api/connections', body: { baseUrl: 'https://x.mirakl.net', apiKey: 'k', shopId: '1; DROP TABLE accounts' }, status: 422, code: 'invalid_field', field: 'shopId' },
  { name: 'addConnection empty key', method: 'POST', path: '/api/connections', body: { baseUrl: 'https://x.mirakl.net', apiKey: '   ' }, status: 422, code: 'invalid_field', field: 'apiKey' },
  { name: 'setPreferences interval too small', method: 'PATCH', path: '/api/preferences', body: { syncIntervalSeconds: 1 }, status: 422, code: 'invalid_field', field: 'syncIntervalSeconds' },
  { name: 'setPreferences nested wrong type', method: 'PATCH', path: '/api/preferences', body: { httpApi: { port: 'eighty' } }, status: 422, code: 'invalid_field', field: 'httpApi.port' },
  { name: 'setPreferences privileged port', method: 'PATCH', path: '/api/preferences', body: { httpApi: { port: 80 } }, status: 422, code: 'invalid_field', field: 'httpApi.port' },
  { name: 'syncNow accountId huge', method: 'POST', path: '/api/sync', body: { accountId: 1e30 }, status: 422, code: 'invalid_field', field: 'accountId' },

  // ---- a 50,000-character body fits under the cap (worst-case JSON escaping), and is then judged on its merits
  { name: '50,000 escaped characters reach the service', method: 'POST', path: '/api/conversations/999999/messages', body: { body: '\u0001'.repeat(50_000) }, status: 404, code: 'not_found' },
  { name: '50,000 emoji characters reach the service', method: 'POST', path: '/api/conversations/999999/messages', body: { body: '📦'.repeat(25_000) }, status: 404, code: 'not_found' },

  // ---- body size, content types, JSON syntax
  { name: '10 MB body', method: 'POST', path: (f) => `/api/conversations/${firstId(f)}/messages`, body: { body: 'x'.repeat(10 * 1024 * 1024) }, status: 413, code: 'payload_too_large' },
  ...['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/json-patch+json', 'text/json'].map(
    (type): Case => ({
      name: `Content-Type ${type}`,
      method: 'POST',
      path: (f) => `/api/conversations/${firstId(f)}/messages`,
      headers: { 'content-type': type },
      body: '{"body":"A reply with the wrong type"}',
      status: 415,
      code: 'unsupported_media_type',
    }),
  ),
  { name: 'body without Content-Type', method: 'POST', path: (f) => `/api/conversations/${firstId(f)}/messages`, body: Buffer.from('{"body":"No content type"}'), status: 415, code: 'unsupported_media_type' },
  ...['{"body":', '{"body":"x"}}', "{'body':'single quotes'}", '{"body":"ok",}', 'NaN', '\u0000'].map(
    (json): Case => ({ name: `malformed JSON ${JSON.stringify(json)}`, method: 'POST', path: (f) => `/api/conversations/${firstId(f)}/messages`, headers: { 'content-type': 'application/json' }, body: json, status: 400, code: 'bad_request' }),
  ),
  { name: 'empty JSON body', method: 'POST', path: (f) => `/api/conversations/${firstId(f)}/read`, headers: { 'content-type': 'application/json' }, body: '', status: 400, code: 'bad_request' },
  { name: 'prototype pollution', method: 'POST', path: (f) => `/api/conversations/${firstId(f)}/messages`, headers: { 'content-type': 'application/json' }, body: '{"body":"Hello there","__proto__":{"admin":true}}', status: 400, code: 'bad_request' },
  { name: 'constructor pollution', method: 'PATCH', path: '/api/preferences', headers: { 'content-type': 'application/json' }, body: '{"constructor":{"prototype":{"x":1}}}', status: 400, code: 'bad_request' },
  ...['[]', '"a string"', '42', 'null', 'true'].map(
    (json): Case => ({ name: `JSON ${json} instead of an object`, method: 'POST', path: (f) => `/api/conversations/${firstId(f)}/read`, headers: { 'content-type': 'application/json' }, body: json, status: 400, code: 'bad_request' }),
  ),
  { name: 'deeply nested JSON', method: 'POST', path: (f) => `/api/conversations/${firstId(f)}/read`, headers: { 'content-type': 'application/json' }, body: `${'['.repeat(100_000)}${']'.repeat(100_000)}`, status: 400, code: 'bad_request' },
  { name: 'Content-Length lies', method: 'POST', path: (f) => `/api/conversations/${firstId(f)}/read`, headers: { 'content-type': 'application/json', 'content-length': '2' }, body: '{"a":1}', status: 400, code: 'bad_request' },

  // ---- unknown routes and methods
  { name: 'unknown route', path: '/api/conversations/1/secrets', status: 404, code: 'not_found' },
  { name: 'unknown method', method: 'PUT', path: '/api/conversations/1', body: { subject: 'x' }, status: 404, code: 'not_found' },
  { name: 'path traversal', path: '/api/../../etc/passwd', status: 404, code: 'not_found' },

  // ---- who and from where
  { name: 'no token, mutating', method: 'POST', path: (f) => `/api/conversations/${unreadId(f)}/read`, anonymous: true, status: 401, code: 'unauthorized' },
  { name: 'wrong token, mutating', method: 'POST', path: (f) => `/api/conversations/${unreadId(f)}/read`, anonymous: true, headers: { authorization: 'Bearer nope' }, status: 401, code: 'unauthorized' },
  { name: 'token in the query (not the event stream)', method: 'DELETE', path: (f) => `/api/connections/${f.accountId}?token=${f.token}`, anonymous: true, status: 401, code: 'unauthorized' },
  { name: 'hostile Host, valid token', method: 'POST', path: (f) => `/api/conversations/${unreadId(f)}/read`, headers: { host: 'rebind.evil.example' }, status: 403, code: 'forbidden' },
  { name: 'hostile Origin, valid token', method: 'DELETE', path: (f) => `/api/connections/${f.accountId}`, headers: { origin: 'http://evil.example' }, status: 403, code: 'forbidden' },
  { name: 'cross-site form post', method: 'POST', path: (f) => `/api/conversations/${firstId(f)}/messages`, anonymous: true, headers: { 'content-type': 'text/plain', origin: 'http://evil.example' }, body: '{"body":"csrf attempt"}', status: 403, code: 'forbidden' },
];

let ids: { first: number; unread: number } | null = null;
const firstId = (_f: HttpFixture) => ids!.first;
const unreadId = (_f: HttpFixture) => ids!.unread;

describe('bad input is refused, changes nothing, and the server keeps serving', () => {
  const dir = tempDir();
  let f: HttpFixture;

  beforeAll(async () => {
    f = await httpFixture(dir, { threads: 20 });
    const first = (await f.json<ConversationPage>('GET', '/api/conversations?limit=1')).items[0]!;
    // A conversation with unread messages: marking it read would change a row, so refusals are visible.
    await run(f.store, sql`UPDATE conversations SET unread_count = 2 WHERE id = ${first.id}`);
    ids = { first: first.id, unread: first.id };
  });
  afterAll(() => f?.close());

  const send = (c: Case): Promise<RawResponse> => {
    const headers: Record<string, string> = { host: `127.0.0.1:${f.port}` };
    if (!c.anonymous) headers.authorization = `Bearer ${f.token}`;
    let body: string | Buffer | undefined;
    if (c.body !== undefined && typeof c.body === 'object' && !Buffer.isBuffer(c.body)) {
      body = JSON.stringify(c.body);
      headers['content-type'] = 'application/json';
    } else {
      body = c.body;
    }
    Object.assign(headers, c.headers);
    return rawRequest(f.port, { method: c.method ?? 'GET', path: typeof c.path === 'function' ? c.path(f) : c.path, headers, ...(body !== undefined ? { body } : {}) });
  };

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const before = await snapshotTables(f.store);
    const response = await send(c);
    expect(response.status, response.body.slice(0, 300)).toBe(c.status);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = JSON.parse(response.body) as { error: Record<string, unknown> };
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error.code).toBe(c.code);
    expect(typeof body.error.message).toBe('string');
    expect(Object.keys(body.error).sort()).toEqual(c.field !== undefined ? ['code', 'field', 'message'] : ['code', 'message']);
    if (c.field !== undefined) expect(body.error.field).toBe(c.field);
    expect(await snapshotTables(f.store)).toEqual(before);
    const health = await f.api('/api/health');
    expect(health.status).toBe(200);
  });

  it('valid unicode in queries and paths is plain data', async () => {
    const before = await snapshotTables(f.store);
    for (const q of ['📦 colis', 'مرحبا', 'e\u0301te\u0301', '"unbalanced', 'NEAR(a b)', "'; DROP TABLE messages; --", '*', 'a\u0000b']) {
      const response = await f.api(`/api/conversations?q=${encodeURIComponent(q)}`);
      expect(response.status, q).toBe(200);
    }
    for (const orderId of ['📦', '../../etc', 'a b', "' OR 1=1"]) {
      const response = await f.api(`/api/orders/${encodeURIComponent(orderId)}/conversations`);
      expect(response.status, orderId).toBe(200);
      expect(await response.json()).toEqual({ items: [] });
    }
    // Invalid UTF-8 in the query string: refused or read as replacement characters, never a crash.
    const raw = await rawRequest(f.port, { path: '/api/conversations?q=%ED%A0%80%FF', headers: { host: `127.0.0.1:${f.port}`, authorization: `Bearer ${f.token}` } });
    expect([200, 400, 422]).toContain(raw.status);
    expect(await snapshotTables(f.store)).toEqual(before);
  });

  it('nothing unexpected was logged', () => {
    expect(f.logged).toEqual([]);
  });
});
