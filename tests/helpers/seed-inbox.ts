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

export function seedConversations(store: Store, conversations: readonly SeedConversation[]): Promise<number[]> {
  return store.transaction(async (trx) => {
    const ids: number[] = [];
    const messages: Array<[number, string]> = [];
    for (const c of conversations) {
      const customer = c.customer
        ? await trx
            .insertInto('customers')
            .values({ account_id: c.accountId, mirakl_customer_id: c.customer.miraklId, name: c.customer.name, created_at: 0, updated_at: 0 })
            .onConflict((oc) => oc.columns(['account_id', 'mirakl_customer_id']).doUpdateSet({ name: c.customer!.name }))
            .returning('id')
            .executeTakeFirstOrThrow()
        : null;
      const texts = c.messages ?? [];
      const { id } = await trx
        .insertInto('conversations')
        .values({
          account_id: c.accountId,
          mirakl_thread_id: c.threadId,
          customer_id: customer?.id ?? null,
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
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(id);
      if (texts.length > 0) {
        const rows = await trx
          .insertInto('messages')
          .values(
            texts.map((text, i) => ({
              account_id: c.accountId,
              conversation_id: id,
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
          )
          .returning(['id', 'body_text'])
          .execute();
        for (const row of rows) messages.push([row.id, row.body_text]);
      }
    }
    await indexNewRows(trx, { messages, conversations: ids });
    return ids;
  });
}
