// Order context from OR11: state, lines, totals, tracking, and the customer e-mail for this order.
import type { Kysely } from 'kysely';
import type { MiraklOrder } from '../mirakl/schemas';
import type { Store } from './open';
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

/**
 * Upserts order summaries. Synchronous: one transaction. A thread whose customer Mirakl
 * left unnamed takes the order's customer name, on the customer and on their messages.
 */
export function saveOrders(store: Store, accountId: number, orders: readonly MiraklOrder[], now: number): void {
  const upsert = store.sqlite.prepare(
    `INSERT INTO orders (account_id, mirakl_order_id, state, customer_mirakl_id, customer_name, customer_email, currency,
       total_price, shipping_price, lines_json, tracking_number, tracking_url, carrier, mirakl_created_at, fetched_at,
       commercial_id, customer_firstname, customer_lastname, customer_locale)
     VALUES (@accountId, @orderId, @state, @customerId, @customerName, @email, @currency, @total, @shipping, @lines,
       @tracking, @trackingUrl, @carrier, @createdAt, @now, @commercialId, @firstName, @lastName, @locale)
     ON CONFLICT (account_id, mirakl_order_id) DO UPDATE SET state = excluded.state, customer_mirakl_id = excluded.customer_mirakl_id,
       customer_name = excluded.customer_name, customer_email = excluded.customer_email, currency = excluded.currency,
       total_price = excluded.total_price, shipping_price = excluded.shipping_price, lines_json = excluded.lines_json,
       tracking_number = excluded.tracking_number, tracking_url = excluded.tracking_url, carrier = excluded.carrier,
       mirakl_created_at = excluded.mirakl_created_at, fetched_at = excluded.fetched_at, commercial_id = excluded.commercial_id,
       customer_firstname = excluded.customer_firstname, customer_lastname = excluded.customer_lastname,
       customer_locale = excluded.customer_locale`,
  );
  // These spell out `= ''`: the partial indexes on unnamed customers and senders answer only such
  // queries. `+account_id` keeps SQLite on the order's index (a handful of rows), not the account's.
  const anyUnnamed = store.sqlite.prepare(
    `SELECT EXISTS (SELECT 1 FROM customers WHERE account_id = ? AND name = '') OR EXISTS (SELECT 1 FROM messages WHERE sender_name = '')`,
  );
  const nameCustomers = store.sqlite.prepare(
    `UPDATE customers SET name = @name, updated_at = @now
     WHERE name = '' AND id IN (SELECT customer_id FROM conversations WHERE order_id = @orderId AND +account_id = @accountId)`,
  );
  const nameMessages = store.sqlite.prepare(
    `UPDATE messages SET sender_name = @name
     WHERE sender_name = '' AND sender_type = 'CUSTOMER_USER'
       AND conversation_id IN (SELECT id FROM conversations WHERE order_id = @orderId AND +account_id = @accountId)`,
  );
  store.transaction(() => {
    // Nearly always nobody is unnamed: then no per-order naming at all.
    const naming = anyUnnamed.pluck().get(accountId) === 1;
    for (const order of orders) {
      const customerName = [order.customer?.firstname?.trim(), order.customer?.lastname?.trim()].filter(Boolean).join(' ') || null;
      if (naming && customerName !== null) {
        const named = { name: customerName, accountId, orderId: order.order_id, now };
        nameCustomers.run(named);
        nameMessages.run({ name: customerName, accountId, orderId: order.order_id });
      }
      upsert.run({
        accountId,
        orderId: order.order_id,
        state: order.order_state,
        customerId: order.customer?.customer_id ?? null,
        customerName,
        email: order.customer_notification_email ?? null,
        currency: order.currency_iso_code ?? null,
        total: order.total_price ?? null,
        shipping: order.shipping_price ?? null,
        lines: JSON.stringify(
          order.order_lines.map((l) => ({
            id: l.order_line_id,
            title: l.product_title ?? l.product_sku ?? l.offer_sku ?? '',
            sku: l.offer_sku ?? l.product_sku ?? null,
            quantity: l.quantity,
            unitPrice: l.price_unit ?? null,
            // The line's price without shipping (Mirakl's total_price includes the line's shipping,
            // which the order's shipping_price already counts).
            total: l.price ?? (l.price_unit != null ? l.price_unit * l.quantity : (l.total_price ?? null)),
            state: l.order_line_state ?? null,
          })),
        ),
        tracking: order.shipping_tracking ?? null,
        trackingUrl: order.shipping_tracking_url ?? null,
        carrier: order.shipping_company ?? null,
        createdAt: order.created_date ?? null,
        now,
        commercialId: order.commercial_id ?? null,
        firstName: order.customer?.firstname ?? null,
        lastName: order.customer?.lastname ?? null,
        locale: order.customer?.locale ?? null,
      });
    }
  });
}
