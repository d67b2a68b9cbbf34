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
  type Preferences,
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
    expect(none).toEqual({ items: [], nextCursor: null });
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
