// A store at schema 0004 with data in it migrates to 0005: conversations keep their topic's
// code beside the subject (a bare number now reads "Reason 20" until its label is known),
// an empty order e-mail becomes none, and the new tables are there. Once reasons are
// fetched, the stored conversations show their labels and search finds them.
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as m0001 from '../../src-main/db/migrations/0001-initial';
import * as m0002 from '../../src-main/db/migrations/0002-search-outbox-settings';
import * as m0003 from '../../src-main/db/migrations/0003-sync-write-path';
import * as m0004 from '../../src-main/db/migrations/0004-who-is-who';
import { openStore } from '../../src-main/db/open';
import { listConversations } from '../../src-main/db/conversations';
import { toConversation } from '../../src-main/db/contract-mapping';
import { saveMessageReasons } from '../../src-main/db/message-reasons';
import { toSearchTerms } from '../../src-main/db/search-query';
import { buildStoreAt } from '../helpers/store-at-schema';
import { dbPath, onCleanup, tempDir } from '../helpers/temp-dir';
import { onPostgres } from '../helpers/test-store';

async function buildAt0004(file: string): Promise<void> {
  await buildStoreAt(file, { '0001-initial': m0001, '0002-search-outbox-settings': m0002, '0003-sync-write-path': m0003, '0004-who-is-who': m0004 }, `
    INSERT INTO accounts (id, name, base_url, created_at, updated_at) VALUES (1, 'Shop', 'https://shop.mirakl.net', 1, 1);
    INSERT INTO customers (id, account_id, mirakl_customer_id, name, created_at, updated_at) VALUES (1, 1, 'c-1', 'Hélène Boulanger', 1, 1);
    INSERT INTO conversations (id, account_id, mirakl_thread_id, customer_id, order_id, subject, topic_type, last_message_at,
      last_message_preview, message_count, unread_count, reply_needed_since, mirakl_updated_at, created_at, updated_at)
      VALUES (1, 1, 't-1', 1, 'ORD-1-A', '20', 'REASON_CODE', 5000, 'p', 0, 0, NULL, 5000, 1, 1),
             (2, 1, 't-2', 1, 'ORD-1-A', 'Damaged product', 'REASON_CODE', 4000, 'p', 0, 0, NULL, 4000, 1, 1),
             (3, 1, 't-3', 1, 'ORD-1-A', 'Colis endommagé', 'FREE_TEXT', 3000, 'p', 0, 0, NULL, 3000, 1, 1),
             (4, 1, 't-4', 1, 'ORD-1-A', '21', 'FREE_TEXT', 2000, 'p', 0, 0, NULL, 2000, 1, 1);
    INSERT INTO orders (account_id, mirakl_order_id, state, customer_email, lines_json, fetched_at)
      VALUES (1, 'ORD-1-A', 'SHIPPED', '', '[]', 1), (1, 'ORD-2-A', 'SHIPPED', 'relay@mirakl.net', '[]', 1);
    INSERT INTO sync_state (account_id, cursor) VALUES (1, 5000);
  `);
}

describe.skipIf(onPostgres)('migration 0005 (reason codes, stuck threads, empty e-mails) (SQLite only: upgrades a SQLite file)', () => {
  const dir = tempDir();

  it('keeps every conversation, never shows a bare code, and takes the labels once fetched', async () => {
    const file = dbPath(dir);
    await buildAt0004(file);
    const store = await openStore(file);
    try {
      // This test reads SQLite's own tables: a connection of its own on the file, beside the store's.
      const sqlite = new BetterSqlite3(file);
      onCleanup(dir, () => {
        sqlite.close();
      });
      expect(sqlite.prepare('SELECT name FROM kysely_migration ORDER BY name').pluck().all()).toContain('0005-what-shops-send');
      const rows = sqlite.prepare('SELECT mirakl_thread_id AS t, subject, topic_type AS type, topic_value AS value FROM conversations ORDER BY id').all();
      expect(rows).toEqual([
        { t: 't-1', subject: 'Reason 20', type: 'REASON_CODE', value: '20' },
        { t: 't-2', subject: 'Damaged product', type: 'REASON_CODE', value: 'DAMAGED_PRODUCT' },
        { t: 't-3', subject: 'Colis endommagé', type: 'FREE_TEXT', value: 'Colis endommagé' },
        // A free text that happens to be a number is the customer's own words: kept.
        { t: 't-4', subject: '21', type: 'FREE_TEXT', value: '21' },
      ]);
      expect(sqlite.prepare('SELECT mirakl_order_id, customer_email FROM orders ORDER BY id').all()).toEqual([
        { mirakl_order_id: 'ORD-1-A', customer_email: null },
        { mirakl_order_id: 'ORD-2-A', customer_email: 'relay@mirakl.net' },
      ]);
      expect(sqlite.prepare('SELECT cursor, reasons_fetched_at FROM sync_state').get()).toEqual({ cursor: 5000, reasons_fetched_at: null });
      expect(sqlite.prepare('SELECT count(*) FROM stuck_threads').pluck().get()).toBe(0);

      await saveMessageReasons(store, 1, [{ code: '20', label: 'Question about delivery' }, { code: 'DAMAGED_PRODUCT', label: 'Produit abîmé' }], 9000);
      const list = (await listConversations(store.db, {}, null, 10)).rows.map(toConversation);
      expect(list.map((c) => [c.miraklThreadId, c.subject, c.topic])).toEqual([
        ['t-1', 'Question about delivery', { type: 'REASON_CODE', value: '20' }],
        ['t-2', 'Produit abîmé', { type: 'REASON_CODE', value: 'DAMAGED_PRODUCT' }],
        ['t-3', 'Colis endommagé', { type: 'FREE_TEXT', value: 'Colis endommagé' }],
        ['t-4', '21', { type: 'FREE_TEXT', value: '21' }],
      ]);
      const search = async (q: string) => (await listConversations(store.db, { searchTerms: toSearchTerms(`${q} `) }, null, 10)).rows.map((r) => r.mirakl_thread_id);
      expect(await search('delivery')).toEqual(['t-1']);
      expect(await search('abime')).toEqual(['t-2']);
      sqlite.exec("INSERT INTO conversations_fts (conversations_fts, rank) VALUES ('integrity-check', 1)");
    } finally {
      await store.close();
    }
  });
});
