// Order context from OR11: state, lines, totals, tracking, and the customer e-mail for this order.
import { sql, type Kysely } from 'kysely';
import type { MiraklOrder } from '../mirakl/schemas';
import { dialectOf } from './dialect';
import { MultiRowStatement } from './multi-row';
import type { Store } from './open';
import { lockAccountWrites } from './account-writes-lock';
import type { Database } from './schema';

/** Order ids referenced by this account's conversations that the store has no summary for. */
export async function ordersMissing(db: Kysely<Database>, accountId: number, limit = 10_000): Promise<string[]> {
  const rows = await db
    .selectFrom('conversations as c')
    .leftJoin('orders as o', (join) => join.onRef('o.account_id', '=', 'c.account_id').onRef('o.mirakl_order_id', '=', 'c.order_id'))
    .select('c.order_id')
    .distinct()
    .where('c.account_id', '=', accountId)
    .where('c.order_id', 'is not', null)
    .where('o.id', 'is', null)
    .limit(limit)
    .execute();
  return rows.map((r) => r.order_id).filter((id): id is string => id !== null);
}

const upsertOrders = new MultiRowStatement(
  `INSERT INTO orders (account_id, mirakl_order_id, state, customer_mirakl_id, customer_name, customer_email, currency,
     total_price, shipping_price, lines_json, tracking_number, tracking_url, carrier, mirakl_created_at, fetched_at,
     commercial_id, customer_firstname, customer_lastname, customer_locale) VALUES`,
  '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  `ON CONFLICT (account_id, mirakl_order_id) DO UPDATE SET state = excluded.state, customer_mirakl_id = excluded.customer_mirakl_id,
     customer_name = excluded.customer_name, customer_email = excluded.customer_email, currency = excluded.currency,
     total_price = excluded.total_price, shipping_price = excluded.shipping_price, lines_json = excluded.lines_json,
     tracking_number = excluded.tracking_number, tracking_url = excluded.tracking_url, carrier = excluded.carrier,
     mirakl_created_at = excluded.mirakl_created_at, fetched_at = excluded.fetched_at, commercial_id = excluded.commercial_id,
     customer_firstname = excluded.customer_firstname, customer_lastname = excluded.customer_lastname,
     customer_locale = excluded.customer_locale`,
  128,
);

/**
 * Upserts order summaries (an OR11 batch), in one transaction. A thread whose customer
 * Mirakl left unnamed takes the order's customer name, on the customer and on their messages.
 */
export function saveOrders(store: Store, accountId: number, orders: readonly MiraklOrder[], now: number): Promise<void> {
  // One row per order: an upsert may not touch the same row twice (PostgreSQL refuses it).
  const byId = new Map(orders.map((order) => [order.order_id, order]));
  return store.transaction(async (trx) => {
    await lockAccountWrites(trx, accountId);
    // Nearly always nobody is unnamed: then no per-order naming at all.
    const naming = await anyUnnamed(trx, accountId);
    for (const order of byId.values()) {
      const customerName = orderCustomerName(order);
      if (naming && customerName !== null) await nameAfterOrder(trx, accountId, order.order_id, customerName, now);
    }
    await upsertOrders.run(
      trx,
      [...byId.values()].map((order) => {
        const lines = order.order_lines.map((l) => ({
          id: l.order_line_id,
          title: l.product_title ?? l.product_sku ?? l.offer_sku ?? '',
          sku: l.offer_sku ?? l.product_sku ?? null,
          quantity: l.quantity,
          unitPrice: l.price_unit ?? null,
          // The line's price without shipping (Mirakl's total_price includes the line's shipping,
          // which the order's shipping_price already counts).
          total: l.price ?? (l.price_unit != null ? l.price_unit * l.quantity : (l.total_price ?? null)),
          state: l.order_line_state ?? null,
        }));
        return [
          accountId,
          order.order_id,
          order.order_state,
          order.customer?.customer_id ?? null,
          orderCustomerName(order),
          order.customer_notification_email ?? null,
          order.currency_iso_code ?? null,
          order.total_price ?? null,
          order.shipping_price ?? null,
          JSON.stringify(lines),
          order.shipping_tracking ?? null,
          order.shipping_tracking_url ?? null,
          order.shipping_company ?? null,
          order.created_date ?? null,
          now,
          order.commercial_id ?? null,
          order.customer?.firstname ?? null,
          order.customer?.lastname ?? null,
          order.customer?.locale ?? null,
        ];
      }),
    );
  });
}

function orderCustomerName(order: MiraklOrder): string | null {
  return [order.customer?.firstname?.trim(), order.customer?.lastname?.trim()].filter(Boolean).join(' ') || null;
}

// These spell out `= ''`: the partial indexes on unnamed customers and senders answer only such queries.

async function anyUnnamed(trx: Kysely<Database>, accountId: number): Promise<boolean> {
  const result = await sql<{ unnamed: number }>`SELECT CASE WHEN EXISTS (SELECT 1 FROM customers WHERE account_id = ${accountId} AND name = '')
    OR EXISTS (SELECT 1 FROM messages WHERE sender_name = '') THEN 1 ELSE 0 END AS unnamed`.execute(trx);
  return Number(result.rows[0]?.unnamed ?? 0) === 1;
}

/** The order's conversations' unnamed customer and customer messages take its customer's name. */
async function nameAfterOrder(trx: Kysely<Database>, accountId: number, orderId: string, name: string, now: number): Promise<void> {
  // `+account_id` keeps SQLite on the order's index (a handful of rows), not the account's.
  const account = dialectOf(trx) === 'postgres' ? sql`account_id` : sql`+account_id`;
  const orderConversations = sql`SELECT id FROM conversations WHERE order_id = ${orderId} AND ${account} = ${accountId}`;
  await sql`UPDATE customers SET name = ${name}, updated_at = ${now}
    WHERE name = '' AND id IN (SELECT customer_id FROM conversations WHERE order_id = ${orderId} AND ${account} = ${accountId})`.execute(trx);
  await sql`UPDATE messages SET sender_name = ${name}
    WHERE sender_name = '' AND sender_type = 'CUSTOMER_USER' AND conversation_id IN (${orderConversations})`.execute(trx);
}
