// The list view and a thread are index scans, never sorts over the table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src-main/db/open';
import { dbPath, tempDir } from '../helpers/temp-dir';

function plan(store: Store, sql: string, ...params: unknown[]): string {
  const rows = store.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>;
  return rows.map((r) => r.detail).join('\n');
}

describe('query plans', () => {
  const dir = tempDir();
  let store: Store;
  beforeAll(async () => {
    store = await openStore(dbPath(dir));
    store.sqlite.prepare("INSERT INTO accounts (name, base_url, created_at, updated_at) VALUES ('A', 'u', 1, 1)").run();
    const conv = store.sqlite.prepare(
      `INSERT INTO conversations (account_id, mirakl_thread_id, subject, topic_type, last_message_at, last_message_preview, message_count,
         mirakl_updated_at, created_at, updated_at) VALUES (1, ?, 's', 'FREE_TEXT', ?, '', 0, 0, 0, 0)`,
    );
    const msg = store.sqlite.prepare(
      `INSERT INTO messages (account_id, conversation_id, mirakl_message_id, direction, sender_type, sender_name, body, body_text, sent_at,
         status, created_at) VALUES (1, ?, ?, 'inbound', 'CUSTOMER_USER', 'c', 'b', 'b', ?, 'delivered', 0)`,
    );
    store.transaction(() => {
      for (let i = 1; i <= 2000; i++) {
        conv.run(`t${i}`, i * 1000);
        for (let j = 0; j < 5; j++) msg.run(i, `m${i}-${j}`, i * 1000 + j);
      }
    });
    store.sqlite.exec('ANALYZE');
  });
  afterAll(() => store.close());

  it('the inbox list (newest first, keyset) scans conversations_recent without a sort', () => {
    const first = plan(store, 'SELECT * FROM conversations ORDER BY last_message_at DESC, id DESC LIMIT 50');
    expect(first).toMatch(/SCAN conversations USING INDEX conversations_recent/);
    expect(first).not.toMatch(/TEMP B-TREE/);
    const next = plan(
      store,
      'SELECT * FROM conversations WHERE (last_message_at, id) < (?, ?) ORDER BY last_message_at DESC, id DESC LIMIT 50',
      5000,
      5,
    );
    expect(next).toMatch(/conversations USING INDEX conversations_recent/);
    expect(next).not.toMatch(/TEMP B-TREE/);
  });

  it('a thread reads its messages in time order from messages_thread without a sort', () => {
    const thread = plan(store, 'SELECT * FROM messages WHERE conversation_id = ? ORDER BY sent_at, id', 7);
    expect(thread).toMatch(/SEARCH messages USING INDEX messages_thread \(conversation_id=\?\)/);
    expect(thread).not.toMatch(/TEMP B-TREE/);
  });

  it('sync finds a thread and a message by Mirakl id through unique indexes', () => {
    expect(plan(store, 'SELECT id FROM conversations WHERE account_id = ? AND mirakl_thread_id = ?', 1, 't1')).toMatch(/SEARCH conversations USING (COVERING )?INDEX sqlite_autoindex_conversations/);
    expect(plan(store, 'SELECT id FROM messages WHERE conversation_id = ? AND mirakl_message_id = ?', 1, 'm1-1')).toMatch(/SEARCH messages USING (COVERING )?INDEX messages_mirakl_id/);
  });
});
