// A store at schema 0002 (search by triggers, message ids unique per account) with data in it
// migrates to 0003: nothing is lost, search still finds what was there, and what the sync
// writes next is indexed by the writer.
import { describe, expect, it } from 'vitest';
import * as m0001 from '../../src-main/db/migrations/0001-initial';
import * as m0002 from '../../src-main/db/migrations/0002-search-outbox-settings';
import { openStore } from '../../src-main/db/open';
import { listConversations } from '../../src-main/db/conversations';
import { toSearchTerms } from '../../src-main/db/search-query';
import { writeThreads } from '../../src-main/db/thread-writer';
import { buildStoreAt } from '../helpers/store-at-schema';
import { dbPath, tempDir } from '../helpers/temp-dir';
import { all, one, onPostgres, run, sql } from '../helpers/test-store';

async function buildAt0002(file: string): Promise<void> {
  await buildStoreAt(file, { '0001-initial': m0001, '0002-search-outbox-settings': m0002 }, `
    INSERT INTO accounts (id, name, base_url, created_at, updated_at) VALUES (1, 'Shop', 'https://shop.mirakl.net', 1, 1);
    INSERT INTO customers (id, account_id, mirakl_customer_id, name, created_at, updated_at) VALUES (1, 1, 'c-1', 'Hélène Boulanger', 1, 1);
    INSERT INTO conversations (id, account_id, mirakl_thread_id, customer_id, order_id, subject, topic_type, last_message_at,
      last_message_preview, message_count, unread_count, reply_needed_since, mirakl_updated_at, created_at, updated_at)
      VALUES (1, 1, 't-1', 1, 'ORD-77-A', 'Colis endommagé', 'FREE_TEXT', 5000, 'preview', 2, 1, 4000, 5000, 1, 1);
    INSERT INTO messages (id, account_id, conversation_id, mirakl_message_id, direction, sender_type, sender_name, body, body_text,
      sent_at, status, created_at)
      VALUES (1, 1, 1, 'm-1', 'inbound', 'CUSTOMER_USER', 'Hélène', '<p>Carton écrasé</p>', 'Carton écrasé', 4000, 'delivered', 1),
             (2, 1, 1, 'm-2', 'outbound', 'SHOP_USER', 'Shop', 'Désolé', 'Désolé', 5000, 'delivered', 1);
  `);
}

describe.skipIf(onPostgres)('migration 0003 (search indexed by the writers, message ids keyed by conversation) (SQLite only: upgrades a SQLite file at 0002)', () => {
  const dir = tempDir();

  it('keeps the data, the index and its searches; new rows are indexed by the writer', async () => {
    const file = dbPath(dir);
    await buildAt0002(file);
    const store = await openStore(file);
    try {
      const applied = (await all<{ name: string }>(store, sql`SELECT name FROM kysely_migration ORDER BY name`)).map((r) => r.name);
      expect(applied).toContain('0003-sync-write-path');
      const triggers = (await all<{ name: string }>(store, sql`SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name`)).map((r) => r.name);
      expect(triggers).not.toContain('messages_fts_insert');
      expect(triggers).not.toContain('conversations_fts_insert');
      expect(triggers).toEqual(expect.arrayContaining(['messages_fts_update', 'messages_fts_delete', 'conversations_fts_update', 'conversations_fts_delete']));
      expect((await one<{ sql: string }>(store, sql`SELECT sql FROM sqlite_master WHERE name = 'messages_mirakl_id'`))?.sql).toMatch(
        /\("?conversation_id"?, "?mirakl_message_id"?\)/,
      );
      expect(await one(store, sql`SELECT count(*) AS n FROM messages`)).toEqual({ n: 2 });

      const search = async (q: string) => (await listConversations(store.db, { searchTerms: toSearchTerms(`${q} `) }, null, 50)).rows.map((r) => r.mirakl_thread_id);
      expect(await search('ecrase')).toEqual(['t-1']);
      expect(await search('helene')).toEqual(['t-1']);

      await store.transaction((trx) =>
        writeThreads(
          trx,
          1,
          [
            {
              miraklThreadId: 't-2',
              subject: 'Facture manquante',
              topicType: 'FREE_TEXT',
              topicValue: 'Facture manquante',
              orderId: 'ORD-78-A',
              customer: { miraklId: 'c-2', name: 'Ana Lima' },
              createdAt: 6000,
              updatedAt: 7000,
              lastMessageAt: 7000,
              replyNeededSince: 7000,
              totalCount: 1,
              messages: [
                { miraklMessageId: 'm-1', direction: 'inbound', senderType: 'CUSTOMER_USER', senderName: 'Ana', body: 'Où est ma facture ?', bodyText: 'Où est ma facture ?', sentAt: 7000, attachments: [] },
              ],
            },
          ],
          { firstPass: false, now: 8000 },
        ),
      );
      // 'm-1' again, in another thread: ids are unique per thread now.
      expect(await one(store, sql`SELECT count(*) AS n FROM messages WHERE mirakl_message_id = 'm-1'`)).toEqual({ n: 2 });
      expect(await search('facture')).toEqual(['t-2']);
      expect(await search('lima')).toEqual(['t-2']);
      await run(store, sql`INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)`);
    } finally {
      await store.close();
    }
  });
});
