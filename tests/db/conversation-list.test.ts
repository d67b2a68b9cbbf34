// The inbox list: newest first, keyset pages that neither skip nor repeat a conversation
// (even when many share one date), filters, counts, and full-text search that no input
// can turn into an FTS syntax error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src-main/db/open';
import {
  conversationListQuery,
  countConversations,
  listConversations,
  type ConversationFilter,
  type ListPosition,
} from '../../src-main/db/conversations';
import { toSearchTerms } from '../../src-main/db/search-query';
import type { ConversationWithCustomer } from '../../src-main/db/contract-mapping';
import { seedAccount, seedConversations, type SeedConversation } from '../helpers/seed-inbox';
import { tempDir } from '../helpers/temp-dir';
import { explain, onPostgres, openTestStore, run, sql } from '../helpers/test-store';

const NAMES = ['Émilie Durand', 'Jürgen Müller', 'Ana García', 'Tom Smith', 'Zoë Lefèvre'];
const SUBJECTS = ['Où est mon colis ?', 'Produit abîmé', 'Remboursement', 'Facture', 'Changement d’adresse'];
const BODIES = [
  'Bonjour, je n’ai pas reçu ma commande.',
  'Le produit est arrivé cassé, je souhaite un échange.',
  'Pouvez-vous me rembourser ? Merci.',
  'Hello, where is my parcel? 📦',
  'J’attends la facture depuis une semaine.',
];

/** 60 conversations over two accounts; dates come in groups of 3 equal values (ties). */
function inbox(a: number, b: number): SeedConversation[] {
  return Array.from({ length: 60 }, (_, i) => ({
    accountId: i % 4 === 0 ? b : a,
    threadId: `t${i}`,
    subject: SUBJECTS[i % SUBJECTS.length]!,
    lastMessageAt: 1_700_000_000_000 + Math.floor(i / 3) * 60_000,
    customer: i % 7 === 6 ? null : { miraklId: `cust-${i % 10}`, name: NAMES[i % NAMES.length]! },
    orderId: i % 5 === 4 ? null : `ORD-${1000 + (i % 12)}-A`,
    replyNeededSince: i % 3 === 0 ? 1_700_000_000_000 : null,
    unread: i % 4 === 1 ? 2 : 0,
    messages: [BODIES[i % BODIES.length]!, `Suivi numéro ${i}`],
  }));
}

function expectedOrder(rows: ConversationWithCustomer[]): number[] {
  return [...rows].sort((x, y) => y.last_message_at - x.last_message_at || y.id - x.id).map((r) => r.id);
}

describe('conversation list', () => {
  const dir = tempDir();
  let store: Store;
  let accountA: number;
  let accountB: number;
  let all: ConversationWithCustomer[];

  async function walk(filter: ConversationFilter, limit: number): Promise<number[]> {
    const ids: number[] = [];
    let after: ListPosition | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const page = await listConversations(store.db, filter, after, limit);
      ids.push(...page.rows.map((r) => r.id));
      if (!page.next) return ids;
      expect(page.rows).toHaveLength(limit);
      after = page.next;
    }
    throw new Error('pagination does not end');
  }

  beforeAll(async () => {
    store = await openTestStore(dir);
    accountA = await seedAccount(store, 'Shop A');
    accountB = await seedAccount(store, 'Shop B');
    await seedConversations(store, inbox(accountA, accountB));
    all = (await listConversations(store.db, {}, null, 200)).rows;
  });
  afterAll(() => store.close());

  it('pages newest first across ties, every conversation exactly once', async () => {
    expect(all).toHaveLength(60);
    for (const limit of [1, 7, 9, 59, 60, 61]) {
      expect(await walk({}, limit)).toEqual(expectedOrder(all));
    }
  });

  it('filters by reply needed, unread, account and order, and pages through each', async () => {
    const cases: Array<[ConversationFilter, (r: ConversationWithCustomer) => boolean]> = [
      [{ replyNeeded: true }, (r) => r.reply_needed_since !== null],
      [{ unread: true }, (r) => r.unread_count > 0],
      [{ accountId: accountB }, (r) => r.account_id === accountB],
      [{ orderId: 'ORD-1003-A' }, (r) => r.order_id === 'ORD-1003-A'],
      [{ accountId: accountA, replyNeeded: true, unread: true }, (r) => r.account_id === accountA && r.reply_needed_since !== null && r.unread_count > 0],
      [{ replyNeeded: false, unread: false }, () => true],
    ];
    for (const [filter, keep] of cases) {
      const expected = expectedOrder(all.filter(keep));
      expect(expected.length).toBeGreaterThan(0);
      expect(await walk(filter, 4)).toEqual(expected);
    }
  });

  it('counts each filter, overall and per account', async () => {
    expect(await countConversations(store.db)).toEqual({
      all: 60,
      replyNeeded: all.filter((r) => r.reply_needed_since !== null).length,
      unread: all.filter((r) => r.unread_count > 0).length,
      snoozed: 0,
    });
    const ofB = all.filter((r) => r.account_id === accountB);
    expect(await countConversations(store.db, accountB)).toEqual({
      all: ofB.length,
      replyNeeded: ofB.filter((r) => r.reply_needed_since !== null).length,
      unread: ofB.filter((r) => r.unread_count > 0).length,
      snoozed: 0,
    });
  });

  const search = async (q: string, filter: ConversationFilter = {}) => {
    const terms = toSearchTerms(q);
    if (terms.length === 0) return [];
    return (await listConversations(store.db, { ...filter, searchTerms: terms }, null, 200)).rows;
  };

  it('finds conversations by subject, customer name, order id and message text, accents ignored', async () => {
    expect((await search('abime')).map((r) => r.subject)).toEqual(expect.arrayContaining(['Produit abîmé']));
    expect((await search('abime')).every((r) => r.subject === 'Produit abîmé')).toBe(true);
    const muller = await search('muller ');
    expect(muller.length).toBe(all.filter((r) => r.customer_name === 'Jürgen Müller').length);
    expect((await search('ORD-1003-A')).map((r) => r.id).sort()).toEqual(all.filter((r) => r.order_id === 'ORD-1003-A').map((r) => r.id).sort());
    // A message body word; results stay in list order.
    const parcel = await search('parcel');
    expect(parcel.map((r) => r.id)).toEqual(expectedOrder(parcel));
    expect(parcel.length).toBe(12);
  });

  it('matches the last word as a prefix while typing, and every word somewhere in the conversation', async () => {
    expect((await search('rembour')).length).toBeGreaterThan(0);
    expect(await search('rembour ')).toEqual([]); // a finished word is matched whole
    // Customer name (conversation) + a word of one of its messages.
    const both = await search('Garcia rembourser');
    expect(both.length).toBeGreaterThan(0);
    for (const r of both) expect(r.customer_name).toBe('Ana García');
    // Searching within a filter and an account.
    const filtered = await search('suivi', { replyNeeded: true, accountId: accountA });
    expect(filtered.map((r) => r.id)).toEqual(expectedOrder(all.filter((r) => r.reply_needed_since !== null && r.account_id === accountA)));
  });

  it('never lets user input reach FTS5 as syntax', async () => {
    const hostile = [
      '"',
      '""',
      '"unterminated',
      '*',
      '**',
      'colis*',
      'AND',
      'OR',
      'NOT',
      'colis AND',
      'AND colis',
      'NEAR(',
      'NEAR(colis facture, 2)',
      'subject:colis',
      '{subject}: x',
      '^colis',
      '-colis',
      '+',
      '(',
      ')',
      'a\u0000b',
      '\u0000',
      '📦',
      '👩‍👩‍👧',
      '\uD800',
      'x'.repeat(200),
      "'; DROP TABLE conversations; --",
      '%_',
      ' ',
      'ÉMILIE',
    ];
    for (const q of hostile) {
      await expect(search(q), q).resolves.toBeInstanceOf(Array);
    }
    // Punctuation around a word is not syntax: it is ignored like any separator.
    expect((await search('(colis)')).length).toBeGreaterThan(0);
    expect((await search('colis*')).length).toBeGreaterThan(0);
    expect((await search('"colis"')).length).toBeGreaterThan(0);
    expect(await search('📦')).toEqual([]);
    expect((await search('ÉMILIE')).length).toBeGreaterThan(0);
  });

  it('splits words at punctuation as FTS5 does, on both backends: e-mail parts, hyphenated ids, apostrophes', async () => {
    const [id] = await seedConversations(store, [
      {
        accountId: accountB,
        threadId: 'punct',
        subject: 'Colis n° XK-2041-B',
        lastMessageAt: 2,
        customer: { miraklId: 'punct-c', name: 'Søren O’Brien' },
        messages: ['Écrivez à jean.dupont@example.com', 'Vérifiez l’entrepôt de livraison (bâtiment C)'],
      },
    ]);
    for (const q of ['dupont', 'example com', 'jean.dupont@example.com', "l'entrepot", 'entrepôt ', 'XK-2041', '2041 ', 'xk-2041-b ', 'batiment', 'O’Brien ', "o'brien"]) {
      expect((await search(q)).map((r) => r.id), q).toEqual([id]);
    }
    // Letters with no decomposition (ø, ß, œ) fold on PostgreSQL only (unaccent), not in FTS5's unicode61.
    expect((await search('soren')).map((r) => r.id)).toEqual(onPostgres ? [id] : []);
    // Every word is required, and a finished word is not a prefix.
    expect(await search('dupont zebre')).toEqual([]);
    expect(await search('dupon ')).toEqual([]);
  });

  it('keeps search in step with the store: edits, renames, deletions', async () => {
    const [id] = await seedConversations(store, [
      { accountId: accountA, threadId: 'live', subject: 'Zebra question', lastMessageAt: 1, customer: { miraklId: 'live-c', name: 'Quentin Xylo' }, messages: ['Premier message okapi'] },
    ]);
    expect((await search('okapi')).map((r) => r.id)).toEqual([id]);
    await run(store, sql`UPDATE messages SET body_text = 'Premier message narval' WHERE conversation_id = ${id}`);
    expect(await search('okapi')).toEqual([]);
    expect((await search('narval')).map((r) => r.id)).toEqual([id]);
    await run(store, sql`UPDATE customers SET name = 'Quentin Yak' WHERE mirakl_customer_id = 'live-c'`);
    expect(await search('xylo')).toEqual([]);
    expect((await search('yak')).map((r) => r.id)).toEqual([id]);
    await run(store, sql`UPDATE conversations SET subject = 'Giraffe question' WHERE id = ${id}`);
    expect(await search('zebra')).toEqual([]);
    expect((await search('giraffe')).map((r) => r.id)).toEqual([id]);
    await run(store, sql`DELETE FROM conversations WHERE id = ${id}`);
    expect(await search('narval')).toEqual([]);
    expect(await search('giraffe')).toEqual([]);
    if (!onPostgres) {
      await run(store, sql`INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')`);
      await run(store, sql`INSERT INTO conversations_fts (conversations_fts) VALUES ('integrity-check')`);
    }
  });
});

describe('list query plans', () => {
  const dir = tempDir();
  let store: Store;

  beforeAll(async () => {
    store = await openTestStore(dir);
    const a = await seedAccount(store, 'Plan A');
    const b = await seedAccount(store, 'Plan B');
    const rows: SeedConversation[] = Array.from({ length: 3000 }, (_, i) => ({
      accountId: i % 3 === 0 ? b : a,
      threadId: `p${i}`,
      subject: 'Sujet',
      lastMessageAt: 1_000 * i,
      customer: { miraklId: `c${i % 50}`, name: 'Client' },
      orderId: `O-${i % 400}`,
      replyNeededSince: i % 9 === 0 ? 1 : null,
      unread: i % 11 === 0 ? 1 : 0,
      messages: ['texte'],
    }));
    await seedConversations(store, rows);
    await run(store, sql`ANALYZE`);
  });
  afterAll(() => store.close());

  /** SQLite's EXPLAIN QUERY PLAN details, or PostgreSQL's EXPLAIN text, one line each. */
  function plan(filter: ConversationFilter, after: ListPosition | null): Promise<string> {
    return explain(store, conversationListQuery(store.db, filter, after, 51));
  }

  const after = { sortKey: 1_500_000, id: 1500 };

  it.each([
    ['all', {}, /conversations_recent/],
    ['reply needed', { replyNeeded: true }, /conversations_reply_needed/],
    ['unread', { unread: true }, /conversations_unread/],
    ['one account', { accountId: 2 }, /conversations_account_recent/],
    ['one order', { orderId: 'O-7' }, /conversations_order_recent/],
    ['account + reply needed', { accountId: 1, replyNeeded: true }, /conversations_(reply_needed|account_recent)/],
  ] as Array<[string, ConversationFilter, RegExp]>)('%s: an index scan, first and next pages, no sort', async (_name, filter, index) => {
    for (const position of [null, after]) {
      const detail = await plan(filter, position);
      if (onPostgres) {
        // PostgreSQL's planner weighs its statistics: one account's page may walk the whole list's
        // index with a filter, and an order's few conversations are read by a bitmap and sorted
        // (a handful of rows). Never a sort of the table.
        const expected = index.source.includes('account_recent') ? `(${index.source}|conversations_recent)` : index.source;
        expect(detail).toMatch(new RegExp(`(Index Scan using|Bitmap Index Scan on) ${expected}`));
        if (!/Bitmap Index Scan/.test(detail)) expect(detail).not.toMatch(/Sort/);
      } else {
        expect(detail).toMatch(new RegExp(`(SCAN|SEARCH) c USING (COVERING )?INDEX ${index.source}`));
        expect(detail).not.toMatch(/TEMP B-TREE/);
      }
    }
  });
});
