/**
 * The fake Mirakl, over real HTTP, honours the seller API contract the client relies on:
 * docs/mirakl/seller-api-subset.openapi.json, this repository's copy of Mirakl's published
 * document (read here to check required fields, types and enumerations of real responses).
 */
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { crc32, gunzipSync } from 'node:zlib';
import MultipartForm from 'form-data';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../src-main/fake-mirakl/demo-data';
import { startFakeMirakl } from '../../src-main/fake-mirakl/server';
import type { FakeMirakl } from '../../src-main/fake-mirakl/server';
import { FakeMiraklStore } from '../../src-main/fake-mirakl/store';
import type { MiraklThread } from '../../src-main/fake-mirakl/store';

const SPEC_PATH = path.resolve(__dirname, '../../docs/mirakl/seller-api-subset.openapi.json');
const DEMO_NOW = new Date('2024-06-01T12:00:00Z');

// ---------------------------------------------------------------------------------------
// A small structural validator for the spec's schemas

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  description?: string;
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
}

const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as { components: { schemas: Record<string, Schema> } };

function resolve(schema: Schema): Schema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = spec.components.schemas[name];
  if (!target) throw new Error(`unknown schema ${schema.$ref}`);
  return target;
}

/** The enumeration the spec documents in a description ("Enum: `"A"`, `"B"`"), if any. */
function documentedEnum(schema: Schema): string[] | undefined {
  const list = schema.description?.match(/Enum:\s*((?:`"[^"`]*"`,?\s*)+)/)?.[1];
  return list ? [...list.matchAll(/`"([^"`]*)"`/g)].map((m) => m[1]!) : undefined;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/** Problems of `value` against `schemaName`: missing required keys, wrong types, bad enums/dates. */
function contractProblems(schemaName: string, value: unknown): string[] {
  const problems: string[] = [];
  const walk = (schemaOrRef: Schema, current: unknown, at: string): void => {
    const schema = resolve(schemaOrRef);
    if (current === null) return; // required-but-null is how Mirakl sends unknown addresses, dates
    const type = schema.type ?? (schema.properties ? 'object' : undefined);
    if (type === 'object' || schema.properties) {
      if (typeof current !== 'object' || Array.isArray(current)) return void problems.push(`${at}: expected an object`);
      const record = current as Record<string, unknown>;
      for (const key of schema.required ?? []) if (!(key in record)) problems.push(`${at}.${key}: required, missing`);
      for (const [key, child] of Object.entries(schema.properties ?? {})) {
        if (key in record) walk(child, record[key], `${at}.${key}`);
      }
    } else if (type === 'array') {
      if (!Array.isArray(current)) return void problems.push(`${at}: expected an array`);
      if (schema.items) current.forEach((item, i) => walk(schema.items!, item, `${at}[${i}]`));
    } else if (type === 'string') {
      if (typeof current !== 'string') return void problems.push(`${at}: expected a string`);
      if (schema.format === 'date-time' && !DATE_TIME.test(current)) problems.push(`${at}: not an ISO-8601 UTC date: ${current}`);
      const allowed = documentedEnum(schema);
      if (allowed && !allowed.includes(current)) problems.push(`${at}: ${current} not in ${allowed.join('|')}`);
    } else if (type === 'integer') {
      if (!Number.isInteger(current)) problems.push(`${at}: expected an integer`);
    } else if (type === 'number') {
      if (typeof current !== 'number') problems.push(`${at}: expected a number`);
    } else if (type === 'boolean') {
      if (typeof current !== 'boolean') problems.push(`${at}: expected a boolean`);
    }
  };
  walk({ $ref: `#/components/schemas/${schemaName}` }, value, schemaName);
  return problems;
}

// ---------------------------------------------------------------------------------------
// HTTP helpers

let fake: FakeMirakl;
let store: FakeMiraklStore;

function get(pathAndQuery: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${fake.url}${pathAndQuery}`, { headers: { Authorization: fake.apiKey, ...headers } });
}

async function getJson<T = Record<string, unknown>>(pathAndQuery: string): Promise<T> {
  const response = await get(pathAndQuery);
  expect(response.status, `${pathAndQuery}: ${response.status}`).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return (await response.json()) as T;
}

interface MultipartBody {
  bytes: Buffer;
  contentType: string;
}

function post(pathAndQuery: string, body: FormData | MultipartBody | string, contentType?: string): Promise<Response> {
  const multipart = typeof body === 'object' && 'bytes' in body ? body : null;
  const type = multipart?.contentType ?? contentType;
  return fetch(`${fake.url}${pathAndQuery}`, {
    method: 'POST',
    headers: { Authorization: fake.apiKey, ...(type ? { 'Content-Type': type } : {}) },
    body: multipart ? new Uint8Array(multipart.bytes) : (body as FormData | string),
  });
}

/**
 * Multipart body as Mirakl documents it (its cURL example, its PHP SDK): the JSON part a
 * plain form field with `Content-Type: application/json` and no filename; files as file parts.
 */
function multipartWith(jsonPartName: string, input: unknown, files: Array<{ name: string; bytes: Uint8Array<ArrayBuffer> }> = []): MultipartBody {
  const form = new MultipartForm();
  form.append(jsonPartName, JSON.stringify(input), { contentType: 'application/json' });
  for (const file of files) form.append('files', Buffer.from(file.bytes), { filename: file.name });
  return { bytes: form.getBuffer(), contentType: String(form.getHeaders()['content-type']) };
}

/** The JSON part sent as a file (a Blob: `filename="blob"`), as browsers and undici send a Blob. */
function jsonPartAsFile(jsonPartName: string, input: unknown): FormData {
  const form = new FormData();
  form.append(jsonPartName, new Blob([JSON.stringify(input)], { type: 'application/json' }));
  return form;
}

interface ThreadsPage {
  data: Array<MiraklThread & { messages?: MiraklThread['messages'] }>;
  next_page_token?: string;
}

async function walkThreads(query: string): Promise<{ threads: ThreadsPage['data']; pages: ThreadsPage[] }> {
  const threads: ThreadsPage['data'] = [];
  const pages: ThreadsPage[] = [];
  let token: string | undefined;
  do {
    const tokenParam = token ? `&page_token=${encodeURIComponent(token)}` : '';
    const page = await getJson<ThreadsPage>(`/api/inbox/threads?${query}${tokenParam}`);
    pages.push(page);
    threads.push(...page.data);
    token = page.next_page_token;
  } while (token); // absent, or "" (both seen on real shops), on the last page
  return { threads, pages };
}

function syncOrder(a: { date_updated: string; id: string }, b: { date_updated: string; id: string }): number {
  const byDate = Date.parse(b.date_updated) - Date.parse(a.date_updated);
  return byDate !== 0 ? byDate : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

function longestThread(): MiraklThread {
  return store.listThreads().reduce((longest, t) => (t.messages.length > longest.messages.length ? t : longest));
}

beforeAll(async () => {
  store = new FakeMiraklStore({ shopId: 2001 });
  generateDemoData(store, { threads: 60, seed: 7, now: DEMO_NOW });
  fake = await startFakeMirakl({ store });
});

afterAll(async () => {
  await fake.close();
});

afterEach(() => {
  fake.faults.reset();
  delete fake.onBeforePage;
});

// ---------------------------------------------------------------------------------------

describe('the spec validator used below', () => {
  it('reports missing required fields, wrong types, unknown enum values and bad dates', async () => {
    const thread = structuredClone(store.listThreads()[0]!) as unknown as Record<string, unknown> & MiraklThread;
    expect(contractProblems('M10_Response_200', thread)).toEqual([]);
    delete (thread.metadata as Partial<MiraklThread['metadata']>).total_count;
    thread.topic.type = 'SOMETHING' as MiraklThread['topic']['type'];
    thread.messages[0]!.date_created = '03/05/2024';
    (thread as Record<string, unknown>)['date_updated'] = 12;
    expect(contractProblems('M10_Response_200', thread)).toEqual([
      'M10_Response_200.date_updated: expected a string',
      'M10_Response_200.messages[0].date_created: not an ISO-8601 UTC date: 03/05/2024',
      'M10_Response_200.metadata.total_count: required, missing',
      'M10_Response_200.topic.type: SOMETHING not in FREE_TEXT|REASON_CODE',
    ]);
  });
});

describe('authentication', () => {
  it('answers 401 JSON without or with a wrong Authorization header', async () => {
    const missing = await fetch(`${fake.url}/api/account`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await missing.json()).toEqual({ message: 'Unauthorized', status: 401 });

    const wrong = await fetch(`${fake.url}/api/inbox/threads`, { headers: { Authorization: 'Bearer demo-key' } });
    expect(wrong.status).toBe(401);
  });

  it('refuses a shop_id that is not the shop, accepts the right one', async () => {
    const other = await get('/api/account?shop_id=9999');
    expect(other.status).toBe(403);
    expect(await other.json()).toMatchObject({ status: 403, message: expect.any(String) });
    expect((await get('/api/account?shop_id=2001')).status).toBe(200);
    expect((await get('/api/account?shop_id=abc')).status).toBe(400);
  });
});

describe('M11 list threads', () => {
  it('walks every thread exactly once with limit 7, newest first, the last page with an empty token', async () => {
    const { threads, pages } = await walkThreads('limit=7');
    const ids = threads.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(store.listThreads().map((t) => t.id)));
    expect(pages.every((p) => p.data.length <= 7)).toBe(true);
    expect(pages.slice(0, -1).every((p) => p.data.length === 7 && typeof p.next_page_token === 'string' && p.next_page_token !== '')).toBe(true);
    // Real shops end a page_token walk with "" where the spec says the field is absent.
    expect(pages[pages.length - 1]!.next_page_token).toBe('');
    expect([...threads].sort(syncOrder).map((t) => t.id)).toEqual(ids);
    expect(threads.every((t) => !('messages' in t))).toBe(true);
  });

  it('defaults to 50 per page', async () => {
    const page = await getJson<ThreadsPage>('/api/inbox/threads');
    expect(page.data).toHaveLength(Math.min(50, store.threads()));
  });

  it('leaves the token out when the first page is the last, as the spec says', async () => {
    const page = await getJson<ThreadsPage>(`/api/inbox/threads?limit=100`);
    expect(page.data.length).toBeLessThan(100);
    expect('next_page_token' in page).toBe(false);
  });

  it('filters with updated_since, inclusively', async () => {
    const ordered = store.listThreads().sort(syncOrder);
    const pivot = ordered[10]!;
    const { threads } = await walkThreads(`limit=100&updated_since=${encodeURIComponent(pivot.date_updated)}`);
    const pivotMs = Date.parse(pivot.date_updated);
    expect(threads.map((t) => t.id)).toContain(pivot.id);
    expect(new Set(threads.map((t) => t.id))).toEqual(
      new Set(ordered.filter((t) => Date.parse(t.date_updated) >= pivotMs).map((t) => t.id)),
    );
  });

  it('with_messages gives the last 100 messages of a long thread, total_count gives them all', async () => {
    const long = longestThread();
    expect(long.messages.length).toBeGreaterThan(100);
    const orderId = long.entities[0]!.id;
    const page = await getJson<ThreadsPage>(`/api/inbox/threads?with_messages=true&entity_type=MMP_ORDER&entity_id=${orderId}`);
    const listed = page.data.find((t) => t.id === long.id)!;
    expect(listed.messages).toHaveLength(100);
    expect(listed.messages!.map((m) => m.id)).toEqual(long.messages.slice(-100).map((m) => m.id));
    expect(listed.metadata.total_count).toBe(long.messages.length);
    expect(listed.no_store_reply_needed).toEqual([]);
  });

  it('filters by entity_type and comma-separated entity_id', async () => {
    const [a, b] = store.listThreads();
    const ids = [a!.entities[0]!.id, b!.entities[0]!.id];
    const { threads } = await walkThreads(`entity_type=MMP_ORDER&entity_id=${ids.join(',')}`);
    expect(threads.length).toBeGreaterThanOrEqual(2);
    expect(threads.every((t) => ids.includes(t.entities[0]!.id))).toBe(true);
  });

  it('rejects invalid parameters with 400', async () => {
    for (const query of ['entity_id=20000001-A', 'limit=0', 'limit=101', 'limit=ten', 'updated_since=yesterday', 'page_token=%%%not-a-token', 'with_messages=yes']) {
      const response = await get(`/api/inbox/threads?${query}`);
      expect(response.status, query).toBe(400);
      expect(await response.json()).toMatchObject({ status: 400 });
    }
  });

  it('serves each page from the data as it is then: a thread updated mid-walk moves ahead of the cursor', async () => {
    const before = store.listThreads().sort(syncOrder);
    const moved = before[before.length - 1]!; // would be on the last page
    const walkStart = store.now();
    fake.onBeforePage = (pageIndex) => {
      if (pageIndex === 1) store.addCustomerMessage(moved.id, 'Any news? I am still waiting.');
    };
    const { threads } = await walkThreads('limit=10');
    expect(threads.map((t) => t.id)).not.toContain(moved.id);
    expect(threads).toHaveLength(before.length - 1);
    delete fake.onBeforePage;
    const since = await walkThreads(`updated_since=${encodeURIComponent(walkStart.toISOString())}`);
    expect(since.threads.map((t) => t.id)).toEqual([moved.id]);
  });

  it('matches the spec (required fields, types, enums, dates)', async () => {
    const page = await getJson('/api/inbox/threads?with_messages=true&limit=100');
    expect(contractProblems('M11_Response_200', page)).toEqual([]);
  });
});

describe('M10 get thread', () => {
  it('returns all messages of a long thread, matching the spec', async () => {
    const long = longestThread();
    const thread = await getJson<MiraklThread>(`/api/inbox/threads/${long.id}`);
    expect(thread.messages).toHaveLength(long.messages.length);
    expect(thread.metadata.total_count).toBe(long.messages.length);
    expect(contractProblems('M10_Response_200', thread)).toEqual([]);
  });

  it('answers 404 JSON for an unknown thread', async () => {
    const response = await get('/api/inbox/threads/00000000-0000-4000-8000-000000000000');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ status: 404 });
  });
});

describe('M12 reply', () => {
  it('appends a shop message with attachments (201) and M11 shows the change', async () => {
    const thread = store.listThreads().find((t) => t.metadata.shop_reply_needed_since !== null)!;
    const customer = thread.authorized_participants.find((p) => p.type === 'CUSTOMER')!;
    const previousUpdate = thread.date_updated;
    const previousCount = thread.messages.length;
    const bytes = new TextEncoder().encode('%PDF-1.4 étiquette');
    const response = await post(
      `/api/inbox/threads/${thread.id}/message`,
      multipartWith('message_input', { body: 'Bonjour, voici votre étiquette de retour.', to: [{ type: 'CUSTOMER', id: customer.id }] }, [
        { name: 'étiquette retour.pdf', bytes },
      ]),
    );
    expect(response.status).toBe(201);
    const created = (await response.json()) as { message_id: string; thread_id: string };
    expect(created.thread_id).toBe(thread.id);

    const page = await getJson<ThreadsPage>(`/api/inbox/threads?with_messages=true&updated_since=${encodeURIComponent(previousUpdate)}`);
    const listed = page.data[0]!;
    expect(listed.id).toBe(thread.id);
    expect(Date.parse(listed.date_updated)).toBeGreaterThan(Date.parse(previousUpdate));
    expect(listed.metadata).toMatchObject({ shop_reply_needed_since: null, total_count: previousCount + 1 });
    expect(listed.metadata.last_sender.type).toBe('SHOP_USER');
    const message = listed.messages!.at(-1)!;
    expect(message).toMatchObject({ id: created.message_id, from: { type: 'SHOP_USER', display_name: store.shop.shop_name } });
    expect(message.to).toEqual([customer]);
    expect(message.attachments).toEqual([{ id: expect.any(String), name: 'étiquette retour.pdf', size: bytes.length }]);

    const download = await get(`/api/inbox/threads/${message.attachments![0]!.id}/download`);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(Buffer.from(bytes));
  });

  it('accepts message_input as a plain form field without a Content-Type too (cURL -F without ;type=)', async () => {
    const thread = store.listThreads()[3]!;
    const form = new FormData();
    form.append('message_input', JSON.stringify({ body: 'Merci, bonne journée.', to: [{ type: 'CUSTOMER' }] }));
    expect((await post(`/api/inbox/threads/${thread.id}/message`, form)).status).toBe(201);
  });

  it('refuses message_input sent as a file part (filename="blob"), adding nothing', async () => {
    const thread = store.listThreads()[5]!;
    const before = thread.messages.length;
    const response = await post(`/api/inbox/threads/${thread.id}/message`, jsonPartAsFile('message_input', { body: 'Merci, bonne journée.', to: [{ type: 'CUSTOMER' }] }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ status: 400, message: expect.stringContaining("'message_input' must be a form field") });
    expect(store.getThread(thread.id)!.messages).toHaveLength(before);
  });

  it('validates the input', async () => {
    const thread = store.listThreads()[4]!;
    const url = `/api/inbox/threads/${thread.id}/message`;
    const cases: Array<[string, () => Promise<Response>, number]> = [
      ['body too short', () => post(url, multipartWith('message_input', { body: 'ok', to: [{ type: 'CUSTOMER' }] })), 400],
      ['body too long', () => post(url, multipartWith('message_input', { body: 'x'.repeat(50_001), to: [{ type: 'CUSTOMER' }] })), 400],
      ['no to', () => post(url, multipartWith('message_input', { body: 'Hello there' })), 400],
      ['empty to', () => post(url, multipartWith('message_input', { body: 'Hello there', to: [] })), 400],
      ['no message_input', () => post(url, new FormData()), 400],
      ['not JSON', () => post(url, (() => { const f = new FormData(); f.append('message_input', '{nope'); return f; })()), 400],
      ['JSON body instead of multipart', () => post(url, JSON.stringify({ body: 'Hello there', to: [{ type: 'CUSTOMER' }] }), 'application/json'), 415],
      ['unknown thread', () => post('/api/inbox/threads/nope/message', multipartWith('message_input', { body: 'Hello', to: [{ type: 'CUSTOMER' }] })), 404],
    ];
    for (const [name, send, status] of cases) {
      const response = await send();
      expect(response.status, name).toBe(status);
      expect(await response.json(), name).toMatchObject({ status });
    }
    expect(store.getThread(thread.id)!.messages).toHaveLength(thread.messages.length);
  });

  it('refuses a reply on a thread that already holds 1000 messages', async () => {
    const full = store.addThread({ body: 'Première question' });
    for (let i = 1; i < 1000; i++) store.addCustomerMessage(full.id, `Message ${i}`);
    const response = await post(`/api/inbox/threads/${full.id}/message`, multipartWith('message_input', { body: 'One more', to: [{ type: 'CUSTOMER' }] }));
    expect(response.status).toBe(400);
    expect(store.getThread(full.id)!.messages).toHaveLength(1000);
  });
});

describe('OR43 create a thread on an order', () => {
  it('creates a thread (201) that M10 returns', async () => {
    const order = [...store.orders.values()][0]!;
    const response = await post(
      `/api/orders/${order.order_id}/threads`,
      multipartWith('thread_input', { body: 'Votre commande partira demain.', to: ['CUSTOMER'], topic: { type: 'FREE_TEXT', value: "Retard d'expédition" } }),
    );
    expect(response.status).toBe(201);
    const created = (await response.json()) as { message_id: string; thread_id: string };
    const thread = await getJson<MiraklThread>(`/api/inbox/threads/${created.thread_id}`);
    expect(thread.topic).toEqual({ type: 'FREE_TEXT', value: "Retard d'expédition" });
    expect(thread.entities).toEqual([{ type: 'MMP_ORDER', id: order.order_id, label: expect.any(String) }]);
    expect(thread.messages).toHaveLength(1);
    expect(thread.messages[0]).toMatchObject({ id: created.message_id, from: { type: 'SHOP_USER' } });
    expect(thread.messages[0]!.to.map((p) => p.type)).toEqual(['CUSTOMER']);
    expect(thread.metadata.shop_reply_needed_since).toBeNull();
    expect(contractProblems('M10_Response_200', thread)).toEqual([]);
  });

  it('refuses thread_input sent as a file part', async () => {
    const order = [...store.orders.values()][2]!;
    const threadsBefore = store.threads();
    const input = { body: 'Votre commande partira demain.', to: ['CUSTOMER'], topic: { type: 'FREE_TEXT', value: 'Info' } };
    expect((await post(`/api/orders/${order.order_id}/threads`, jsonPartAsFile('thread_input', input))).status).toBe(400);
    expect(store.threads()).toBe(threadsBefore);
  });

  it('answers 404 for an unknown order and 400 without a topic', async () => {
    const input = { body: 'Bonjour', to: ['CUSTOMER'], topic: { type: 'FREE_TEXT', value: 'Info' } };
    expect((await post('/api/orders/NOPE-A/threads', multipartWith('thread_input', input))).status).toBe(404);
    const order = [...store.orders.values()][1]!;
    const { topic: _topic, ...withoutTopic } = input;
    expect((await post(`/api/orders/${order.order_id}/threads`, multipartWith('thread_input', withoutTopic))).status).toBe(400);
  });
});

describe('files on M12 and OR43', () => {
  const orderOf = (thread: MiraklThread) => thread.entities.find((e) => e.type === 'MMP_ORDER')!.id;

  it('keeps every file of a new thread as an attachment of its first message, downloadable', async () => {
    const order = [...store.orders.values()][2]!;
    const files = [
      { name: 'photo 1.jpg', bytes: new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3]) },
      { name: 'bon de retour.pdf', bytes: new TextEncoder().encode('%PDF-1.4 retour') },
    ];
    const response = await post(
      `/api/orders/${order.order_id}/threads`,
      multipartWith('thread_input', { body: 'Voici le bon de retour.', to: ['CUSTOMER'], topic: { type: 'FREE_TEXT', value: 'Retour' } }, files),
    );
    expect(response.status).toBe(201);
    const { thread_id: threadId } = (await response.json()) as { thread_id: string };
    const thread = await getJson<MiraklThread>(`/api/inbox/threads/${threadId}`);
    expect(thread.messages[0]!.attachments!.map((a) => [a.name, a.size])).toEqual(files.map((f) => [f.name, f.bytes.length]));
    for (const [i, attachment] of thread.messages[0]!.attachments!.entries()) {
      const download = await get(`/api/inbox/threads/${attachment.id}/download`);
      expect(Buffer.from(await download.arrayBuffer()).equals(Buffer.from(files[i]!.bytes))).toBe(true);
    }
  });

  it('refuses a message whose files weigh more than 30 MB with its body, and keeps nothing', async () => {
    const thread = store.listThreads()[6]!;
    const before = thread.messages.length;
    const big = new Uint8Array(30 * 1024 * 1024 - 10);
    const response = await post(
      `/api/inbox/threads/${thread.id}/message`,
      multipartWith('message_input', { body: 'Voici les photos demandées.', to: [{ type: 'CUSTOMER' }] }, [{ name: 'big.bin', bytes: big }]),
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(/30 MB/);
    expect(store.getThread(thread.id)!.messages).toHaveLength(before);
  });

  it("refuses files beyond 50 across an order's threads, on M12 and OR43", async () => {
    const thread = store.addThread({ body: 'Bonjour, voici mes photos.' });
    const orderId = orderOf(thread);
    for (let i = 0; i < 48; i++) store.addCustomerMessage(thread.id, `Photo ${i}`, { attachments: [{ name: `p${i}.jpg`, size: 10 }] });
    const three = [1, 2, 3].map((i) => ({ name: `f${i}.txt`, bytes: new Uint8Array([i]) }));
    const reply = (files: typeof three) =>
      post(`/api/inbox/threads/${thread.id}/message`, multipartWith('message_input', { body: 'Bien reçu, merci.', to: [{ type: 'CUSTOMER' }] }, files));
    const refused = await reply(three);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string }).message).toMatch(/50 attachments/);
    const newThread = await post(
      `/api/orders/${orderId}/threads`,
      multipartWith('thread_input', { body: 'Encore une photo.', to: ['CUSTOMER'], topic: { type: 'FREE_TEXT', value: 'Photos' } }, three),
    );
    expect(newThread.status).toBe(400);
    expect((await reply(three.slice(0, 2))).status).toBe(201);
    expect(store.attachmentsOfOrder(orderId)).toBe(50);
  });
});

describe('OR72 and OR73 order documents', () => {
  const withDocuments = () => [...store.orders.values()].filter((o) => store.orderDocuments(new Set([o.order_id])).length > 0);

  it('lists the documents of some orders (invoices, delivery bills), matching the spec', async () => {
    const orders = withDocuments();
    expect(orders.length).toBeGreaterThan(3);
    expect(orders.length).toBeLessThan(store.orders.size); // some orders, not all
    const ids = orders.slice(0, 3).map((o) => o.order_id);
    const body = await getJson<{ order_documents: Array<{ id: number; order_id: string; type: string; file_name: string; file_size: number }> }>(
      `/api/orders/documents?order_ids=${ids.join(',')},UNKNOWN-A`,
    );
    expect(contractProblems('OR72_Response_200', body)).toEqual([]);
    expect(new Set(body.order_documents.map((d) => d.order_id))).toEqual(new Set(ids));
    expect(body.order_documents.some((d) => d.type === 'CUSTOMER_INVOICE' && d.file_name.endsWith('.pdf'))).toBe(true);
    expect((await get('/api/orders/documents')).status).toBe(400);
  });

  it('downloads one document as a valid PDF of its listed size', async () => {
    const order = withDocuments()[0]!;
    const listed = await getJson<{ order_documents: Array<{ id: number; file_name: string; file_size: number }> }>(`/api/orders/documents?order_ids=${order.order_id}`);
    const document = listed.order_documents[0]!;
    const response = await get(`/api/orders/documents/download?document_ids=${document.id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain(`filename="${document.file_name}"`);
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.length).toBe(document.file_size);
    expectValidPdf(pdf);
    expect(pdf.toString('latin1')).toContain(order.order_id);
    expect((await get('/api/orders/documents/download?document_ids=999999')).status).toBe(404);
  });

  it('wraps several documents, or an order\'s, in a ZIP of order_id/file_name entries', async () => {
    const [a, b] = withDocuments();
    const docsOf = (orderId: string) => store.orderDocuments(new Set([orderId]));
    const ids = [docsOf(a!.order_id)[0]!.id, docsOf(b!.order_id)[0]!.id];
    const zip = Buffer.from(await (await get(`/api/orders/documents/download?document_ids=${ids.join(',')}`)).arrayBuffer());
    const entries = readStoredZip(zip);
    expect(entries.map((e) => e.name)).toEqual(ids.map((id) => `${store.orderDocument(id)!.document.order_id}/${store.orderDocument(id)!.document.file_name}`));
    for (const [i, entry] of entries.entries()) expect(entry.bytes.equals(store.orderDocument(ids[i]!)!.bytes)).toBe(true);
    const ofOrder = readStoredZip(Buffer.from(await (await get(`/api/orders/documents/download?order_ids=${a!.order_id}&document_codes=CUSTOMER_INVOICE`)).arrayBuffer()));
    expect(ofOrder.map((e) => e.name)).toEqual(docsOf(a!.order_id).filter((d) => d.type === 'CUSTOMER_INVOICE').map((d) => `${a!.order_id}/${d.file_name}`));
  });
});

/** A PDF a viewer opens: header, trailer, and every cross-reference offset pointing at its object. */
function expectValidPdf(pdf: Buffer): void {
  const text = pdf.toString('latin1');
  expect(text.startsWith('%PDF-1.')).toBe(true);
  expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
  const xrefAt = Number(/startxref\n(\d+)\n%%EOF/.exec(text)?.[1]);
  expect(text.slice(xrefAt, xrefAt + 4)).toBe('xref');
  const table = text.slice(xrefAt).split('\n');
  const count = Number(table[1]!.split(' ')[1]);
  for (let n = 1; n < count; n++) {
    const offset = Number(table[2 + n]!.slice(0, 10));
    expect(text.slice(offset, offset + `${n} 0 obj`.length)).toBe(`${n} 0 obj`);
  }
  const length = Number(/\/Length (\d+) >>\nstream\n/.exec(text)?.[1]);
  const streamAt = text.indexOf('stream\n') + 'stream\n'.length;
  expect(text.slice(streamAt + length, streamAt + length + '\nendstream'.length)).toBe('\nendstream');
}

/** Entries of a ZIP whose entries are stored, checked against their CRC-32 and the central directory. */
function readStoredZip(zip: Buffer): Array<{ name: string; bytes: Buffer }> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let central = zip.readUInt32LE(end + 16);
  const entries: Array<{ name: string; bytes: Buffer }> = [];
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(central)).toBe(0x02014b50);
    const size = zip.readUInt32LE(central + 24);
    const nameLength = zip.readUInt16LE(central + 28);
    const local = zip.readUInt32LE(central + 42);
    expect(zip.readUInt32LE(local)).toBe(0x04034b50);
    const name = zip.toString('utf8', local + 30, local + 30 + nameLength);
    const bytes = zip.subarray(local + 30 + nameLength, local + 30 + nameLength + size);
    expect(crc32(bytes)).toBe(zip.readUInt32LE(central + 16));
    entries.push({ name, bytes });
    central += 46 + nameLength;
  }
  return entries;
}

describe('M13 download an attachment', () => {
  it('serves bytes of the declared size as an octet-stream attachment', async () => {
    const attachment = store
      .listThreads()
      .flatMap((t) => t.messages.flatMap((m) => m.attachments ?? []))
      .find((a) => a.name === 'photo-colis.jpg')!;
    expect(attachment).toBeDefined();
    const response = await get(`/api/inbox/threads/${attachment.id}/download`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(response.headers.get('content-disposition')).toContain('filename="photo-colis.jpg"');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.length).toBe(attachment.size);
    expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]); // a JPEG signature
    const again = Buffer.from(await (await get(`/api/inbox/threads/${attachment.id}/download`)).arrayBuffer());
    expect(again.equals(bytes)).toBe(true);
  });

  it('answers 404 for an unknown attachment', async () => {
    expect((await get('/api/inbox/threads/unknown-attachment/download')).status).toBe(404);
  });
});

describe('OR11 orders and A01 account', () => {
  it('returns the requested orders, matching the spec', async () => {
    const wanted = [...store.orders.keys()].slice(0, 3);
    const body = await getJson<{ orders: Array<{ order_id: string }>; total_count: number }>(`/api/orders?order_ids=${wanted.join(',')},UNKNOWN-A`);
    expect(body.orders.map((o) => o.order_id).sort()).toEqual([...wanted].sort());
    expect(body.total_count).toBe(3);
    expect(contractProblems('OR11_Response_200', body)).toEqual([]);
    const first = store.getOrder(wanted[0]!)!;
    expect(first.customer_notification_email).toMatch(/@/);
    expect(first.customer.customer_id).toBeTruthy();
  });

  it('pages orders without ids and refuses more than 100 ids', async () => {
    const page = await getJson<{ orders: unknown[]; total_count: number }>('/api/orders?max=5&offset=2');
    expect(page.orders).toHaveLength(5);
    expect(page.total_count).toBe(store.orders.size);
    const ids = Array.from({ length: 101 }, (_, i) => `${20_000_001 + i}-A`);
    expect((await get(`/api/orders?order_ids=${ids.join(',')}`)).status).toBe(400);
  });

  it('A01 gives the shop, matching the spec', async () => {
    const shop = await getJson<{ shop_id: number; shop_name: string }>('/api/account');
    expect(shop).toMatchObject({ shop_id: 2001, shop_name: store.shop.shop_name });
    expect(contractProblems('A01_Response_200', shop)).toEqual([]);
  });
});

describe('RE02 and RE14 reasons', () => {
  it('RE02 gives the MESSAGING reasons (the codes threads carry), matching the spec', async () => {
    const body = await getJson<{ reasons: Array<{ code: string; label: string }>; total_count: number }>('/api/reasons/MESSAGING');
    expect(body.reasons).toContainEqual({ code: '20', label: 'Question about delivery' });
    expect(body.total_count).toBe(body.reasons.length);
    expect(contractProblems('RE02_Response_200', body)).toEqual([]);
  });

  it('RE14, its deprecated form, gives the same list, matching the spec', async () => {
    const re02 = await getJson('/api/reasons/MESSAGING');
    const re14 = await getJson('/api/reasons/messaging');
    expect(re14).toEqual(re02);
    expect(contractProblems('RE14_Response_200', re14)).toEqual([]);
  });

  it('RE02 answers other types empty and refuses an unknown type', async () => {
    expect(await getJson('/api/reasons/REFUND')).toEqual({ reasons: [], total_count: 0 });
    expect((await get('/api/reasons/NOPE')).status).toBe(400);
  });
});

describe('transport', () => {
  it('gzips JSON when asked', async () => {
    const { status, headers, body } = await new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((done, fail) => {
      const request = httpRequest(`${fake.url}/api/inbox/threads?with_messages=true`, {
        headers: { Authorization: fake.apiKey, 'Accept-Encoding': 'gzip' },
      });
      request.on('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      });
      request.on('error', fail);
      request.end();
    });
    expect(status).toBe(200);
    expect(headers['content-encoding']).toBe('gzip');
    expect(headers['content-type']).toMatch(/^application\/json/);
    const parsed = JSON.parse(gunzipSync(body).toString('utf8')) as ThreadsPage;
    expect(parsed.data.length).toBeGreaterThan(0);
  });

  it('records every call', async () => {
    const before = fake.calls.length;
    await get('/api/orders?order_ids=20000001-A');
    await fetch(`${fake.url}/api/account`);
    const recorded = fake.calls.slice(before);
    expect(recorded).toMatchObject([
      { method: 'GET', path: '/api/orders', query: { order_ids: '20000001-A' }, status: 200 },
      { method: 'GET', path: '/api/account', status: 401 },
    ]);
    expect(typeof recorded[0]!.time).toBe('number');
  });
});

describe('faults', () => {
  it('rate limits the next N requests with 429 and Retry-After', async () => {
    fake.faults.rateLimit = { next: 2, retryAfterSeconds: 3 };
    for (let i = 0; i < 2; i++) {
      const response = await get('/api/account');
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('3');
      expect(await response.json()).toMatchObject({ status: 429 });
    }
    expect((await get('/api/account')).status).toBe(200);
  });

  it('rate limits every Nth request', async () => {
    fake.faults.rateLimit = { every: 3, retryAfterSeconds: 1 };
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await get('/api/account')).status);
    expect(statuses).toEqual([200, 200, 429, 200, 200, 429]);
  });

  it('answers server errors', async () => {
    fake.faults.serverError = { next: 1, status: 503 };
    const response = await get('/api/account');
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 503 });
    fake.faults.serverError = { next: 1 };
    expect((await get('/api/account')).status).toBe(500);
    expect((await get('/api/account')).status).toBe(200);
  });

  it('truncates the next JSON body: status 200, Content-Length of the cut body, invalid JSON', async () => {
    fake.faults.truncateNext = 1;
    const response = await get('/api/inbox/threads?limit=3', { 'Accept-Encoding': 'identity' });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(text));
    expect(() => JSON.parse(text)).toThrow();
    await expect(get('/api/inbox/threads?limit=3').then((r) => r.json())).resolves.toHaveProperty('data');
  });

  it('adds unknown fields and unknown enum values without touching the store', async () => {
    fake.faults.unknownFields = true;
    const page = await getJson<ThreadsPage & Record<string, unknown>>('/api/inbox/threads?with_messages=true&limit=2');
    const thread = page.data[0]! as unknown as Record<string, unknown> & ThreadsPage['data'][number];
    expect(page).toHaveProperty('x_added_field');
    expect(thread).toHaveProperty('x_added_object');
    expect(thread.topic.type).toBe('NEW_TOPIC_TYPE');
    expect(thread.authorized_participants.map((p) => p.type)).toContain('BOT');
    expect(thread.messages![0]!.from.type).toBe('SYSTEM_USER');
    expect(store.getThread(thread.id)!.topic.type).not.toBe('NEW_TOPIC_TYPE');
    const order = await getJson<{ orders: Array<Record<string, unknown>> }>('/api/orders?order_ids=20000001-A');
    expect(order.orders[0]).toHaveProperty('x_added_field');
  });

  it('delays answers', async () => {
    fake.faults.delayMs = 250;
    const started = Date.now();
    expect((await get('/api/account')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });

  it('resets connections without answering', async () => {
    fake.faults.resetNext = 1;
    await expect(get('/api/account')).rejects.toThrow();
    expect(fake.calls.at(-1)!.status).toBe(0);
    expect((await get('/api/account')).status).toBe(200);
  });

  it('limits faults to matching paths', async () => {
    fake.faults.paths = /^\/api\/orders/;
    fake.faults.serverError = { every: 1 };
    expect((await get('/api/account')).status).toBe(200);
    expect((await get('/api/orders?order_ids=20000001-A')).status).toBe(500);
  });
});

describe('store', () => {
  it('gives every live change a date_updated strictly increasing by at least 1 ms', () => {
    const local = new FakeMiraklStore();
    local.setNow(new Date('2024-05-03T10:15:00Z'));
    const thread = local.addThread({ body: 'Where is my parcel?' });
    const dates = [thread.date_updated];
    for (let i = 0; i < 5; i++) {
      local.addCustomerMessage(thread.id, `again ${i}`);
      dates.push(local.getThread(thread.id)!.date_updated);
    }
    local.addShopMessage(thread.id, 'On its way');
    dates.push(local.getThread(thread.id)!.date_updated);
    const ms = dates.map((d) => Date.parse(d));
    for (let i = 1; i < ms.length; i++) expect(ms[i]! - ms[i - 1]!).toBeGreaterThanOrEqual(1);
    expect(dates[0]).toBe('2024-05-03T10:15:00Z');
    expect(dates[1]).toBe('2024-05-03T10:15:00.001Z');

    local.advanceClock(60_000);
    local.addCustomerMessage(thread.id, 'later');
    expect(local.getThread(thread.id)!.date_updated).toBe('2024-05-03T10:16:00Z');
  });

  it('tracks shop_reply_needed_since from the first unanswered customer message', () => {
    const local = new FakeMiraklStore();
    local.setNow(new Date('2024-05-03T10:00:00Z'));
    const thread = local.addThread({ body: 'Question one' });
    expect(thread.metadata.shop_reply_needed_since).toBe('2024-05-03T10:00:00Z');
    local.advanceClock(1000);
    local.addCustomerMessage(thread.id, 'Question two');
    expect(local.getThread(thread.id)!.metadata.shop_reply_needed_since).toBe('2024-05-03T10:00:00Z');
    local.addShopMessage(thread.id, 'Answer');
    expect(local.getThread(thread.id)!.metadata).toMatchObject({ shop_reply_needed_since: null, total_count: 3 });
    local.advanceClock(1000);
    local.addCustomerMessage(thread.id, 'Follow-up');
    expect(local.getThread(thread.id)!.metadata.shop_reply_needed_since).toBe('2024-05-03T10:00:02Z');
    expect(local.getOrder(thread.entities[0]!.id)!.has_customer_message).toBe(true);
  });
});

describe('demo data', () => {
  it('is deterministic for a seed', () => {
    const make = (seed: number): string => {
      const local = new FakeMiraklStore();
      generateDemoData(local, { threads: 40, seed, now: DEMO_NOW });
      return JSON.stringify({ threads: local.listThreads(), orders: [...local.orders.values()] });
    };
    expect(make(11)).toBe(make(11));
    expect(make(11)).not.toBe(make(12));
  });

  it('is realistic: long threads, HTML bodies, attachments, operators, both reply states, unicode names', () => {
    const local = new FakeMiraklStore();
    const summary = generateDemoData(local, { threads: 60, seed: 7, now: DEMO_NOW });
    const threads = local.listThreads();
    expect(summary.longThreadIds).toHaveLength(2);
    const messages = threads.flatMap((t) => t.messages);
    expect(threads.some((t) => t.messages.length === 130)).toBe(true);
    expect(threads.some((t) => t.messages.length === 250)).toBe(true);
    expect(messages.some((m) => /<(div|p)[\s>]/.test(m.body ?? ''))).toBe(true);
    expect(messages.some((m) => (m.attachments?.length ?? 0) > 0)).toBe(true);
    expect(messages.some((m) => m.from.type === 'OPERATOR_USER') || threads.some((t) => t.authorized_participants.some((p) => p.type === 'OPERATOR'))).toBe(true);
    expect(threads.some((t) => t.metadata.shop_reply_needed_since === null)).toBe(true);
    expect(threads.some((t) => t.metadata.shop_reply_needed_since !== null)).toBe(true);
    expect(threads.some((t) => /[^\x00-\x7f]/.test(t.authorized_participants.find((p) => p.type === 'CUSTOMER')?.display_name ?? ''))).toBe(true);
    const oldest = Math.min(...threads.map((t) => Date.parse(t.date_created)));
    expect(DEMO_NOW.getTime() - oldest).toBeLessThanOrEqual(61 * 86_400_000);
    for (const thread of threads) {
      expect(thread.metadata.total_count).toBe(thread.messages.length);
      expect(Date.parse(thread.date_updated)).toBeGreaterThanOrEqual(Date.parse(thread.metadata.last_message_date));
    }
  });

  it('sends what real shops send: numeric reason codes RE02 knows, and every optional shape the spec allows', () => {
    const local = new FakeMiraklStore();
    generateDemoData(local, { threads: 200, seed: 5, now: DEMO_NOW });
    const threads = local.listThreads();
    const messages = threads.flatMap((t) => t.messages);
    const reasonTopics = threads.filter((t) => t.topic.type === 'REASON_CODE');
    expect(reasonTopics.length).toBeGreaterThan(10);
    const known = new Set(local.messagingReasons.map((r) => r.code));
    for (const t of reasonTopics) {
      expect(t.topic.value).toMatch(/^\d+$/);
      expect(known.has(t.topic.value), t.topic.value).toBe(true);
    }
    expect(messages.some((m) => m.body === null && (m.attachments?.length ?? 0) > 0)).toBe(true);
    expect(messages.some((m) => !('attachments' in m))).toBe(true);
    expect(threads.some((t) => t.entities.some((e) => e.label === null))).toBe(true);
    expect([...local.orders.values()].some((o) => o.customer_notification_email === '')).toBe(true);
    const nameless = threads.filter((t) => t.authorized_participants.some((p) => p.type === 'CUSTOMER' && p.display_name === ''));
    expect(nameless.length).toBeGreaterThan(0);
    // The order names the customer the thread leaves unnamed.
    for (const t of nameless) expect(local.getOrder(t.entities[0]!.id)!.customer.lastname).not.toBe('');
  });

  it('attaches the file a message says is attached', () => {
    const local = new FakeMiraklStore();
    generateDemoData(local, { threads: 400, seed: 9, now: DEMO_NOW });
    // "attached", "ci-joint", "pièce jointe", "je vous joins", "adjunto", "os mando foto", "anbei", "siehe Foto", "allego", "in allegato", "see picture"…
    const saysAttached = /\battach|ci-joint|pi[eè]ce jointe|je vous joins|adjunt|os mando foto|\banbei\b|siehe foto|\ballego\b|allegat|vedi foto|see picture/i;
    const saying = local.listThreads().flatMap((t) => t.messages).filter((m) => m.body !== null && saysAttached.test(m.body));
    expect(saying.length).toBeGreaterThan(20);
    const without = saying.filter((m) => (m.attachments?.length ?? 0) === 0).map((m) => m.body!.slice(0, 80));
    expect(without).toEqual([]);
  });

  it('generates a large inbox (20,000 threads) quickly', () => {
    const started = Date.now();
    const local = new FakeMiraklStore();
    const summary = generateDemoData(local, { threads: 20_000, seed: 3, now: DEMO_NOW });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(15_000);
    expect(local.threads()).toBe(20_000);
    expect(summary.messages).toBeGreaterThan(150_000);
    expect(summary.messages).toBeLessThan(260_000);
    expect(summary.longThreadIds.length).toBeGreaterThan(2);
  });
});
