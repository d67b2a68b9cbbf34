// 10,000 conversations: the list scrolls from the newest to the oldest, loading pages as
// it goes, while the DOM only ever holds the rows in view (plus a few).
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { FakeMiraklStore } from '../../src-main/fake-mirakl/store';
import { startInbox, type Inbox } from './fixtures/inbox';
import { listConversations, rowIds } from './fixtures/ui';

const THREADS = 10_000;
const NAMES = ['Søren Tanaka', 'Łukasz Leroy', 'Amélie Rossi', 'José Kowalski', 'Núria Müller', 'Åsa Lefèvre', 'Mateo Dubois', 'Chloé Martin'];

function manyThreads(store: FakeMiraklStore) {
  const start = Date.now() - THREADS * 60_000;
  for (let i = 0; i < THREADS; i += 1) {
    store.addThread({
      customer: { id: `c-${i % 500}`, displayName: NAMES[i % NAMES.length] as string },
      body: `Bonjour, question ${i} à propos de ma commande.`,
      topic: { type: 'FREE_TEXT', value: `Question ${i}` },
      at: new Date(start + i * 60_000),
    });
  }
}

let inbox: Inbox;
beforeAll(async () => {
  inbox = await startInbox({ threads: 0, setup: manyThreads, intervalSeconds: 30 });
}, 180_000);
afterAll(async () => {
  await inbox?.close();
});

test('scrolling to the end of 10,000 conversations keeps fewer than 100 rows in the DOM', { timeout: 180_000 }, async () => {
  const page = inbox.page;
  const total = Number(await page.locator('[data-filter="all"] .filters__count').textContent().then((t) => t?.replace(/,/g, '')));
  expect(total).toBe(THREADS);

  let maxRows = 0;
  let lastTop = -1;
  for (let step = 0; step < 400; step += 1) {
    const state = await page.$eval('#conversation-list', (el) => {
      el.scrollTop = el.scrollHeight;
      return { top: el.scrollTop, rows: el.querySelectorAll('[role="option"]').length, loading: el.querySelectorAll('.row--skeleton').length };
    });
    maxRows = Math.max(maxRows, state.rows);
    expect(state.rows).toBeLessThan(100);
    if (state.loading === 0 && state.top === lastTop) break;
    lastTop = state.top;
    await page.waitForTimeout(60);
  }
  // The bottom row is the oldest conversation.
  const subjects = await page.$$eval('[role="option"]', (rows) =>
    rows.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top).map((r) => r.querySelector('.row__subject')?.textContent),
  );
  expect(subjects.at(-1)).toBe('Question 0');
  expect(maxRows).toBeGreaterThan(5);

  // And back to the top: the newest.
  await page.$eval('#conversation-list', (el) => (el.scrollTop = 0));
  await page.waitForTimeout(100);
  const first = (await listConversations(inbox, 'limit=1'))[0]!;
  expect((await rowIds(page))[0]).toBe(first.id);
  expect(await page.locator('[role="option"]').count()).toBeLessThan(100);
});
