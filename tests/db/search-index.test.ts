// The search index is written by the code that inserts rows (db/search-index), not by
// triggers. Whatever the writes, the index must match the tables exactly: FTS5's own
// integrity check (against the messages table) and the conversations' texts. On PostgreSQL
// the index is an expression of the rows themselves: the searches must find the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src-main/db/open';
import { enqueueReply } from '../../src-main/db/outbox';
import { listConversations } from '../../src-main/db/conversations';
import { toSearchTerms } from '../../src-main/db/search-query';
import { writeThreads } from '../../src-main/db/thread-writer';
import type { MappedMessage, MappedThread } from '../../src-main/sync/map-thread';
import { syncFixture, type SyncFixture } from '../helpers/sync-fixture';
import { tempDir } from '../helpers/temp-dir';
import { all, one, onPostgres, run, sql } from '../helpers/test-store';

async function expectIndexMatchesTables(store: Store): Promise<void> {
  if (onPostgres) return; // an index over an expression of the rows cannot drift from them
  // rank 1: compares the index with the content table (messages), not only with itself.
  await run(store, sql`INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)`);
  await run(store, sql`INSERT INTO conversations_fts (conversations_fts) VALUES ('integrity-check')`);
  const indexed = await all(store, sql`SELECT rowid AS id, subject, customer_name AS name, order_id AS "orderId" FROM conversations_fts ORDER BY rowid`);
  const tables = await all(
    store,
    sql`SELECT c.id, c.subject, cu.name, c.order_id AS "orderId" FROM conversations c LEFT JOIN customers cu ON cu.id = c.customer_id ORDER BY c.id`,
  );
  expect(indexed).toEqual(tables);
}

const message = (id: string, body: string, sentAt: number): MappedMessage => ({
  miraklMessageId: id,
  direction: 'inbound',
  senderType: 'CUSTOMER_USER',
  senderName: 'Zoé',
  body,
  bodyText: body,
  sentAt,
  attachments: [],
});

const thread = (id: string, subject: string, customerName: string, updatedAt: number, messages: MappedMessage[]): MappedThread => ({
  miraklThreadId: id,
  subject,
  topicType: 'FREE_TEXT',
  topicValue: subject,
  orderId: `ORD-${id}`,
  customer: { miraklId: 'cust-zoe', name: customerName },
  createdAt: 1_000,
  updatedAt,
  lastMessageAt: messages.at(-1)!.sentAt,
  replyNeededSince: null,
  totalCount: messages.length,
  messages,
});

describe('the search index, written beside the rows', () => {
  const dir = tempDir();
  let f: SyncFixture;
  const search = async (q: string) =>
    (await listConversations(f.store.db, { searchTerms: toSearchTerms(`${q} `) }, null, 50)).rows.map((r) => r.mirakl_thread_id);

  beforeAll(async () => {
    f = await syncFixture(dir, { threads: 30 });
  });
  afterAll(() => f.close());

  it('matches the tables after a first sync and a pass with new messages', async () => {
    await f.sync();
    await expectIndexMatchesTables(f.store);
    const target = f.fake.store.listThreads()[2]!;
    f.fake.store.addCustomerMessage(target.id, 'Le colis est arrivé tout mouillé, quelle catastrophe');
    await f.sync();
    await expectIndexMatchesTables(f.store);
    expect(await search('mouille catastrophe')).toEqual([target.id]);
  });

  it('one page with the same thread twice: edited body, new subject, renamed customer all indexed as they ended', async () => {
    const accountId = f.connection.accountId;
    const first = thread('twice', 'Colis perdu', 'Zoé Martin', 2_000, [message('tw-1', 'Bonjour, où est mon ananas ?', 1_500)]);
    const second = thread('twice', 'Colis retrouvé', 'Zoé Dupont', 3_000, [
      message('tw-1', 'Bonjour, où est ma mangue ?', 1_500),
      message('tw-2', 'Merci, reçu la papaye', 2_500),
    ]);
    await f.store.transaction((trx) => writeThreads(trx, accountId, [first, second], { firstPass: false, now: 5_000 }));
    await expectIndexMatchesTables(f.store);
    expect(await search('ananas')).toEqual([]);
    expect(await search('mangue')).toEqual(['twice']);
    expect(await search('papaye')).toEqual(['twice']);
    expect(await search('retrouve dupont')).toEqual(['twice']);
    expect(await search('martin')).toEqual([]);
  });

  it('a page that fails halfway leaves no index rows behind, and the next page is indexed', async () => {
    const accountId = f.connection.accountId;
    const good = thread('ok-1', 'Facture', 'Zoé Dupont', 4_000, [message('ok-1-m', 'Il manque la facture du kumquat', 3_500)]);
    const bad = thread('bad-1', 'Cassé', 'Zoé Dupont', 4_000, [{ ...message('bad-1-m', 'litchi', 3_600), direction: 'sideways' as 'inbound' }]);
    await expect(f.store.transaction((trx) => writeThreads(trx, accountId, [good, bad], { firstPass: false, now: 6_000 }))).rejects.toThrow(/CHECK|check constraint/);
    await expectIndexMatchesTables(f.store);
    expect(await search('kumquat')).toEqual([]);
    await f.store.transaction((trx) => writeThreads(trx, accountId, [good], { firstPass: false, now: 6_000 }));
    await expectIndexMatchesTables(f.store);
    expect(await search('kumquat')).toEqual(['ok-1']);
  });

  it('a reply written here is searchable at once', async () => {
    const { id: conversationId } = (await one<{ id: number }>(f.store, sql`SELECT id FROM conversations WHERE mirakl_thread_id = 'ok-1'`))!;
    await enqueueReply(f.store, {
      accountId: f.connection.accountId,
      conversationId,
      body: 'Voici la facture de la goyave',
      bodyText: 'Voici la facture de la goyave',
      senderName: 'Shop',
      recipient: 'customer',
      now: 7_000,
    });
    await expectIndexMatchesTables(f.store);
    expect(await search('goyave')).toEqual(['ok-1']);
  });
});
