// Writes an inbox straight into a real store (no Mirakl): accounts, customers,
// conversations with chosen dates, flags and texts, and their messages.
import type { Store } from '../../src-main/db/open';
import { indexNewRows } from '../../src-main/db/search-index';

export interface SeedConversation {
  accountId: number;
  threadId: string;
  subject: string;
  lastMessageAt: number;
  customer?: { miraklId: string; name: string } | null;
  orderId?: string | null;
  replyNeededSince?: number | null;
  unread?: number;
  /** Message texts, oldest first (body = body_text). */
  messages?: string[];
}

export async function seedAccount(store: Store, name: string, baseUrl = `https://${name.toLowerCase().replace(/\W+/g, '-')}.mirakl.net`): Promise<number> {
  const row = await store.db
    .insertInto('accounts')
    .values({ name, base_url: baseUrl, shop_id: null, api_key: null, is_demo: 0, created_at: 0, updated_at: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Writes the conversations (a few multi-row statements per 500), their customers and messages; returns their ids in order. */
export function seedConversations(store: Store, conversations: readonly SeedConversation[]): Promise<number[]> {
  return store.transaction(async (trx) => {
    const customers = new Map<string, { accountId: number; miraklId: string; name: string }>();
    for (const c of conversations) if (c.customer) customers.set(`${c.accountId}/${c.customer.miraklId}`, { accountId: c.accountId, ...c.customer });
    const customerIds = new Map<string, number>();
    for (const chunk of chunks([...customers.values()], 500)) {
      const rows = await trx
        .insertInto('customers')
        .values(chunk.map((c) => ({ account_id: c.accountId, mirakl_customer_id: c.miraklId, name: c.name, created_at: 0, updated_at: 0 })))
        .onConflict((oc) => oc.columns(['account_id', 'mirakl_customer_id']).doUpdateSet({ name: (eb) => eb.ref('excluded.name') }))
        .returning(['id', 'account_id', 'mirakl_customer_id'])
        .execute();
      for (const r of rows) customerIds.set(`${r.account_id}/${r.mirakl_customer_id}`, r.id);
    }
    const ids: number[] = [];
    const messages: Array<[number, string]> = [];
    for (const chunk of chunks(conversations, 500)) {
      const inserted = await trx
        .insertInto('conversations')
        .values(
          chunk.map((c) => {
            const texts = c.messages ?? [];
            return {
              account_id: c.accountId,
              mirakl_thread_id: c.threadId,
              customer_id: c.customer ? customerIds.get(`${c.accountId}/${c.customer.miraklId}`)! : null,
              order_id: c.orderId ?? null,
              subject: c.subject,
              topic_type: 'FREE_TEXT',
              last_message_at: c.lastMessageAt,
              last_message_preview: texts.at(-1) ?? '',
              message_count: texts.length,
              unread_count: c.unread ?? 0,
              reply_needed_since: c.replyNeededSince ?? null,
              mirakl_updated_at: c.lastMessageAt,
              created_at: 0,
              updated_at: 0,
            };
          }),
        )
        .returning(['id', 'account_id', 'mirakl_thread_id'])
        .execute();
      const idOf = new Map(inserted.map((r) => [`${r.account_id}/${r.mirakl_thread_id}`, r.id]));
      const chunkIds = chunk.map((c) => idOf.get(`${c.accountId}/${c.threadId}`)!);
      ids.push(...chunkIds);
      const rows = chunk.flatMap((c, k) =>
        (c.messages ?? []).map((text, i, texts) => ({
          account_id: c.accountId,
          conversation_id: chunkIds[k]!,
          mirakl_message_id: `${c.threadId}-m${i}`,
          direction: 'inbound' as const,
          sender_type: 'CUSTOMER_USER',
          sender_name: 'Client',
          body: text,
          body_text: text,
          sent_at: c.lastMessageAt - (texts.length - 1 - i) * 1000,
          status: 'delivered' as const,
          error: null,
          created_at: 0,
        })),
      );
      for (const part of chunks(rows, 500)) {
        for (const r of await trx.insertInto('messages').values(part).returning(['id', 'body_text']).execute()) messages.push([r.id, r.body_text]);
      }
    }
    await indexNewRows(trx, { messages, conversations: ids });
    return ids;
  });
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}
