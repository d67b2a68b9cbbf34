// A search's page says why each conversation matched (the passage, with the terms marked)
// and how many match; counts among the results; the list in longest-waiting order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchMatch } from '../../src-shared/contract';
import type { Store } from '../../src-main/db/open';
import {
  conversationListQuery,
  countSearchResults,
  listConversations,
  SEARCH_COUNT_LIMIT,
  type ConversationFilter,
  type ListPosition,
} from '../../src-main/db/conversations';
import { indexNewRows } from '../../src-main/db/search-index';
import { searchMatches } from '../../src-main/db/search-matches';
import { toSearchTerms } from '../../src-main/db/search-query';
import { decodeCursor, encodeCursor } from '../../src-main/service/list-cursor';
import { seedAccount, seedConversations } from '../helpers/seed-inbox';
import { tempDir } from '../helpers/temp-dir';
import { all, explain, one, onPostgres, openTestStore, run, sql } from '../helpers/test-store';

const marked = (text: string, ranges: Array<[number, number]>) =>
  ranges.reduceRight((out, [s, e]) => `${out.slice(0, s)}[${out.slice(s, e)}]${out.slice(e)}`, text);

describe('search results', () => {
  const dir = tempDir();
  let store: Store;
  let ids: number[];
  beforeAll(async () => {
    store = await openTestStore(dir);
    const account = await seedAccount(store, 'Shop');
    ids = await seedConversations(store, [
      // The newest message does not hold the word: the passage comes from the one that does.
      { accountId: account, threadId: 'colis', subject: 'Livraison', lastMessageAt: 9_000, orderId: '20000023-A',
        messages: ['Bonjour, mon colis est arrivé ouvert et le carton écrasé.', 'Merci de votre réponse rapide.'] },
      { accountId: account, threadId: 'subject', subject: 'Colis perdu', lastMessageAt: 8_000, orderId: '20000024-A', messages: ['Où en est-on ?'] },
      { accountId: account, threadId: 'customer', subject: 'Question', lastMessageAt: 7_000, customer: { miraklId: 'c', name: 'Élodie Colis' }, messages: ['Bonjour'] },
    ]);
    // An attachment's name, as the sync stores and indexes it.
    await store.transaction(async (trx) => {
      const message = (await one<{ id: number }>(trx, sql`SELECT id FROM messages WHERE conversation_id = ${ids[2]} LIMIT 1`))!.id;
      await run(trx, sql`INSERT INTO attachments (message_id, mirakl_attachment_id, name, size) VALUES (${message}, 'a', 'photo-du-colis.jpg', 10)`);
      await indexNewRows(trx, { messages: [], conversations: [], withAttachments: [ids[2]!] });
    });
    // Enough conversations sharing a word for the count to stop at its limit.
    await seedConversations(
      store,
      Array.from({ length: SEARCH_COUNT_LIMIT + 20 }, (_, i) => ({
        accountId: account,
        threadId: `bulk-${i}`,
        subject: 'Demande',
        lastMessageAt: 1_000 + i,
        replyNeededSince: i % 2 === 0 ? 500 + (i % 7) * 10 : null,
        unread: i % 3 === 0 ? 1 : 0,
        orderId: `3000${String(i).padStart(4, '0')}-B`,
        messages: ['remboursement demandé', 'toujours rien'],
      })),
    );
  });
  afterAll(() => store.close());

  async function page(q: string, filter: ConversationFilter = {}) {
    const searchTerms = toSearchTerms(q);
    const result = await listConversations(store.db, { ...filter, searchTerms }, null, 50);
    return { ...result, matches: await searchMatches(store.db, result.rows, searchTerms, result.commonTerms) };
  }

  it('shows why each conversation matched: a message passage, else an attachment, the subject or the customer', async () => {
    const { rows, matches } = await page('colis');
    expect(rows.map((r) => r.mirakl_thread_id)).toEqual(['colis', 'subject', 'customer']);
    const [inMessage, inSubject, inAttachment] = rows.map((r) => matches.get(r.id)!) as [SearchMatch, SearchMatch, SearchMatch];
    expect(inMessage.field).toBe('message');
    expect(marked(inMessage.text, inMessage.highlights)).toBe('Bonjour, mon [colis] est arrivé ouvert et le carton écrasé.');
    expect(inSubject).toMatchObject({ field: 'subject', text: 'Colis perdu', highlights: [[0, 5]] });
    // The attachment and the customer both hold the word; the attachment comes first.
    expect(inAttachment).toMatchObject({ field: 'attachment', text: 'photo-du-colis.jpg', highlights: [[9, 14]] });
    // The message holding the most terms wins over a field holding fewer.
    const both = (await page('colis carton')).matches.get(ids[0]!)!;
    expect(marked(both.text, both.highlights)).toBe('Bonjour, mon [colis] est arrivé ouvert et le [carton] écrasé.');
    // Whether the messages are read through a rare term's index or newest first, the same passages.
    const terms = toSearchTerms('colis');
    const { rows: found } = await listConversations(store.db, { searchTerms: terms }, null, 50);
    expect(await searchMatches(store.db, found, terms, new Set(terms))).toEqual(await searchMatches(store.db, found, terms, new Set()));
  });

  it('finds an order by any part of its id and marks that part', async () => {
    const { rows, matches } = await page('23-A');
    expect(rows.map((r) => r.mirakl_thread_id)).toEqual(['colis']);
    expect(matches.get(ids[0]!)).toEqual({ field: 'orderId', text: '20000023-A', highlights: [[6, 10]] });
  });

  it('counts the results of a first page, exactly up to the limit, then says "at least"', async () => {
    expect((await page('colis')).total).toEqual({ count: 3, exact: true });
    expect((await page('nothing-like-this')).total).toEqual({ count: 0, exact: true });
    const many = await page('remboursement');
    expect(many.rows).toHaveLength(50);
    expect(many.total).toEqual({ count: SEARCH_COUNT_LIMIT, exact: false });
    // Both plans count the same.
    const terms = toSearchTerms('remboursement');
    for (const commonTerms of [new Set<string>(), new Set(terms)]) {
      expect((await listConversations(store.db, { searchTerms: terms, commonTerms }, null, 10)).total).toEqual({ count: SEARCH_COUNT_LIMIT, exact: false });
      expect((await listConversations(store.db, { searchTerms: toSearchTerms('colis'), commonTerms }, null, 2)).total).toEqual({ count: 3, exact: true });
    }
    // Later pages and unsearched lists are not counted.
    expect((await listConversations(store.db, { searchTerms: terms }, many.next, 50)).total).toBeNull();
    expect((await listConversations(store.db, {}, null, 50)).total).toBeNull();
  });

  it('counts each filter among the results of a search', async () => {
    expect(await countSearchResults(store.db, toSearchTerms('colis'))).toMatchObject({ all: 3, replyNeeded: 0, unread: 0, snoozed: 0, exact: true });
    const bulk = await countSearchResults(store.db, toSearchTerms('toujours'));
    expect(bulk.exact).toBe(false);
    expect(bulk.all).toBe(SEARCH_COUNT_LIMIT);
    expect(bulk.replyNeeded).toBeGreaterThan(0);
    expect(bulk.replyNeeded).toBeLessThan(SEARCH_COUNT_LIMIT);
  });
});

describe('longest waiting first', () => {
  const dir = tempDir();
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(dir);
    const account = await seedAccount(store, 'Shop');
    await seedConversations(
      store,
      Array.from({ length: 40 }, (_, i) => ({
        accountId: account,
        threadId: `w${i}`,
        subject: i % 2 === 0 ? 'Colis en retard' : 'Facture',
        lastMessageAt: 10_000 + i,
        // Waiting since times with ties (the id breaks them); a third answered.
        replyNeededSince: i % 3 === 0 ? null : 5_000 - (i % 5) * 100,
        unread: i % 4 === 0 ? 1 : 0,
        messages: ['bonjour'],
      })),
    );
    await run(store, sql`ANALYZE`);
  });
  afterAll(() => store.close());

  async function walk(filter: ConversationFilter, limit: number): Promise<Array<{ id: number; since: number | null }>> {
    const out: Array<{ id: number; since: number | null }> = [];
    let after: ListPosition | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const result = await listConversations(store.db, { ...filter, sort: 'waiting' }, after, limit);
      out.push(...result.rows.map((r) => ({ id: r.id, since: r.reply_needed_since })));
      if (!result.next) return out;
      // Through the API's cursor, which knows its order.
      after = decodeCursor(encodeCursor(result.next, 'waiting'), 'waiting');
    }
    throw new Error('pagination does not end');
  }

  it('lists only the conversations awaiting a reply, the oldest wait first, every one exactly once across pages', async () => {
    const waiting = await all(store, sql`SELECT id, reply_needed_since AS since FROM conversations WHERE reply_needed_since IS NOT NULL ORDER BY reply_needed_since, id`);
    expect(waiting.length).toBeGreaterThan(20);
    for (const limit of [1, 4, 7, 100]) expect(await walk({}, limit)).toEqual(waiting);
    // With a search and a filter too.
    const unreadColis = await walk({ unread: true, searchTerms: toSearchTerms('colis') }, 3);
    expect(unreadColis.length).toBeGreaterThan(0);
    expect(unreadColis.map((r) => r.since)).toEqual([...unreadColis.map((r) => r.since)].sort((a, b) => a! - b!));
  });

  it('pages off the waiting index without sorting, and refuses a cursor of the other order', async () => {
    for (const after of [null, { sortKey: 4_800, id: 12 }]) {
      const detail = await explain(store, conversationListQuery(store.db, { sort: 'waiting' }, after, 51));
      if (onPostgres) {
        // 40 rows: PostgreSQL may rightly prefer reading the table; what matters is that the index can serve the order.
        const forced = await store.transaction(async (trx) => {
          await run(trx, sql`SET LOCAL enable_seqscan = off`);
          return explain(trx, conversationListQuery(trx, { sort: 'waiting' }, after, 51));
        });
        expect(forced).toMatch(/Index Scan using conversations_waiting/);
        expect(forced).not.toMatch(/Sort/);
      } else {
        expect(detail).toMatch(/(SCAN|SEARCH) c USING (COVERING )?INDEX conversations_waiting/);
        expect(detail).not.toMatch(/TEMP B-TREE/);
      }
    }
    const recent = encodeCursor({ sortKey: 1, id: 2 }, 'recent');
    expect(() => decodeCursor(recent, 'waiting')).toThrow(/another order/);
    expect(() => decodeCursor(encodeCursor({ sortKey: 1, id: 2 }, 'waiting'), 'recent')).toThrow(/another order/);
    expect(decodeCursor(recent, 'recent')).toEqual({ sortKey: 1, id: 2 });
  });
});
