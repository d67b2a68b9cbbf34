// A store written by the first version (schema 0001) with data in it migrates to 0002:
// nothing is lost, and what was already there is searchable.
import { describe, expect, it } from 'vitest';
import * as m0001 from '../../src-main/db/migrations/0001-initial';
import { openStore } from '../../src-main/db/open';
import { listConversations } from '../../src-main/db/conversations';
import { toSearchTerms } from '../../src-main/db/search-query';
import { indexNewRows } from '../../src-main/db/search-index';
import { buildStoreAt } from '../helpers/store-at-schema';
import { dbPath, tempDir } from '../helpers/temp-dir';
import { all, one, onPostgres, run, sql } from '../helpers/test-store';

async function buildAt0001(file: string): Promise<void> {
  await buildStoreAt(file, { '0001-initial': m0001 }, `
    INSERT INTO accounts (id, name, base_url, created_at, updated_at) VALUES (1, 'Old shop', 'https://old.mirakl.net', 1, 1);
    INSERT INTO customers (id, account_id, mirakl_customer_id, name, created_at, updated_at) VALUES (1, 1, 'c-1', 'Hélène Boulanger', 1, 1);
    INSERT INTO conversations (id, account_id, mirakl_thread_id, customer_id, order_id, subject, topic_type, last_message_at,
      last_message_preview, message_count, unread_count, reply_needed_since, mirakl_updated_at, created_at, updated_at)
      VALUES (1, 1, 't-1', 1, 'ORD-77-A', 'Colis endommagé', 'FREE_TEXT', 5000, 'preview', 2, 1, 4000, 5000, 1, 1),
             (2, 1, 't-2', NULL, NULL, 'Question facture', 'FREE_TEXT', 6000, 'preview', 1, 0, NULL, 6000, 1, 1);
    INSERT INTO messages (id, account_id, conversation_id, mirakl_message_id, direction, sender_type, sender_name, body, body_text,
      sent_at, status, created_at)
      VALUES (1, 1, 1, 'm-1', 'inbound', 'CUSTOMER_USER', 'Hélène', '<p>Carton écrasé</p>', 'Carton écrasé', 4000, 'delivered', 1),
             (2, 1, 1, 'm-2', 'outbound', 'SHOP_USER', 'Old shop', 'Désolé', 'Désolé', 5000, 'delivered', 1),
             (3, 1, 2, 'm-3', 'inbound', 'CUSTOMER_USER', 'X', 'Où est ma facture ?', 'Où est ma facture ?', 6000, 'delivered', 1);
    INSERT INTO attachments (id, message_id, mirakl_attachment_id, name, size) VALUES (1, 1, 'a-1', 'photo.jpg', 1234);
  `);
}

describe.skipIf(onPostgres)('migration 0002 (search, outbox, settings) (SQLite only: upgrades a SQLite file written by the first version)', () => {
  const dir = tempDir();

  it('keeps the data of a 0001 store and indexes it for search', async () => {
    const file = dbPath(dir);
    await buildAt0001(file);
    const store = await openStore(file);
    try {
      const applied = (await all<{ name: string }>(store, sql`SELECT name FROM kysely_migration ORDER BY name`)).map((r) => r.name);
      expect(applied.slice(0, 2)).toEqual(['0001-initial', '0002-search-outbox-settings']);
      expect(await one(store, sql`SELECT count(*) AS n FROM messages`)).toEqual({ n: 3 });
      expect(await one(store, sql`SELECT name, size, local_path, content_type FROM attachments`)).toEqual({
        name: 'photo.jpg',
        size: 1234,
        local_path: null,
        content_type: null,
      });

      const search = async (q: string) =>
        (await listConversations(store.db, { searchTerms: toSearchTerms(q) }, null, 50)).rows.map((r) => r.mirakl_thread_id);
      expect(await search('ecrase')).toEqual(['t-1']); // a message body, accents ignored
      expect(await search('helene')).toEqual(['t-1']); // the customer
      expect(await search('ORD-77-A')).toEqual(['t-1']); // the order
      expect(await search('facture')).toEqual(['t-2']); // subject and body of the same conversation: once
      expect(await search('endommage carton')).toEqual(['t-1']); // subject + body

      // New rows are indexed by their writer (since 0003; see db/search-index).
      await store.transaction(async (trx) => {
        const { id } = (await one<{ id: number }>(
          trx,
          sql`INSERT INTO messages (account_id, conversation_id, mirakl_message_id, direction, sender_type, sender_name, body, body_text, sent_at, status, created_at)
              VALUES (1, 2, 'm-4', 'inbound', 'CUSTOMER_USER', 'X', 'kiwi', 'kiwi', 7000, 'delivered', 1) RETURNING id`,
        ))!;
        await indexNewRows(trx, { messages: [[id, 'kiwi']], conversations: [] });
      });
      expect(await search('kiwi')).toEqual(['t-2']);
      // The index matches the messages table exactly (rank 1: checked against the content table).
      await run(store, sql`INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)`);

      // The new tables and indexes.
      const names = (await all<{ name: string }>(store, sql`SELECT name FROM sqlite_master WHERE type IN ('table', 'index')`)).map((r) => r.name);
      for (const name of ['outbox', 'settings', 'conversations_reply_needed', 'conversations_unread', 'conversations_account_recent', 'conversations_order_recent']) {
        expect(names).toContain(name);
      }
      expect(names).not.toContain('conversations_order');
      expect(await all(store, sql`PRAGMA foreign_key_check`)).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('removes a delivered reply from the outbox by trigger, and cascades with its message', async () => {
    const file = dbPath(dir);
    await buildAt0001(file);
    const store = await openStore(file);
    try {
      const insert = sql<{ id: number }>`INSERT INTO messages (account_id, conversation_id, mirakl_message_id, direction, sender_type, sender_name, body, body_text, sent_at, status, created_at)
         VALUES (1, 1, NULL, 'outbound', 'SHOP_USER', 'Old shop', 'Réponse', 'Réponse', 9000, 'pending', 9000) RETURNING id`;
      const a = (await one(store, insert))!.id;
      const b = (await one(store, insert))!.id;
      for (const id of [a, b]) await run(store, sql`INSERT INTO outbox (message_id, recipient, next_attempt_at, created_at) VALUES (${id}, 'customer', 0, 0)`);
      await run(store, sql`UPDATE messages SET status = 'delivered', mirakl_message_id = 'm-9' WHERE id = ${a}`);
      await run(store, sql`DELETE FROM messages WHERE id = ${b}`);
      expect(await one(store, sql`SELECT count(*) AS n FROM outbox`)).toEqual({ n: 0 });
    } finally {
      await store.close();
    }
  });
});
