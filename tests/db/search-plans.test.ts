// A word found in thousands of messages is searched by walking the list newest first; a
// rare one by collecting its few conversations. Both plans must find the same pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src-main/db/open';
import { classifySearchTerms, listConversations, type ConversationFilter } from '../../src-main/db/conversations';
import { toSearchTerms } from '../../src-main/db/search-query';
import { seedAccount, seedConversations } from '../helpers/seed-inbox';
import { tempDir } from '../helpers/temp-dir';
import { openTestStore } from '../helpers/test-store';

describe('search plans', () => {
  const dir = tempDir();
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(dir);
    const accountId = await seedAccount(store, 'Shop');
    await seedConversations(
      store,
      Array.from({ length: 1500 }, (_, i) => ({
        accountId,
        threadId: `t${i}`,
        subject: i % 97 === 0 ? 'Chronopost delay' : 'Question',
        lastMessageAt: 1_700_000_000_000 + (i % 500) * 1000, // ties on time: the id breaks them
        messages: [`bonjour colis numéro ${i}`, i % 3 === 0 ? 'remboursement demandé' : 'merci', 'bonjour encore'],
      })),
    );
  });
  afterAll(() => store.close());

  async function allPages(filter: ConversationFilter): Promise<number[]> {
    const ids: number[] = [];
    let after = null;
    do {
      const page = await listConversations(store.db, filter, after, 40);
      ids.push(...page.rows.map((r) => r.id));
      after = page.next;
    } while (after);
    return ids;
  }

  it('tells common terms from rare ones', async () => {
    const common = await classifySearchTerms(store.db, [...toSearchTerms('bonjour '), ...toSearchTerms('chronopost ')]);
    expect([...common]).toEqual(toSearchTerms('bonjour '));
  });

  it('judges a prefix by its whole word first, and by the prefix when the word alone is rare', async () => {
    const terms = [...toSearchTerms('bonjour'), ...toSearchTerms('bonj'), ...toSearchTerms('chrono'), ...toSearchTerms('rembours')];
    expect(terms).toEqual(['"bonjour"*', '"bonj"*', '"chrono"*', '"rembours"*']);
    const common = await classifySearchTerms(store.db, terms);
    expect([...common]).toEqual(['"bonjour"*', '"bonj"*']);
  });

  it.each(['bonjour', 'remboursement colis', 'chronopost', 'bonjour chronopost', 'numéro 12'])('"%s": both plans give the same pages', async (q) => {
    const searchTerms = toSearchTerms(q);
    const walking = await allPages({ searchTerms, commonTerms: new Set(searchTerms) });
    const collecting = await allPages({ searchTerms, commonTerms: new Set() });
    expect(walking).toEqual(collecting);
    expect(walking.length).toBeGreaterThan(0);
    expect(new Set(walking).size).toBe(walking.length);
  });
});
