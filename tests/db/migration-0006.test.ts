// A store at the schema before 0006, with data in it, migrates to 0006: nothing is lost,
// attachment names and any part of an order id are searchable, what the sync writes next is
// indexed too, and the longest-waiting order has its index.
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../src-main/db/migrations/index';
import { openStore, type Store } from '../../src-main/db/open';
import { listConversations } from '../../src-main/db/conversations';
import { toSearchTerms } from '../../src-main/db/search-query';
import { writeThreads } from '../../src-main/db/thread-writer';
import type { MappedThread } from '../../src-main/sync/map-thread';
import { dbPath, onCleanup, tempDir } from '../helpers/temp-dir';
import { onPostgres } from '../helpers/test-store';

const THIS_MIGRATION = '0006-search-why-and-waiting';

/** Every migration before this one, by name: the store as the previous version of the app left it. */
async function buildBefore0006(file: string): Promise<void> {
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
  const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < THIS_MIGRATION));
  const { error } = await new Migrator({ db, provider: { getMigrations: async () => before } }).migrateToLatest();
  if (error) throw error;
  sqlite.exec(`
    INSERT INTO accounts (id, name, base_url, created_at, updated_at) VALUES (1, 'Shop', 'https://shop.mirakl.net', 1, 1);
    INSERT INTO customers (id, account_id, mirakl_customer_id, name, created_at, updated_at) VALUES (1, 1, 'c-1', 'Hélène Boulanger', 1, 1);
    INSERT INTO conversations (id, account_id, mirakl_thread_id, customer_id, order_id, subject, topic_type, last_message_at,
      last_message_preview, message_count, unread_count, reply_needed_since, mirakl_updated_at, created_at, updated_at)
      VALUES (1, 1, 't-1', 1, '20000023-A', 'Livraison', 'FREE_TEXT', 5000, 'preview', 1, 1, 4000, 5000, 1, 1),
             (2, 1, 't-2', 1, '20000777-B', 'Question', 'FREE_TEXT', 6000, 'preview', 1, 0, NULL, 6000, 1, 1);
    INSERT INTO messages (id, account_id, conversation_id, mirakl_message_id, direction, sender_type, sender_name, body, body_text,
      sent_at, status, created_at)
      VALUES (1, 1, 1, 'm-1', 'inbound', 'CUSTOMER_USER', 'Hélène', 'Voici la photo', 'Voici la photo', 4000, 'delivered', 1),
             (2, 1, 2, 'm-2', 'inbound', 'CUSTOMER_USER', 'Hélène', 'Bonjour', 'Bonjour', 6000, 'delivered', 1);
    INSERT INTO attachments (id, message_id, mirakl_attachment_id, name, size) VALUES (1, 1, 'a-1', 'carton-écrasé.jpg', 2048);
    -- As the writer indexes them (search-index.ts).
    INSERT INTO messages_fts (rowid, body_text) SELECT id, body_text FROM messages;
    INSERT INTO conversations_fts (rowid, subject, customer_name, order_id)
      SELECT c.id, c.subject, cu.name, c.order_id FROM conversations c LEFT JOIN customers cu ON cu.id = c.customer_id;
  `);
  await db.destroy();
}

function thread(id: string, orderId: string, messages: MappedThread['messages'], updatedAt: number): MappedThread {
  return {
    miraklThreadId: id,
    subject: 'Retour',
    topicType: 'FREE_TEXT',
    topicValue: 'Colis',
    orderId,
    customer: { miraklId: 'c-2', name: 'Ana Lima' },
    createdAt: 1000,
    updatedAt,
    lastMessageAt: messages.at(-1)!.sentAt,
    replyNeededSince: null,
    totalCount: messages.length,
    messages,
  };
}

function message(id: string, text: string, sentAt: number, attachments: Array<{ name: string }> = []): MappedThread['messages'][number] {
  return {
    miraklMessageId: id,
    direction: 'inbound',
    senderType: 'CUSTOMER_USER',
    senderName: 'Ana',
    body: text,
    bodyText: text,
    sentAt,
    attachments: attachments.map((a, i) => ({ miraklAttachmentId: `${id}-a${i}`, name: a.name, size: 100 })),
  };
}

async function search(store: Store, q: string): Promise<string[]> {
  const searchTerms = toSearchTerms(q);
  const rare = await listConversations(store.db, { searchTerms, commonTerms: new Set() }, null, 50);
  const walking = await listConversations(store.db, { searchTerms, commonTerms: new Set(searchTerms) }, null, 50);
  // Both plans agree on every search.
  expect(walking.rows.map((r) => r.id)).toEqual(rare.rows.map((r) => r.id));
  return rare.rows.map((r) => r.mirakl_thread_id);
}

describe.skipIf(onPostgres)('migration 0006 (attachment names and order-id parts searched, longest-waiting index) (SQLite only: upgrades a SQLite file)', () => {
  const dir = tempDir();

  it('keeps the data and makes attachment names and order-id parts searchable, now and for what the sync writes next', async () => {
    const file = dbPath(dir);
    await buildBefore0006(file);
    const store = await openStore(file);
    try {
      // This test reads SQLite's own tables: a connection of its own on the file, beside the store's.
      const sqlite = new BetterSqlite3(file);
      onCleanup(dir, () => {
        sqlite.close();
      });
      expect(sqlite.prepare('SELECT name FROM kysely_migration ORDER BY name').pluck().all()).toContain(THIS_MIGRATION);
      expect(sqlite.prepare('SELECT count(*) FROM conversations').pluck().get()).toBe(2);
      expect(sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'conversations_waiting'").pluck().get()).toBe(1);

      // What was there: an attachment name (accents ignored), an order id by any part, the rest as before.
      expect(await search(store, 'ecrase')).toEqual(['t-1']);
      expect(await search(store, 'carton')).toEqual(['t-1']);
      expect(await search(store, '23-A')).toEqual(['t-1']);
      expect(await search(store, '0023')).toEqual(['t-1']);
      expect(await search(store, '777-b')).toEqual(['t-2']);
      expect(await search(store, '20000')).toEqual(['t-2', 't-1']);
      expect(await search(store, 'helene')).toEqual(['t-2', 't-1']);
      expect(await search(store, 'photo')).toEqual(['t-1']);

      // The sync's next writes: a new thread with an attachment, and a known thread gaining one.
      await store.transaction((trx) =>
        writeThreads(
          trx,
          1,
          [
            thread('t-3', '30000099-A', [message('m-3', 'Voici la facture', 7000, [{ name: 'facture-mars.pdf' }])], 7000),
            {
              ...thread('t-2', '20000777-B', [message('m-2', 'Bonjour', 6000), message('m-4', 'Et le bon', 8000, [{ name: 'étiquette-retour.pdf' }])], 8000),
              subject: 'Question',
              customer: { miraklId: 'c-1', name: 'Hélène Boulanger' },
            },
          ],
          { firstPass: false, now: 9000 },
        ),
      );
      expect(await search(store, 'mars')).toEqual(['t-3']);
      expect(await search(store, '099-a')).toEqual(['t-3']);
      expect(await search(store, 'etiquette')).toEqual(['t-2']);
      // The update trigger keeps the attachment names when the subject changes.
      sqlite.prepare("UPDATE conversations SET subject = 'Retour colis' WHERE mirakl_thread_id = 't-2'").run();
      expect(await search(store, 'etiquette')).toEqual(['t-2']);
      expect(await search(store, 'retour colis')).toEqual(['t-2']);

      // Order ids edited or deleted with their conversation leave the trigram index.
      sqlite.prepare("UPDATE conversations SET order_id = '55500001-A' WHERE mirakl_thread_id = 't-1'").run();
      expect(await search(store, '23-A')).toEqual([]);
      expect(await search(store, '500001')).toEqual(['t-1']);
      sqlite.prepare("DELETE FROM conversations WHERE mirakl_thread_id = 't-3'").run();
      expect(await search(store, '099-a')).toEqual([]);
      expect(await search(store, 'mars')).toEqual([]);

      for (const index of ['messages_fts', 'conversations_fts', 'order_ids_fts']) {
        sqlite.exec(`INSERT INTO ${index} (${index}, rank) VALUES ('integrity-check', 1)`);
      }

      // Down: the schema before it, its search rows rebuilt and kept in step.
      const { error } = await new Migrator({ db: store.db, provider: { getMigrations: async () => migrations } }).migrateTo(
        Object.keys(migrations).filter((name) => name < THIS_MIGRATION).at(-1)!,
      );
      expect(error).toBeUndefined();
      expect(sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE name IN ('order_ids_fts', 'conversations_waiting', 'conversation_search_rows')").pluck().get()).toBe(0);
      expect(sqlite.prepare('SELECT customer_name FROM conversations_fts WHERE conversations_fts MATCH ?').pluck().all('boulanger')).toHaveLength(2);
      sqlite.prepare("UPDATE customers SET name = 'Hélène Meunier' WHERE id = 1").run();
      expect(sqlite.prepare('SELECT rowid FROM conversations_fts WHERE conversations_fts MATCH ?').pluck().all('meunier')).toHaveLength(2);
      sqlite.exec("INSERT INTO conversations_fts (conversations_fts, rank) VALUES ('integrity-check', 1)");
    } finally {
      await store.close();
    }
  });
});
