// Mirakl gives a customer e-mail per order (OR11's customer_notification_email, usually a
// relay unique to that order). A customer with two orders must show, in each thread, the
// address of that thread's order, whichever order synced last.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { openStore, type Store } from '../../src-main/db/open';
import { all, one, onPostgres, openTestStore, sql } from '../helpers/test-store';
import { findConversation, listConversations } from '../../src-main/db/conversations';
import { saveOrders } from '../../src-main/db/orders';
import { migrations } from '../../src-main/db/migrations';
import type { MiraklOrder } from '../../src-main/mirakl/schemas';
import { toConversation } from '../../src-main/db/contract-mapping';
import { seedAccount, seedConversations } from '../helpers/seed-inbox';
import { dbPath, tempDir } from '../helpers/temp-dir';

function order(orderId: string, email: string | null): MiraklOrder {
  return {
    order_id: orderId,
    order_state: 'SHIPPED',
    customer: { customer_id: 'cust-1', firstname: 'Léa', lastname: 'Martin' },
    customer_notification_email: email,
    order_lines: [],
  };
}

describe('the customer e-mail shown with a conversation', () => {
  const dir = tempDir();
  let store: Store;
  let first: number;
  let second: number;
  let noOrder: number;

  beforeAll(async () => {
    store = await openTestStore(dir);
    const account = await seedAccount(store, 'Shop');
    const customer = { miraklId: 'cust-1', name: 'Léa Martin' };
    [first, second, noOrder] = (await seedConversations(store, [
      { accountId: account, threadId: 't1', subject: 'Colis', lastMessageAt: 3_000, customer, orderId: 'ORD-1-A', messages: ['a'] },
      { accountId: account, threadId: 't2', subject: 'Facture', lastMessageAt: 2_000, customer, orderId: 'ORD-2-A', messages: ['b'] },
      { accountId: account, threadId: 't3', subject: 'Question', lastMessageAt: 1_000, customer, orderId: null, messages: ['c'] },
    ])) as [number, number, number];
    await saveOrders(store, account, [order('ORD-1-A', 'relay-1@notifications.mirakl.net')], 10);
    // The second order syncs last: it must not change the first thread's address.
    await saveOrders(store, account, [order('ORD-2-A', 'relay-2@notifications.mirakl.net')], 20);
  });
  afterAll(async () => {
    await store.close();
  });

  it("is the thread's own order's address, in the detail and in the list", async () => {
    const email = async (id: number) => toConversation((await findConversation(store.db, id))!).customer?.email;
    expect(await email(first)).toBe('relay-1@notifications.mirakl.net');
    expect(await email(second)).toBe('relay-2@notifications.mirakl.net');
    const { rows } = await listConversations(store.db, {}, null, 10);
    expect(rows.map((r) => [r.id, r.customer_email])).toEqual([
      [first, 'relay-1@notifications.mirakl.net'],
      [second, 'relay-2@notifications.mirakl.net'],
      [noOrder, null],
    ]);
  });

  it('is none without an order, or when the order gives none', async () => {
    expect((await findConversation(store.db, noOrder))?.customer_email).toBeNull();
    await saveOrders(store, 1, [order('ORD-2-A', null)], 30);
    expect((await findConversation(store.db, second))?.customer_email).toBeNull();
    expect((await findConversation(store.db, first))?.customer_email).toBe('relay-1@notifications.mirakl.net');
  });
});

describe.skipIf(onPostgres)('migration 0004 (no e-mail per customer) (SQLite only: upgrades a SQLite file at 0003)', () => {
  const dir = tempDir();

  it('drops the column that held the last synced order’s address and keeps the customers', async () => {
    const file = dbPath(dir);
    const sqlite = new BetterSqlite3(file);
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
    const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0004'));
    const { error } = await new Migrator({ db, provider: { getMigrations: async () => before } }).migrateToLatest();
    if (error) throw error;
    sqlite.exec(`INSERT INTO accounts (id, name, base_url, created_at, updated_at) VALUES (1, 'Shop', 'https://shop.mirakl.net', 1, 1);
      INSERT INTO customers (id, account_id, mirakl_customer_id, name, email, created_at, updated_at) VALUES (1, 1, 'c-1', 'Léa', 'stale@x.net', 1, 1);`);
    await db.destroy();

    const store = await openStore(file);
    try {
      const columns = (await all<{ name: string }>(store, sql`SELECT name FROM pragma_table_info('customers')`)).map((r) => r.name);
      expect(columns).not.toContain('email');
      expect(await one(store, sql`SELECT name FROM customers WHERE id = 1`)).toEqual({ name: 'Léa' });
    } finally {
      await store.close();
    }
  });
});
