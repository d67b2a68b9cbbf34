// The reading side of the service over a synced store: pages with an opaque cursor,
// search through the API, a conversation with its order, read marks, order threads,
// attachments cached for offline use, starting a thread, live events of a sync.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conversation } from '../../src-shared/contract';
import { operations } from '../../src-shared/contract';
import { serviceFixture, waitFor, type ServiceFixture } from '../helpers/service-fixture';
import { tempDir } from '../helpers/temp-dir';
import { one, sql } from '../helpers/test-store';

describe('reading the inbox through the service', () => {
  const dir = tempDir();
  let f: ServiceFixture;
  beforeAll(async () => {
    f = await serviceFixture(dir, { threads: 30, seed: 21 });
  });
  afterAll(() => f.close());

  const list = (input: Partial<Parameters<typeof f.service.api.listConversations>[0]> = {}) =>
    f.service.api.listConversations(operations.listConversations.input.parse(input));

  it('pages through every conversation with the opaque cursor, newest first', async () => {
    const seen: Conversation[] = [];
    let cursor: string | undefined;
    do {
      const page = await list({ limit: 7, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(30);
    expect(new Set(seen.map((c) => c.id)).size).toBe(30);
    const keys = seen.map((c) => [Date.parse(c.lastMessageAt), c.id] as const);
    for (let i = 1; i < keys.length; i++) {
      const [t0, id0] = keys[i - 1]!;
      const [t1, id1] = keys[i]!;
      expect(t0 > t1 || (t0 === t1 && id0 > id1)).toBe(true);
    }
    // Every output validates against the contract.
    expect(() => operations.listConversations.output.parse({ items: seen, nextCursor: null })).not.toThrow();
  });

  it('refuses a forged cursor as an invalid field', async () => {
    for (const cursor of ['nope', Buffer.from('1.x').toString('base64url'), '!!!', Buffer.from('99999999999999999.1').toString('base64url')]) {
      await expect(list({ cursor })).rejects.toMatchObject({ code: 'invalid_field', field: 'cursor' });
    }
  });

  it('searches through the API, hostile input included', async () => {
    const [first] = (await list({ limit: 1 })).items;
    const word = first!.subject.split(/\s+/).find((w) => /^\p{L}{4,}$/u.test(w)) ?? first!.subject;
    const found = await list({ q: word });
    expect(found.items.map((c) => c.id)).toContain(first!.id);
    for (const q of ['"', '*', 'AND', 'NEAR(', 'a\u0000b', '🙂', 'OR NOT', '(((']) {
      await expect(list({ q })).resolves.toMatchObject({ items: expect.any(Array) });
    }
    expect(await list({ q: '🙂' })).toEqual({ items: [], nextCursor: null, total: { count: 0, exact: true } });
  });

  it('counts the filters, and filters agree with the counts', async () => {
    const counts = await f.service.api.countConversations({});
    expect(counts.all).toBe(30);
    expect((await list({ limit: 200, replyNeeded: true })).items).toHaveLength(counts.replyNeeded);
    expect((await list({ limit: 200, unread: true })).items).toHaveLength(counts.unread);
  });

  it('gives a conversation with its account, order summary and messages in order', async () => {
    const [withOrder] = (await list({ limit: 200 })).items.filter((c) => c.orderId !== null);
    const detail = await f.service.api.getConversation({ id: withOrder!.id });
    expect(operations.getConversation.output.parse(detail)).toEqual(detail);
    expect(detail.account).toEqual({ id: f.accountId, name: expect.any(String), shopName: expect.any(String), isDemo: false });
    expect(detail.order?.orderId).toBe(withOrder!.orderId);
    expect(detail.messages.length).toBe(detail.conversation.messageCount);
    const times = detail.messages.map((m) => Date.parse(m.sentAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    await expect(f.service.api.getConversation({ id: 987_654 })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('marks a conversation read and announces it', async () => {
    const [unread] = (await list({ unread: true })).items;
    expect(unread).toBeDefined();
    const read = await f.service.api.markRead({ id: unread!.id });
    expect(read.unreadCount).toBe(0);
    expect(f.events).toContainEqual({ type: 'conversation.upserted', conversation: expect.objectContaining({ id: unread!.id, unreadCount: 0 }) });
    await expect(f.service.api.markRead({ id: 987_654 })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('lists the conversations of an order', async () => {
    const [withOrder] = (await list({ limit: 200 })).items.filter((c) => c.orderId !== null);
    const { items } = await f.service.api.listOrderConversations({ orderId: withOrder!.orderId! });
    expect(items.map((c) => c.id)).toContain(withOrder!.id);
    expect(items.every((c) => c.orderId === withOrder!.orderId)).toBe(true);
    expect((await f.service.api.listOrderConversations({ orderId: 'no-such-order' })).items).toEqual([]);
  });

  it('downloads an attachment once through M13, then serves it from disk, also offline', async () => {
    const attachment = (await one<{ id: number; name: string; miraklId: string }>(
      f.store,
      sql`SELECT a.id, a.name, a.mirakl_attachment_id AS "miraklId" FROM attachments a ORDER BY a.id LIMIT 1`,
    ))!;
    expect(attachment).toBeDefined();
    const m13 = () => f.fake.calls.filter((c) => c.path.endsWith(`/${attachment.miraklId}/download`)).length;
    const file = await f.service.downloadAttachment(attachment.id);
    expect(file.name).toBe(attachment.name);
    expect(Buffer.from(file.bytes).equals(f.fake.store.getAttachmentBytes(attachment.miraklId)!)).toBe(true);
    expect(m13()).toBe(1);
    // Mirakl down: the cached copy still opens.
    f.fake.faults.serverError = { every: 1 };
    try {
      const again = await f.service.downloadAttachment(attachment.id);
      expect(Buffer.from(again.bytes).equals(Buffer.from(file.bytes))).toBe(true);
      const where = await f.service.openAttachmentPath(attachment.id);
      expect(fs.existsSync(where)).toBe(true);
      expect(where.startsWith(f.dataDir)).toBe(true);
      expect(m13()).toBe(1);
    } finally {
      f.fake.faults.reset();
    }
    await expect(f.service.downloadAttachment(999_999)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('starts a thread on an order (OR43) and stores it at once; the next sync adds no copy', async () => {
    const [order] = [...f.fake.store.orders.values()];
    const body = 'Bonjour, une question sur votre commande.';
    const detail = await f.service.api.startThread(
      operations.startThread.input.parse({ orderId: order!.order_id, subject: 'Question livraison', body }),
    );
    expect(detail.conversation.orderId).toBe(order!.order_id);
    expect(detail.conversation.subject).toBe('Question livraison');
    expect(detail.messages).toEqual([expect.objectContaining({ body, direction: 'outbound', status: 'delivered' })]);
    expect(detail.order?.orderId).toBe(order!.order_id);
    await f.sync();
    const again = await f.service.api.getConversation({ id: detail.conversation.id });
    expect(again.messages).toHaveLength(1);
    await expect(
      f.service.api.startThread(operations.startThread.input.parse({ orderId: 'unknown-order', subject: 'x', body: 'Bonjour', accountId: f.accountId })),
    ).rejects.toMatchObject({ code: 'mirakl_refused' });
  });

  it('announces what a sync brings, live: the new message and its conversation', async () => {
    const [latest] = (await list({ limit: 1 })).items;
    const thread = f.fake.store.getThread(latest!.miraklThreadId)!;
    const added = f.fake.store.addCustomerMessage(thread.id, 'Nouveau message du client, en direct');
    const from = f.events.length;
    await f.sync();
    const events = f.events.slice(from);
    expect(events).toContainEqual({ type: 'message.upserted', message: expect.objectContaining({ miraklMessageId: added.id, body: added.body }) });
    expect(events).toContainEqual({ type: 'conversation.upserted', conversation: expect.objectContaining({ id: latest!.id }) });
    expect(events.some((e) => e.type === 'sync.status' && e.status.state === 'running')).toBe(true);
    await waitFor(() => f.events.at(-1)?.type === 'sync.status', 1_000, 'the final status');
  });

  it('reports health and sync status', async () => {
    expect(await f.service.api.health({})).toEqual({ ok: true, version: 'test' });
    const { connections } = await f.service.api.getSyncStatus({});
    expect(connections).toEqual([expect.objectContaining({ accountId: f.accountId, state: 'idle', lastError: null, lastSuccessAt: expect.any(String) })]);
    await expect(f.service.api.syncNow({ accountId: 424_242 })).rejects.toMatchObject({ code: 'not_found' });
  });
});
