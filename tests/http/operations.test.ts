// Every operation of the contract over real HTTP, happy path, against the real service.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  operations,
  type Connection,
  type Conversation,
  type ConversationCounts,
  type ConversationDetail,
  type ConversationPage,
  type Message,
  type OperationName,
  type OrderDocument,
  type Preferences,
  type BreachingConversation,
  type ResponseTargetEntry,
  type ResponseTimes,
  type RenderedReply,
  type SavedRepliesFile,
  type SavedReply,
  type Upload,
} from '../../src-shared/contract';
import type { SyncStatus } from '../../src-shared/sync-status';
import { startFakeMirakl, type FakeMirakl } from '../../src-main/fake-mirakl/server';
import { FakeMiraklStore } from '../../src-main/fake-mirakl/store';
import { httpFixture, TEST_VERSION, type HttpFixture } from '../helpers/http-fixture';
import { tempDir } from '../helpers/temp-dir';
import { one, sql } from '../helpers/test-store';
import { fileNameFromDisposition } from '../../src-renderer/client/http-request';

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('every operation over HTTP', () => {
  const dir = tempDir();
  let f: HttpFixture;
  let other: FakeMirakl;
  const covered = new Set<OperationName>();
  const call = async <T>(name: OperationName, method: string, path: string, body?: unknown): Promise<T> => {
    expect(operations[name].http.method).toBe(method);
    covered.add(name);
    return f.json<T>(method, path, body);
  };

  beforeAll(async () => {
    f = await httpFixture(dir, { threads: 40 });
    other = await startFakeMirakl({ store: new FakeMiraklStore({ shopId: 2002, shopName: 'Other shop' }), apiKey: 'other-key' });
  });
  afterAll(async () => {
    await other?.close();
    await f?.close();
  });

  it('health', async () => {
    expect(await call('health', 'GET', '/api/health')).toEqual({ ok: true, version: TEST_VERSION });
  });

  it('getApiAccess: null when the embedding process reports no HTTP port (the serve test covers the real one)', async () => {
    expect(await call('getApiAccess', 'GET', '/api/access')).toEqual({ url: null, token: null, error: null, controlledBy: 'preferences' });
  });

  it('listConversations: newest first, keyset pages that neither overlap nor skip', async () => {
    const first = await call<ConversationPage>('listConversations', 'GET', '/api/conversations?limit=15');
    expect(first.items).toHaveLength(15);
    expect(first.nextCursor).toEqual(expect.any(String));
    const seen = new Set(first.items.map((c) => c.id));
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await f.json<ConversationPage>('GET', `/api/conversations?limit=15&cursor=${encodeURIComponent(cursor)}`);
      for (const c of page.items) {
        expect(seen.has(c.id)).toBe(false);
        seen.add(c.id);
      }
      cursor = page.nextCursor;
    }
    expect(seen.size).toBe(40);
    const times = first.items.map((c) => Date.parse(c.lastMessageAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('listConversations: filters and search', async () => {
    const replyNeeded = await f.json<ConversationPage>('GET', '/api/conversations?replyNeeded=true&limit=200');
    expect(replyNeeded.items.length).toBeGreaterThan(0);
    expect(replyNeeded.items.every((c) => c.replyNeededSince !== null)).toBe(true);
    const unread = await f.json<ConversationPage>('GET', '/api/conversations?unread=1&limit=200');
    expect(unread.items.every((c) => c.unreadCount > 0)).toBe(true);
    const some = replyNeeded.items[0]!;
    const word = some.subject.split(/\s+/).find((w) => /^\p{L}{4,}$/u.test(w)) ?? some.subject;
    const found = await f.json<ConversationPage>('GET', `/api/conversations?q=${encodeURIComponent(word)}&limit=200`);
    expect(found.items.map((c) => c.id)).toContain(some.id);
    const none = await f.json<ConversationPage>('GET', `/api/conversations?q=${encodeURIComponent('zzqxjv-nothing')}`);
    // A search's first page counts its results; each result says why it matched.
    expect(none).toEqual({ items: [], nextCursor: null, total: { count: 0, exact: true } });
    expect(found.total).toEqual({ count: found.items.length, exact: true });
    expect(found.items.find((c) => c.id === some.id)?.match?.highlights.length).toBeGreaterThan(0);
    // Longest waiting first, through the same route.
    const waiting = await f.json<ConversationPage>('GET', '/api/conversations?sort=waiting&limit=200');
    expect(waiting.items.map((c) => c.id).sort()).toEqual(replyNeeded.items.map((c) => c.id).sort());
    const since = waiting.items.map((c) => Date.parse(c.replyNeededSince!));
    expect(since).toEqual([...since].sort((a, b) => a - b));
    expect((await f.api('/api/conversations?sort=oldest')).status).toBe(422);
  });

  it('countConversations', async () => {
    const counts = await call<ConversationCounts>('countConversations', 'GET', '/api/conversations/counts');
    expect(counts.all).toBe(40);
    const replyNeeded = await f.json<ConversationPage>('GET', '/api/conversations?replyNeeded=true&limit=200');
    expect(counts.replyNeeded).toBe(replyNeeded.items.length);
  });

  it('getConversation: the thread in order, with its account', async () => {
    const [c] = (await f.json<ConversationPage>('GET', '/api/conversations?limit=1')).items;
    const detail = await call<ConversationDetail>('getConversation', 'GET', `/api/conversations/${c!.id}`);
    expect(detail.conversation.id).toBe(c!.id);
    expect(detail.account.id).toBe(f.accountId);
    expect(detail.messages.length).toBe(c!.messageCount);
    const times = detail.messages.map((m) => Date.parse(m.sentAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('markRead', async () => {
    const unread = await f.json<ConversationPage>('GET', '/api/conversations?unread=true&limit=1');
    const target = unread.items[0] ?? (await f.json<ConversationPage>('GET', '/api/conversations?limit=1')).items[0]!;
    const read = await call<Conversation>('markRead', 'POST', `/api/conversations/${target.id}/read`);
    expect(read).toMatchObject({ id: target.id, unreadCount: 0 });
  });

  it('sendMessage: stored as pending, then delivered through Mirakl', async () => {
    const [c] = (await f.json<ConversationPage>('GET', '/api/conversations?limit=1')).items;
    const body = 'Bonjour, votre colis part demain. 📦 Merci !';
    const sent = await call<Message>('sendMessage', 'POST', `/api/conversations/${c!.id}/messages`, { body });
    expect(sent).toMatchObject({ conversationId: c!.id, direction: 'outbound', body });
    const delivered = await eventually(
      () => f.json<ConversationDetail>('GET', `/api/conversations/${c!.id}`),
      (d) => d.messages.some((m) => m.id === sent.id && m.status === 'delivered'),
    );
    expect(delivered.messages.find((m) => m.id === sent.id)?.status).toBe('delivered');
    const thread = f.fake.store.getThread(c!.miraklThreadId)!;
    expect(thread.messages.filter((m) => m.body === body)).toHaveLength(1);
  });

  it('retryMessage and discardMessage on replies Mirakl refused', async () => {
    const [c1, c2] = (await f.json<ConversationPage>('GET', '/api/conversations?limit=2')).items;
    f.fake.faults.paths = /\/message$/;
    f.fake.faults.serverError = { next: 2, status: 400 };
    const refused = async (conversationId: number) => {
      const sent = await f.json<Message>('POST', `/api/conversations/${conversationId}/messages`, { body: `Refused reply ${conversationId}` });
      const detail = await eventually(
        () => f.json<ConversationDetail>('GET', `/api/conversations/${conversationId}`),
        (d) => d.messages.some((m) => m.id === sent.id && m.status === 'failed'),
      );
      expect(detail.messages.find((m) => m.id === sent.id)?.status).toBe('failed');
      return sent;
    };
    const first = await refused(c1!.id);
    const second = await refused(c2!.id);
    f.fake.faults.reset();

    const retried = await call<Message>('retryMessage', 'POST', `/api/messages/${first.id}/retry`, { body: 'Edited reply, second try' });
    expect(retried).toMatchObject({ id: first.id, body: 'Edited reply, second try' });
    expect(retried.status).not.toBe('failed');
    await eventually(
      () => f.json<ConversationDetail>('GET', `/api/conversations/${c1!.id}`),
      (d) => d.messages.some((m) => m.id === first.id && m.status === 'delivered'),
    );

    expect(await call('discardMessage', 'DELETE', `/api/messages/${second.id}`)).toEqual({ ok: true });
    const after = await f.json<ConversationDetail>('GET', `/api/conversations/${c2!.id}`);
    expect(after.messages.some((m) => m.id === second.id)).toBe(false);
  });

  it('listOrderConversations and startThread', async () => {
    const withOrder = (await f.json<ConversationPage>('GET', '/api/conversations?limit=200')).items.find((c) => c.orderId !== null)!;
    const orderId = withOrder.orderId!;
    const list = await call<{ items: Conversation[] }>('listOrderConversations', 'GET', `/api/orders/${encodeURIComponent(orderId)}/conversations`);
    expect(list.items.map((c) => c.id)).toContain(withOrder.id);
    const started = await call<ConversationDetail>('startThread', 'POST', `/api/orders/${encodeURIComponent(orderId)}/threads`, {
      subject: 'Delivery delay',
      body: 'Your order ships on Monday.',
    });
    expect(started.conversation.orderId).toBe(orderId);
    expect(started.messages.map((m) => m.body)).toContain('Your order ships on Monday.');
    const again = await f.json<{ items: Conversation[] }>('GET', `/api/orders/${encodeURIComponent(orderId)}/conversations`);
    expect(again.items.length).toBe(list.items.length + 1);
  });

  it('reportActivity: the poll mode follows what the client sees; a signal outside the contract is refused', async () => {
    const mode = async () => (await f.json<{ connections: SyncStatus[] }>('GET', '/api/sync')).connections.find((c) => c.accountId === f.accountId)!.poll.mode;
    expect(await mode()).toBe('active');
    expect(await call('reportActivity', 'POST', '/api/activity', { signal: 'suspend' })).toEqual({ ok: true });
    expect(await mode()).toBe('idle');
    expect(await call('reportActivity', 'POST', '/api/activity', { signal: 'resume' })).toEqual({ ok: true });
    expect(await mode()).toBe('active');
    const bad = await f.api('/api/activity', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ signal: 'asleep' }) });
    expect(bad.status).toBe(422);
  });

  it('getSyncStatus and syncNow', async () => {
    const status = await call<{ connections: SyncStatus[] }>('getSyncStatus', 'GET', '/api/sync');
    expect(status.connections.map((s) => s.accountId)).toContain(f.accountId);
    f.fake.store.addCustomerMessage(f.fake.store.listThreads()[0]!.id, 'A new question arrived: quokka-7');
    const before = Date.now();
    const after = await call<{ connections: SyncStatus[] }>('syncNow', 'POST', '/api/sync', {});
    expect(after.connections.map((s) => s.accountId)).toContain(f.accountId);
    await eventually(
      () => f.json<{ connections: SyncStatus[] }>('GET', '/api/sync'),
      (s) => s.connections.some((c) => c.accountId === f.accountId && c.state === 'idle' && Date.parse(c.lastSuccessAt ?? '0') >= before - 1000),
    );
    const found = await f.json<ConversationPage>('GET', `/api/conversations?q=${encodeURIComponent('quokka-7')}`);
    expect(found.items).toHaveLength(1);
  });

  it('connections: list, test, add, update, remove (API keys never returned)', async () => {
    const listed = await call<{ items: Connection[] }>('listConnections', 'GET', '/api/connections');
    expect(listed.items.map((c) => c.id)).toContain(f.accountId);
    const tested = await call<{ ok: boolean; shopName: string | null }>('testConnection', 'POST', '/api/connections/test', {
      baseUrl: other.url,
      apiKey: 'other-key',
    });
    expect(tested).toMatchObject({ ok: true, shopName: 'Other shop' });
    const added = await call<Connection>('addConnection', 'POST', '/api/connections', { baseUrl: other.url, apiKey: 'other-key' });
    // Unnamed: named after the marketplace's address (a loopback fake has no host name to read).
    expect(added).toMatchObject({ name: new URL(other.url).host, hasApiKey: true, isDemo: false });
    expect(JSON.stringify(added)).not.toContain('other-key');
    const renamed = await call<Connection>('updateConnection', 'PATCH', `/api/connections/${added.id}`, { name: 'Renamed shop' });
    expect(renamed.name).toBe('Renamed shop');
    expect(await call('removeConnection', 'DELETE', `/api/connections/${added.id}`)).toEqual({ ok: true });
    const after = await f.json<{ items: Connection[] }>('GET', '/api/connections');
    expect(after.items.map((c) => c.id)).not.toContain(added.id);
    expect(JSON.stringify(after)).not.toContain(f.fake.apiKey);
  });

  it('preferences', async () => {
    const prefs = await call<Preferences>('getPreferences', 'GET', '/api/preferences');
    const changed = await call<Preferences>('setPreferences', 'PATCH', '/api/preferences', { syncIntervalSeconds: 120 });
    expect(changed).toEqual({ ...prefs, syncIntervalSeconds: 120 });
    expect(await f.json<Preferences>('GET', '/api/preferences')).toEqual(changed);
  });

  it('attachments download with a safe name and type', async () => {
    const row = await one<{ id: number; name: string }>(f.store, sql`SELECT id, name FROM attachments ORDER BY id LIMIT 1`);
    expect(row).toBeDefined();
    const response = await f.api(`/api/attachments/${row!.id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="[^"/\\]+"; filename\*=UTF-8''/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(0);
    expect((await f.api('/api/attachments/999999')).status).toBe(404);
  });

  it('response times: the synced threads’ waits, targets, about to breach', async () => {
    // Every wait of every thread, counted from the messages the API returns (the definition, written out again).
    const { items } = await f.json<ConversationPage>('GET', '/api/conversations?limit=200');
    let expectedWaits = 0;
    let expectedOpen = 0;
    for (const item of items) {
      const detail = await f.json<ConversationDetail>('GET', `/api/conversations/${item.id}`);
      let open = false;
      for (const m of detail.messages) {
        if (m.sender.type === 'CUSTOMER_USER' && !open) {
          open = true;
          expectedWaits++;
        } else if (m.sender.type === 'SHOP_USER' && m.status === 'delivered') open = false;
      }
      if (open) expectedOpen++;
    }
    expect(expectedWaits).toBeGreaterThan(10);
    const from = '2000-01-01T00:00:00Z';
    const to = new Date(Date.now() + 86_400_000).toISOString();
    const times = await call<ResponseTimes>('getResponseTimes', 'GET', `/api/stats/response-times?${new URLSearchParams({ from: '2026-01-01', to: '2026-01-08' })}`);
    expect(times.days).toHaveLength(7);
    // A year at most per call: sum the years back to 2000.
    let waits = 0;
    for (let end = Date.parse(to); end > Date.parse(from); end -= 365 * 86_400_000) {
      const start = new Date(Math.max(Date.parse(from), end - 365 * 86_400_000)).toISOString();
      waits += (await f.json<ResponseTimes>('GET', `/api/stats/response-times?${new URLSearchParams({ from: start, to: new Date(end).toISOString(), tz: 'UTC' })}`)).waits;
    }
    expect(waits).toBe(expectedWaits);
    expect(times.openByAge.reduce((sum, b) => sum + b.count, 0)).toBe(expectedOpen);

    const targets = await call<{ items: ResponseTargetEntry[] }>('listResponseTargets', 'GET', '/api/response-targets');
    expect(targets.items.map((t) => t.accountId)).toContain(f.accountId);
    const target = { targetSeconds: 48 * 3600, warningSeconds: null, scoringWindowDays: 90, businessHours: null, preset: 'conrad' };
    expect(await call('setResponseTarget', 'PUT', `/api/connections/${f.accountId}/response-target`, target)).toEqual({ accountId: f.accountId, target });
    const breaching = await call<{ items: BreachingConversation[] }>('listBreachingConversations', 'GET', '/api/stats/about-to-breach?withinHours=48');
    for (const b of breaching.items) expect(Date.parse(b.breachAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('snoozeConversation, unsnoozeConversation: out of the default list into snoozed=true, and back', async () => {
    const [c] = (await f.json<ConversationPage>('GET', '/api/conversations?limit=1')).items;
    const until = new Date(Date.now() + 3 * 3_600_000).toISOString();
    const snoozed = await call<{ conversation: Conversation; warning: string | null }>('snoozeConversation', 'POST', `/api/conversations/${c!.id}/snooze`, { until });
    expect(snoozed.conversation.snooze).toMatchObject({ until });
    const ids = async (query: string) => (await f.json<ConversationPage>('GET', `/api/conversations?limit=200${query}`)).items.map((x) => x.id);
    expect(await ids('')).not.toContain(c!.id);
    expect(await ids('&snoozed=true')).toEqual([c!.id]);
    expect((await f.json<ConversationCounts>('GET', '/api/conversations/counts')).snoozed).toBe(1);
    const byReply = await f.json<{ conversation: Conversation }>('POST', `/api/conversations/${c!.id}/snooze`, { untilCustomerReplies: true });
    expect(byReply.conversation.snooze).toMatchObject({ until: null });
    const back = await call<Conversation>('unsnoozeConversation', 'DELETE', `/api/conversations/${c!.id}/snooze`);
    expect(back.snooze).toBeNull();
    expect(await ids('')).toContain(c!.id);
  });

  it('markDone, undoDone, markUnread', async () => {
    const waiting = (await f.json<ConversationPage>('GET', '/api/conversations?replyNeeded=true&limit=1')).items[0]!;
    const done = await call<Conversation>('markDone', 'POST', `/api/conversations/${waiting.id}/done`);
    expect(done).toMatchObject({ replyNeededSince: null, doneAt: expect.any(String) });
    const waitingNow = (await f.json<ConversationPage>('GET', '/api/conversations?replyNeeded=true&limit=200')).items.map((c) => c.id);
    expect(waitingNow).not.toContain(waiting.id);
    expect(await call<Conversation>('undoDone', 'DELETE', `/api/conversations/${waiting.id}/done`)).toMatchObject({ replyNeededSince: waiting.replyNeededSince, doneAt: null });
    await f.json('POST', `/api/conversations/${waiting.id}/read`);
    expect(await call<Conversation>('markUnread', 'POST', `/api/conversations/${waiting.id}/unread`)).toMatchObject({ unreadCount: 1 });
  });

  it('saved replies: create, get, list, update and move, render, export, import, delete', async () => {
    const created = await call<SavedReply>('createSavedReply', 'POST', '/api/saved-replies', {
      name: 'Where is my parcel',
      body: 'Bonjour {{customer.firstName}}, votre commande {{order.id}} : {{order.trackingNumber}}. {{ask:Délai}}',
      language: 'FR',
    });
    expect(created).toMatchObject({ name: 'Where is my parcel', language: 'fr', accountId: null, position: 0 });
    const second = await f.json<SavedReply>('POST', '/api/saved-replies', { name: 'Invoice', body: 'Please find your invoice attached.' });
    expect(second.position).toBe(1);
    expect(await call<SavedReply>('getSavedReply', 'GET', `/api/saved-replies/${created.id}`)).toEqual(created);
    const moved = await call<SavedReply>('updateSavedReply', 'PATCH', `/api/saved-replies/${second.id}`, { position: 0, name: 'Your invoice' });
    expect(moved).toMatchObject({ name: 'Your invoice', position: 0 });
    expect((await call<{ items: SavedReply[] }>('listSavedReplies', 'GET', '/api/saved-replies')).items.map((r) => r.id)).toEqual([second.id, created.id]);

    const conversation = (await f.json<ConversationPage>('GET', '/api/conversations?limit=200')).items.find((c) => c.orderId !== null && c.customer !== null)!;
    const detail = await f.json<ConversationDetail>('GET', `/api/conversations/${conversation.id}`);
    const rendered = await call<RenderedReply>('renderSavedReply', 'POST', `/api/conversations/${conversation.id}/saved-replies/${created.id}/render`);
    expect(rendered.fields).toEqual(['Délai']);
    expect(rendered.body).toContain(`votre commande ${conversation.orderId}`);
    expect(rendered.body).toContain(`Bonjour ${detail.order?.customerFirstName ?? conversation.customer!.name.split(' ')[0]}`);
    expect(rendered.missing).toEqual(detail.order?.trackingNumber ? [] : ['order.trackingNumber']);

    const file = await call<SavedRepliesFile>('exportSavedReplies', 'GET', '/api/saved-replies/export');
    expect(file).toMatchObject({ format: 'mirakl-cs-saved-replies', version: 1, savedReplies: [{ name: 'Your invoice' }, { name: 'Where is my parcel', language: 'fr' }] });
    const imported = await call<{ items: SavedReply[]; imported: number }>('importSavedReplies', 'POST', '/api/saved-replies/import', file);
    expect(imported.imported).toBe(2);
    expect(imported.items.map((r) => r.name)).toEqual(['Your invoice', 'Where is my parcel', 'Your invoice', 'Where is my parcel']);
    for (const reply of imported.items) expect(await call('deleteSavedReply', 'DELETE', `/api/saved-replies/${reply.id}`)).toEqual({ ok: true });
    expect((await f.json<{ items: SavedReply[] }>('GET', '/api/saved-replies')).items).toEqual([]);
  });

  it("listOrderDocuments and the document's bytes; a reply with an upload and the invoice", async () => {
    const documented = f.fake.store.orderDocuments(new Set(f.fake.store.orders.keys()));
    const conversation = (await f.json<ConversationPage>('GET', '/api/conversations?limit=200')).items.find(
      (c) => c.customer !== null && documented.some((d) => d.order_id === c.orderId),
    )!;
    const orderId = conversation.orderId!;
    const listed = await call<{ items: OrderDocument[]; error: string | null }>('listOrderDocuments', 'GET', `/api/orders/${encodeURIComponent(orderId)}/documents`);
    expect(listed.error).toBeNull();
    const invoice = listed.items.find((d) => d.type === 'CUSTOMER_INVOICE')!;
    expect(invoice).toMatchObject({ orderId, accountId: f.accountId, name: expect.stringMatching(/\.pdf$/) });
    const pdf = await f.api(`/api/order-documents/${invoice.id}`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-disposition')).toContain('attachment;');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');

    const form = new FormData();
    form.append('file', new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])], { type: 'image/jpeg' }), 'photo colis.jpg');
    const uploadResponse = await f.api('/api/uploads', { method: 'POST', body: form });
    expect(uploadResponse.status).toBe(200);
    const upload = (await uploadResponse.json()) as Upload;
    expect(upload).toEqual({ id: expect.any(Number), name: 'photo colis.jpg', size: 7, contentType: 'image/jpeg' });

    const body = 'Voici votre facture et la photo du colis.';
    const sent = await f.json<Message>('POST', `/api/conversations/${conversation.id}/messages`, {
      body,
      attachments: [{ uploadId: upload.id }, { orderDocumentId: invoice.id }],
    });
    expect(sent.outboxFiles.map((x) => x.name)).toEqual(['photo colis.jpg', invoice.name]);
    await eventually(
      () => f.json<ConversationDetail>('GET', `/api/conversations/${conversation.id}`),
      (d) => d.messages.some((m) => m.id === sent.id && m.status === 'delivered'),
    );
    const onMirakl = f.fake.store.getThread(conversation.miraklThreadId)!.messages.filter((m) => m.body === body);
    expect(onMirakl).toHaveLength(1);
    expect(onMirakl[0]!.attachments!.map((a) => a.name)).toEqual(['photo colis.jpg', invoice.name]);
  });

  it('an accented attachment name comes back exactly, as the web UI reads it (filename*)', async () => {
    const row = await one<{ id: number; name: string }>(f.store, sql`SELECT id, name FROM attachments WHERE name LIKE '%é%' ORDER BY id LIMIT 1`);
    expect(row?.name).toMatch(/é/);
    const response = await f.api(`/api/attachments/${row!.id}`);
    expect(response.status).toBe(200);
    const header = response.headers.get('content-disposition');
    expect(fileNameFromDisposition(header, 'fallback')).toBe(row!.name);
    expect(header).toContain(`filename="${row!.name.replace(/é/g, 'e').replace(/â/g, 'a')}"`);
  });

  it('covers every operation of the contract', () => {
    expect([...covered].sort()).toEqual(Object.keys(operations).sort());
    expect(f.logged).toEqual([]);
  });
});
