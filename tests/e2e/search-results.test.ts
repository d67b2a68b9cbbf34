// Search that shows why it matched (the passage with the terms marked, an order id by any
// part, an attachment's name), how many results, counts of the results on the tabs; the list
// longest waiting first; and "next waiting customer" taken from within the results.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ConversationCounts, ConversationPage } from '../../src-shared/contract';
import { startInbox, type Inbox } from './fixtures/inbox';
import { screenshot } from './fixtures/screenshots';
import { eventually, rowIds, selectedRowId } from './fixtures/ui';

const THREAD = 'why-it-matched';
const ORDER = '20000923-A';

let inbox: Inbox;
let threadId: number;
beforeAll(async () => {
  inbox = await startInbox({
    threads: 30,
    seed: 42,
    setup: (store) => {
      store.addThread({
        id: THREAD,
        orderId: ORDER,
        topic: { type: 'FREE_TEXT', value: 'Réclamation' },
        body: 'Bonjour, mon colis est arrivé écrasé ce matin, le carton était ouvert sur le côté.',
        attachments: [{ name: 'photo-carton-ecrase.jpg', size: 48_000 }],
      });
      // The newest message does not hold the words searched below.
      store.addShopMessage(THREAD, 'Nous vous remboursons aujourd’hui, toutes nos excuses.');
    },
  });
  const page = await inbox.api<ConversationPage>('GET', `/api/conversations?limit=5&q=${encodeURIComponent(ORDER)}`);
  threadId = page.items.find((c) => c.miraklThreadId === THREAD)!.id;
});
afterAll(async () => {
  await inbox?.close();
});

const searchBox = () => inbox.page.getByRole('searchbox', { name: 'Search conversations' });
const row = (id: number) => inbox.page.locator(`[role="option"][data-conversation-id="${id}"]`);
const marks = (id: number, part: string) => row(id).locator(`${part} mark`).allTextContents();

const resultCount = (total: number) => `${total} ${total === 1 ? 'result' : 'results'}`;

/** Searches from the box; resolves once the list shows this search's results. */
async function searchFor(q: string): Promise<ConversationPage> {
  await searchBox().fill(q);
  const answer = await inbox.api<ConversationPage>('GET', `/api/conversations?limit=50&q=${encodeURIComponent(q)}`);
  // The count belongs to this search's answer: the rows below it are its results.
  const count = inbox.page.locator(`[data-testid="result-count"][data-query="${q}"]`);
  await expect.poll(() => count.textContent()).toBe(resultCount(answer.total!.count));
  await eventually(async () => expect((await rowIds(inbox.page)).slice(0, answer.items.length)).toEqual(answer.items.map((c) => c.id)));
  return answer;
}

test('a row found by an older message shows that passage with the words marked, and the number of results', async () => {
  const answer = await searchFor('ecrase carton');
  expect(answer.items.map((c) => c.id)).toContain(threadId);
  expect(await row(threadId).locator('.row__preview').textContent()).toContain('colis est arrivé écrasé ce matin, le carton');
  expect(await marks(threadId, '.row__preview')).toEqual(['écrasé', 'carton']);
  // The tabs count the results, not the whole inbox.
  const counts = await inbox.api<ConversationCounts>('GET', `/api/conversations/counts?q=${encodeURIComponent('ecrase carton')}`);
  await expect.poll(() => inbox.page.locator('[data-filter="all"] .filters__count').textContent()).toBe(String(counts.all));
  expect(await inbox.page.locator('[data-filter="replyNeeded"] .filters__count').textContent()).toBe(String(counts.replyNeeded));
  await screenshot(inbox.page, '40-search-passage');
});

test('an order is found by any part of its id, and that part is marked', async () => {
  await searchFor('923-A');
  expect(await marks(threadId, '.row__order')).toEqual(['923-A']);
  await searchFor('photo-carton');
  expect(await row(threadId).locator('.row__attachment').textContent()).toContain('photo-carton-ecrase.jpg');
  expect(await marks(threadId, '.row__attachment')).toEqual(['photo-carton']);
  await screenshot(inbox.page, '41-search-attachment');
  await searchBox().fill('');
  await expect.poll(() => inbox.page.getByTestId('result-count').count()).toBe(0);
});

test('the list can show the customers waiting longest first, and back', async () => {
  const page = inbox.page;
  const sortBox = page.getByRole('combobox', { name: 'Sort conversations' });
  await sortBox.selectOption('waiting');
  const waiting = await inbox.api<ConversationPage>('GET', '/api/conversations?limit=50&sort=waiting');
  expect(waiting.items.length).toBeGreaterThan(2);
  const since = waiting.items.map((c) => Date.parse(c.replyNeededSince!));
  expect(since).toEqual([...since].sort((a, b) => a - b));
  await eventually(async () => expect(await rowIds(page)).toEqual(waiting.items.map((c) => c.id).slice(0, (await rowIds(page)).length)));
  await screenshot(page, '42-longest-waiting');
  await sortBox.selectOption('recent');
  const recent = await inbox.api<ConversationPage>('GET', '/api/conversations?limit=50');
  await eventually(async () => expect((await rowIds(page))[0]).toBe(recent.items[0]!.id));
});

test('"Answer the next waiting customer" opens the one waiting longest among the search results', async () => {
  const page = inbox.page;
  // A word of many conversations, with some waiting, whose longest waiting is not the inbox's.
  const inbox50 = await inbox.api<ConversationPage>('GET', '/api/conversations?limit=50&sort=waiting');
  let q = '';
  let expected = 0;
  for (const c of inbox50.items.slice(1)) {
    const word = c.customer?.name.split(' ').at(-1);
    if (!word) continue;
    const results = await inbox.api<ConversationPage>('GET', `/api/conversations?limit=5&sort=waiting&q=${encodeURIComponent(word)}`);
    if (results.items[0] && results.items[0].id !== inbox50.items[0]!.id) {
      q = word;
      expected = results.items[0].id;
      break;
    }
  }
  expect(expected).toBeGreaterThan(0);
  if (await page.locator('.thread-header__back').isVisible()) await page.locator('.thread-header__back').click();
  await searchFor(q);
  await page.getByRole('button', { name: /Answer the next waiting customer/ }).click();
  await eventually(async () => expect(await selectedRowId(page)).toBe(expected));
  await page.waitForSelector(`section.thread[data-conversation-id="${expected}"]`);
  await searchBox().fill('');
});
