// The list view, a thread, the sync's lookups and search are index scans, never sorts or
// scans over the table: SQLite's EXPLAIN QUERY PLAN, or PostgreSQL's EXPLAIN.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src-main/db/open';
import { conversationListQuery } from '../../src-main/db/conversations';
import { toSearchTerms } from '../../src-main/db/search-query';
import { tempDir } from '../helpers/temp-dir';
import { explain as plan, onPostgres, openTestStore, run, sql } from '../helpers/test-store';

/** The plan names `index` (SQLite: SCAN/SEARCH … USING INDEX; PostgreSQL: Index Scan using / Index Only Scan using). */
const usesIndex = (index: string) => (onPostgres ? new RegExp(`Index (Only )?Scan using ${index}`) : new RegExp(`USING (COVERING )?INDEX ${index}`));
const SORT = onPostgres ? /Sort/ : /TEMP B-TREE/;

describe('query plans', () => {
  const dir = tempDir();
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(dir);
    await run(store, sql`INSERT INTO accounts (name, base_url, created_at, updated_at) VALUES ('A', 'u', 1, 1)`);
    await store.transaction(async (trx) => {
      for (let i = 1; i <= 2000; i += 100) {
        const conversations = Array.from({ length: 100 }, (_, k) => sql`(1, ${`t${i + k}`}, 's', 'FREE_TEXT', ${(i + k) * 1000}, '', 0, 0, 0, 0)`);
        await run(
          trx,
          sql`INSERT INTO conversations (account_id, mirakl_thread_id, subject, topic_type, last_message_at, last_message_preview, message_count,
                mirakl_updated_at, created_at, updated_at) VALUES ${sql.join(conversations)}`,
        );
        const messages = conversations.flatMap((_, k) =>
          Array.from({ length: 5 }, (_, j) => sql`(1, ${i + k}, ${`m${i + k}-${j}`}, 'inbound', 'CUSTOMER_USER', 'c', 'b', ${`texte ${i + k}`}, ${(i + k) * 1000 + j}, 'delivered', 0)`),
        );
        await run(
          trx,
          sql`INSERT INTO messages (account_id, conversation_id, mirakl_message_id, direction, sender_type, sender_name, body, body_text, sent_at,
                status, created_at) VALUES ${sql.join(messages)}`,
        );
      }
    });
    await run(store, sql`INSERT INTO attachments (message_id, mirakl_attachment_id, name, size) SELECT id, 'a' || id, 'photo-' || id || '.jpg', 10 FROM messages`);
    await run(store, sql`ANALYZE`);
  });
  afterAll(() => store.close());

  it('the inbox list (newest first, keyset) scans conversations_recent without a sort', async () => {
    const first = await plan(store, sql`SELECT * FROM conversations ORDER BY last_message_at DESC, id DESC LIMIT 50`);
    expect(first).toMatch(usesIndex('conversations_recent'));
    expect(first).not.toMatch(SORT);
    const next = await plan(store, sql`SELECT * FROM conversations WHERE (last_message_at, id) < (${5000}, ${5}) ORDER BY last_message_at DESC, id DESC LIMIT 50`);
    expect(next).toMatch(usesIndex('conversations_recent'));
    expect(next).not.toMatch(SORT);
  });

  it('a thread reads its messages in time order from messages_thread without a sort', async () => {
    const thread = await plan(store, sql`SELECT * FROM messages WHERE conversation_id = ${7} ORDER BY sent_at, id`);
    expect(thread).toMatch(usesIndex('messages_thread'));
    expect(thread).not.toMatch(SORT);
  });

  it('sync finds a thread and a message by Mirakl id through unique indexes', async () => {
    const thread = await plan(store, sql`SELECT id FROM conversations WHERE account_id = ${1} AND mirakl_thread_id = ${'t1'}`);
    expect(thread).toMatch(usesIndex(onPostgres ? 'conversations_mirakl_id' : 'sqlite_autoindex_conversations'));
    const message = await plan(store, sql`SELECT id FROM messages WHERE conversation_id = ${1} AND mirakl_message_id = ${'m1-1'}`);
    expect(message).toMatch(usesIndex('messages_mirakl_id'));
  });

  it.runIf(onPostgres)('search reads the GIN indexes of messages and conversations (PostgreSQL)', async () => {
    const query = conversationListQuery(store.db, { searchTerms: toSearchTerms('texte 1999') }, null, 51);
    const detail = await plan(store, query);
    expect(detail).toMatch(/Bitmap Index Scan on messages_search/);
    expect(detail).toMatch(/Bitmap Index Scan on conversations_search/);
  });

  it.runIf(onPostgres)('search reads the GIN indexes of attachment names and of order-id trigrams (PostgreSQL)', async () => {
    // "1999" has a digit: it is looked for inside order ids too.
    const detail = await plan(store, conversationListQuery(store.db, { searchTerms: toSearchTerms('1999') }, null, 51));
    expect(detail).toMatch(/Bitmap Index Scan on attachments_search/);
    expect(detail).toMatch(/Bitmap Index Scan on conversations_order_id_trigrams/);
  });
});
