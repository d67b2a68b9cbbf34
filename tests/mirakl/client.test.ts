import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MiraklClient } from '../../src-main/mirakl/client';
import { MiraklError } from '../../src-main/mirakl/errors';
import { FakeMiraklStore } from '../../src-main/fake-mirakl/store';
import { generateDemoData } from '../../src-main/fake-mirakl/demo-data';
import { startFakeMirakl, type FakeMirakl } from '../../src-main/fake-mirakl/server';

describe('Mirakl client against the fake Mirakl over HTTP', () => {
  let fake: FakeMirakl;
  let client: MiraklClient;
  beforeAll(async () => {
    const store = new FakeMiraklStore();
    generateDemoData(store, { threads: 30, seed: 3 });
    fake = await startFakeMirakl({ store, apiKey: 'secret' });
    client = new MiraklClient({ baseUrl: fake.url, apiKey: 'secret' }, { timeoutMs: 500, baseDelayMs: 10, retries: 3 });
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.faults.reset();
    fake.calls.length = 0;
  });

  it('sends the raw key in Authorization, asks for gzip, and walks M11 pages', async () => {
    const page = await client.listThreads({ limit: 7 });
    expect(page.data).toHaveLength(7);
    expect(page.next_page_token).toBeTruthy();
    const next = await client.listThreads({ limit: 7, pageToken: page.next_page_token });
    expect(next.data[0]!.id).not.toBe(page.data[0]!.id);
  });

  it('fails at once on a 4xx other than 429, with a clear reason', async () => {
    const bad = new MiraklClient({ baseUrl: fake.url, apiKey: 'wrong' }, { baseDelayMs: 10 });
    const error = await bad.getAccount().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MiraklError);
    expect((error as MiraklError).status).toBe(401);
    expect((error as MiraklError).message).toMatch(/401.*check the API key/);
    // The sidebar's words: what to do, then Mirakl's own, no operation code nor bare status.
    expect((error as MiraklError).userMessage).toMatch(/^Mirakl refused the API key: check it in Settings\. Mirakl said: “.+”$/);
    expect((error as MiraklError).userMessage).not.toMatch(/A01|401/);
    expect(fake.calls.filter((c) => c.path === '/api/account')).toHaveLength(1);
  });

  it('says each failure in plain words for the sidebar', () => {
    const said = (status: number, detail?: string) => new MiraklError('M11: Mirakl answered', 'http', 'M11', status, detail).userMessage;
    expect(said(403)).toBe("Mirakl refused access: check the shop id and the API key's rights in Settings.");
    expect(said(404, 'Not Found')).toBe('Mirakl has no such address: check the Mirakl URL in Settings. Mirakl said: “Not Found”');
    expect(said(503)).toBe('Mirakl had an internal error (503): the next sync tries again.');
    expect(said(400, 'Bad date')).toBe('Mirakl refused the request (error 400). Mirakl said: “Bad date”');
    expect(new MiraklError('M11: cannot reach Mirakl', 'network', 'M11').userMessage).toBe('Mirakl cannot be reached: the next sync tries again.');
  });

  it('honours Retry-After on 429', async () => {
    fake.faults.rateLimit = { next: 1, retryAfterSeconds: 1 };
    const started = Date.now();
    const account = await client.getAccount();
    expect(account.shop_name).toBeTruthy();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(fake.calls.map((c) => c.status)).toEqual([429, 200]);
  });

  it('backs off on 5xx and resets, bounded', async () => {
    fake.faults.serverError = { next: 2, status: 502 };
    await expect(client.getAccount()).resolves.toBeTruthy();
    fake.faults.resetNext = 1;
    await expect(client.getAccount()).resolves.toBeTruthy();
    fake.faults.serverError = { next: 10, status: 500 };
    const error = (await client.getAccount().catch((e: unknown) => e)) as MiraklError;
    expect(error.status).toBe(500);
    expect(error.transient).toBe(true);
    expect(fake.calls.filter((c) => c.status === 500)).toHaveLength(4); // first try + 3 retries
  });

  it('times out a slow answer and retries it', async () => {
    fake.faults.delayMs = 800;
    const error = (await client.getAccount().catch((e: unknown) => e)) as MiraklError;
    expect(error.kind).toBe('timeout');
    fake.faults.delayMs = 0;
  });

  it('never half-applies a truncated body: it is retried, and an error if it persists', async () => {
    fake.faults.truncateNext = 1;
    const page = await client.listThreads({ limit: 5 });
    expect(page.data).toHaveLength(5);
    fake.faults.truncateNext = 10;
    const error = (await client.listThreads({ limit: 5 }).catch((e: unknown) => e)) as MiraklError;
    expect(error.kind).toBe('malformed');
  });

  it('ignores unknown fields and keeps unknown enum values', async () => {
    fake.faults.unknownFields = true;
    const page = await client.listThreads({ limit: 10 });
    const thread = page.data[0]!;
    expect(Object.keys(thread)).not.toContain('unexpected_field');
    const types = new Set(page.data.flatMap((t) => [t.topic.type, ...t.authorized_participants.map((p) => p.type), ...(t.messages ?? []).map((m) => m.from.type)]));
    expect([...types].some((t) => !['FREE_TEXT', 'REASON_CODE', 'SHOP', 'CUSTOMER', 'OPERATOR', 'CUSTOMER_USER', 'SHOP_USER', 'OPERATOR_USER'].includes(t))).toBe(true);
  });

  it('reads M10, OR11 in batches of 100, and M13 bytes', async () => {
    const [thread] = (await client.listThreads({ limit: 1 })).data;
    const full = await client.getThread(thread!.id);
    expect(full.messages.length).toBe(thread!.metadata.total_count);
    const orderIds = [...fake.store.orders.keys()];
    const ids = Array.from({ length: 230 }, (_, i) => orderIds[i % orderIds.length]!);
    fake.calls.length = 0;
    await client.getOrders(ids);
    expect(fake.calls.filter((c) => c.path === '/api/orders').map((c) => c.query.order_ids!.split(',').length)).toEqual([100, 100, 30]);
    const attachment = fake.store.listThreads().flatMap((t) => t.messages).flatMap((m) => m.attachments ?? []).at(0)!;
    const file = await client.downloadAttachment(attachment.id);
    expect(file.bytes.length).toBe(attachment.size);
  });

  it('reads a page around a thread that does not match the contract, keeping that one apart with why', async () => {
    const [first] = (await client.listThreads({ limit: 5 })).data;
    const broken = fake.store.getThread(first!.id)!;
    const message = broken.messages.at(-1)!;
    const date = message.date_created;
    message.date_created = 'not a date';
    try {
      const page = await client.listThreads({ limit: 5 });
      expect(page.data.map((t) => t.id)).not.toContain(broken.id);
      expect(page.data).toHaveLength(4);
      expect(page.unreadable).toEqual([
        { id: broken.id, dateUpdated: Date.parse(broken.date_updated), raw: expect.objectContaining({ id: broken.id }), reason: expect.stringMatching(/^messages\.\d+\.date_created: /) },
      ]);
      const read = await client.readThread(broken.id);
      expect(read.thread).toBeUndefined();
      expect(read.unreadable).toMatchObject({ id: broken.id, reason: expect.stringMatching(/date_created/) });
    } finally {
      message.date_created = date;
    }
    expect((await client.readThread(broken.id)).thread?.id).toBe(broken.id);
  });

  it('posts M12 and OR43 with the JSON part as a plain form field, as Mirakl documents (the fake refuses a file part)', async () => {
    const thread = fake.store.listThreads()[1]!;
    const posted = await client.postMessage(thread.id, { body: 'Bonjour, c’est noté.', to: [{ type: 'CUSTOMER' }] });
    expect(fake.store.getThread(thread.id)!.messages.at(-1)).toMatchObject({ id: posted.message_id, body: 'Bonjour, c’est noté.' });
    const order = [...fake.store.orders.keys()][0]!;
    const created = await client.createThread(order, { body: 'Votre colis part demain.', to: ['CUSTOMER'], topic: { type: 'FREE_TEXT', value: 'Expédition' } });
    expect(fake.store.getThread(created.thread_id)!.topic).toEqual({ type: 'FREE_TEXT', value: 'Expédition' });
  });

  it('reads the messaging reasons through RE02', async () => {
    const reasons = await client.getMessagingReasons();
    expect(reasons).toEqual(fake.store.messagingReasons);
    expect(fake.calls.map((c) => c.path)).toEqual(['/api/reasons/MESSAGING']);
  });

  it('names an unreachable server', async () => {
    const offline = new MiraklClient({ baseUrl: 'http://127.0.0.1:9', apiKey: 'x' }, { retries: 1, baseDelayMs: 10 });
    const error = (await offline.getAccount().catch((e: unknown) => e)) as MiraklError;
    expect(error.kind).toBe('network');
    expect(error.message).toBe('A01: cannot reach Mirakl at http://127.0.0.1:9: nothing answers at that address (check the Mirakl URL and port)');
  });
});
