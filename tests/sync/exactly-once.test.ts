import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeMessageIds, storedMessageIds, syncFixture, type SyncFixture } from '../helpers/sync-fixture';
import { tempDir } from '../helpers/temp-dir';
import { all, one, run, sql } from '../helpers/test-store';

describe('sync stores every message exactly once', () => {
  const dir = tempDir();
  let f: SyncFixture;
  beforeAll(async () => {
    f = await syncFixture(dir, { threads: 60 });
  });
  afterAll(() => f.close());

  it('a first pass takes the whole history, long threads whole through M10', async () => {
    const result = await f.sync();
    expect(result.newThreads).toBe(60);
    expect(await storedMessageIds(f.store)).toEqual(fakeMessageIds(f.fake));
    expect(f.demo!.longThreadIds.length).toBeGreaterThan(0);
    const m10 = f.fake.calls.filter((c) => c.method === 'GET' && /^\/api\/inbox\/threads\/[^/]+$/.test(c.path));
    expect(m10.length).toBe(f.demo!.longThreadIds.length);
    for (const id of f.demo!.longThreadIds) {
      const row = (await one<{ message_count: number }>(f.store, sql`SELECT message_count FROM conversations WHERE mirakl_thread_id = ${id}`))!;
      expect(row.message_count).toBe(f.fake.store.getThread(id)!.messages.length);
      expect(row.message_count).toBeGreaterThan(100);
    }
  });

  it('a second pass over the same window adds nothing', async () => {
    const before = (await storedMessageIds(f.store)).size;
    const result = await f.sync();
    expect(result.newMessages).toBe(0);
    expect((await storedMessageIds(f.store)).size).toBe(before);
  });

  it('overlapping windows re-deliver threads, which update in place', async () => {
    const thread = f.fake.store.listThreads()[3]!;
    f.fake.store.addCustomerMessage(thread.id, 'Any news about my parcel? 📦');
    // Force a window that covers everything again: the cursor goes back to the beginning.
    await run(f.store, sql`UPDATE sync_state SET cursor = 0`);
    const result = await f.sync();
    expect(result.newMessages).toBe(1);
    expect(result.newThreads).toBe(0);
    expect(await storedMessageIds(f.store)).toEqual(fakeMessageIds(f.fake));
    const conv = (await one<{ reply_needed_since: number | null; last_message_preview: string }>(
      f.store,
      sql`SELECT subject, reply_needed_since, last_message_preview FROM conversations WHERE mirakl_thread_id = ${thread.id}`,
    ))!;
    expect(conv.reply_needed_since).not.toBeNull();
    expect(conv.last_message_preview).toBe('Any news about my parcel? 📦');
  });

  it('orders and their customer e-mails are enriched through OR11 in batches of at most 100', async () => {
    const missing = (await one<{ n: number }>(
      f.store,
      sql`SELECT count(*) AS n FROM conversations c LEFT JOIN orders o ON o.mirakl_order_id = c.order_id WHERE c.order_id IS NOT NULL AND o.id IS NULL`,
    ))!;
    expect(missing.n).toBe(0);
    // The store keeps each order's notification e-mail; an empty one ("") is none.
    const stored = await all<{ id: string; email: string | null }>(f.store, sql`SELECT mirakl_order_id AS id, customer_email AS email FROM orders`);
    for (const order of stored) {
      const onFake = f.fake.store.getOrder(order.id)!.customer_notification_email;
      expect(order.email, order.id).toBe(onFake === '' ? null : onFake);
    }
    // Line prices exclude shipping, which the order counts once: lines + shipping = total.
    const orders = await all<{ lines_json: string; shipping_price: number; total_price: number }>(f.store, sql`SELECT lines_json, shipping_price, total_price FROM orders`);
    expect(orders.length).toBeGreaterThan(0);
    for (const o of orders) {
      const lines = JSON.parse(o.lines_json) as Array<{ total: number }>;
      expect(lines.reduce((sum, l) => sum + l.total, 0) + o.shipping_price).toBeCloseTo(o.total_price, 2);
    }
    for (const call of f.fake.calls.filter((c) => c.path === '/api/orders')) {
      expect(call.query.order_ids!.split(',').length).toBeLessThanOrEqual(100);
    }
  });

  it('keeps the original body and a readable text beside it', async () => {
    const rows = await all<{ body: string; body_text: string }>(f.store, sql`SELECT body, body_text FROM messages WHERE body LIKE '%<%>%'`);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.body_text).not.toMatch(/<\/?(div|p|br|script|style|img)\b/i);
      expect(r.body_text).not.toMatch(/&(nbsp|eacute|amp);/);
    }
  });
});
