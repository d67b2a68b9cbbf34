// Writes an inbox straight into a real store (no Mirakl): accounts, customers,
// conversations with chosen dates, flags and texts, and their messages.
import type { Store } from '../../src-main/db/open';
import { SearchIndexWriter } from '../../src-main/db/search-index';

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

export function seedAccount(store: Store, name: string, baseUrl = `https://${name.toLowerCase().replace(/\W+/g, '-')}.mirakl.net`): number {
  const row = store.sqlite
    .prepare('INSERT INTO accounts (name, base_url, shop_id, api_key, is_demo, created_at, updated_at) VALUES (?, ?, NULL, NULL, 0, 0, 0) RETURNING id')
    .get(name, baseUrl) as { id: number };
  return row.id;
}

export function seedConversations(store: Store, conversations: readonly SeedConversation[]): number[] {
  const customer = store.sqlite.prepare(
    `INSERT INTO customers (account_id, mirakl_customer_id, name, created_at, updated_at) VALUES (?, ?, ?, 0, 0)
     ON CONFLICT (account_id, mirakl_customer_id) DO UPDATE SET name = excluded.name RETURNING id`,
  );
  const conversation = store.sqlite.prepare(
    `INSERT INTO conversations (account_id, mirakl_thread_id, customer_id, order_id, subject, topic_type, last_message_at,
       last_message_preview, message_count, unread_count, reply_needed_since, mirakl_updated_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'FREE_TEXT', ?, ?, ?, ?, ?, ?, 0, 0) RETURNING id`,
  );
  const message = store.sqlite.prepare(
    `INSERT INTO messages (account_id, conversation_id, mirakl_message_id, direction, sender_type, sender_name, body, body_text,
       sent_at, status, created_at)
     VALUES (?, ?, ?, 'inbound', 'CUSTOMER_USER', 'Client', ?, ?, ?, 'delivered', 0) RETURNING id`,
  );
  const search = new SearchIndexWriter(store.sqlite);
  return store.transaction(() => {
    const ids = conversations.map((c) => {
      const customerId = c.customer ? (customer.get(c.accountId, c.customer.miraklId, c.customer.name) as { id: number }).id : null;
      const texts = c.messages ?? [];
      const { id } = conversation.get(
        c.accountId,
        c.threadId,
        customerId,
        c.orderId ?? null,
        c.subject,
        c.lastMessageAt,
        texts.at(-1) ?? '',
        texts.length,
        c.unread ?? 0,
        c.replyNeededSince ?? null,
        c.lastMessageAt,
      ) as { id: number };
      search.addConversation(id);
      texts.forEach((text, i) => {
        const row = message.get(c.accountId, id, `${c.threadId}-m${i}`, text, text, c.lastMessageAt - (texts.length - 1 - i) * 1000) as { id: number };
        search.addMessage(row.id, text);
      });
      return id;
    });
    search.flush();
    return ids;
  });
}
