// Search (debounced, server-side) and the All · Reply needed · Unread filters with their counts.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ConversationCounts } from '../../src-shared/contract';
import { startInbox, type Inbox } from './fixtures/inbox';
import { eventually, listConversations, rowIds } from './fixtures/ui';

let inbox: Inbox;
beforeAll(async () => {
  inbox = await startInbox({ threads: 30, seed: 21 });
});
afterAll(async () => {
  await inbox?.close();
});

async function rowsMatchApi(query: string) {
  const expected = (await listConversations(inbox, `limit=50&${query}`)).map((c) => c.id);
  await eventually(async () => {
    const shown = await rowIds(inbox.page);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown).toEqual(expected.slice(0, shown.length));
  });
  return expected;
}

test('searching by order id finds its conversations; nonsense shows "no results"; clearing restores the list', async () => {
  const page = inbox.page;
  const target = (await listConversations(inbox, 'limit=30')).find((c) => c.orderId)!;
  const search = page.getByRole('searchbox', { name: 'Search conversations' });
  await search.fill(target.orderId!);
  const ids = await rowsMatchApi(`q=${encodeURIComponent(target.orderId!)}`);
  expect(ids).toContain(target.id);

  await search.fill('zzqxv-nothing-like-this');
  await page.getByTestId('no-results').waitFor();
  expect(await page.getByTestId('no-results').textContent()).toContain('zzqxv-nothing-like-this');

  await page.getByRole('button', { name: 'Clear search' }).first().click();
  await rowsMatchApi('');
});

test('searching by customer name', async () => {
  const page = inbox.page;
  const target = (await listConversations(inbox, 'limit=30')).find((c) => c.customer)!;
  const name = target.customer!.name.split(' ').at(-1)!;
  await page.getByRole('searchbox', { name: 'Search conversations' }).fill(name);
  const ids = await rowsMatchApi(`q=${encodeURIComponent(name)}`);
  expect(ids).toContain(target.id);
  await page.getByRole('searchbox', { name: 'Search conversations' }).fill('');
  await rowsMatchApi('');
});

test('filters show their counts and only the conversations they name', async () => {
  const page = inbox.page;
  const counts = await inbox.api<ConversationCounts>('GET', '/api/conversations/counts');
  const countOf = async (filter: string) => Number(await page.locator(`[data-filter="${filter}"] .filters__count`).textContent());
  await eventually(async () => {
    expect(await countOf('all')).toBe(counts.all);
    expect(await countOf('replyNeeded')).toBe(counts.replyNeeded);
    expect(await countOf('unread')).toBe(counts.unread);
  });

  await page.getByRole('tab', { name: /Reply needed/ }).click();
  expect(await page.getByRole('tab', { name: /Reply needed/ }).getAttribute('aria-selected')).toBe('true');
  await rowsMatchApi('replyNeeded=true');
  const badges = await page.$$eval('[role="option"]', (rows) => rows.every((r) => r.querySelector('.wait-badge') !== null));
  expect(badges).toBe(true);

  await page.getByRole('tab', { name: /Unread/ }).click();
  await rowsMatchApi('unread=true');
  expect(await page.$$eval('[role="option"]', (rows) => rows.every((r) => r.classList.contains('row--unread')))).toBe(true);

  await page.getByRole('tab', { name: /^All/ }).click();
  await rowsMatchApi('');
});
