// Search (debounced, server-side) and the All · Reply needed · Unread filters with their counts.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ConversationCounts } from '../../src-shared/contract';
import { startInbox, type Inbox } from './fixtures/inbox';
import { eventually, listConversations, rowIds, selectedRowId } from './fixtures/ui';

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

test('the filter tabs follow the tabs pattern: one tab stop, ←/→ Home/End move and show, the list is their panel', async () => {
  const page = inbox.page;
  const tab = (name: RegExp) => page.getByRole('tab', { name });
  const state = () =>
    page.evaluate(() => {
      const tabs = [...document.querySelectorAll('[role="tab"]')];
      const panel = document.querySelector('[role="tabpanel"]');
      return {
        focused: document.activeElement?.getAttribute('data-filter') ?? null,
        selected: tabs.filter((t) => t.getAttribute('aria-selected') === 'true').map((t) => t.getAttribute('data-filter')),
        tabStops: tabs.filter((t) => t.getAttribute('tabindex') === '0').map((t) => t.getAttribute('data-filter')),
        controlsPanel: tabs.every((t) => t.getAttribute('aria-controls') === panel?.id),
        panelLabel: panel ? document.getElementById(panel.getAttribute('aria-labelledby') ?? '')?.getAttribute('data-filter') : null,
        listInPanel: !!panel?.querySelector('[role="listbox"], .list-state'),
      };
    });
  await tab(/^All/).focus();
  expect(await state()).toMatchObject({ focused: 'all', selected: ['all'], tabStops: ['all'], controlsPanel: true, panelLabel: 'all', listInPanel: true });
  await page.keyboard.press('ArrowRight');
  expect(await state()).toMatchObject({ focused: 'replyNeeded', selected: ['replyNeeded'], tabStops: ['replyNeeded'], panelLabel: 'replyNeeded' });
  await rowsMatchApi('replyNeeded=true');
  await page.keyboard.press('ArrowRight');
  expect(await state()).toMatchObject({ focused: 'unread', selected: ['unread'], tabStops: ['unread'], panelLabel: 'unread' });
  await page.keyboard.press('End');
  expect(await state()).toMatchObject({ focused: 'snoozed', selected: ['snoozed'], tabStops: ['snoozed'], panelLabel: 'snoozed' });
  await page.keyboard.press('ArrowRight');
  expect(await state()).toMatchObject({ focused: 'all', selected: ['all'] });
  await page.keyboard.press('ArrowLeft');
  expect(await state()).toMatchObject({ focused: 'snoozed', selected: ['snoozed'] });
  await page.keyboard.press('Home');
  expect(await state()).toMatchObject({ focused: 'all', selected: ['all'], tabStops: ['all'] });
  await rowsMatchApi('');
  // Tab leaves the tab list for the panel's list in one step.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('listbox');
});

test('Enter in the search opens the first match and leaves the focus on its row; ↓ goes on from there', async () => {
  const page = inbox.page;
  let term = '';
  let matches: number[] = [];
  for (const c of await listConversations(inbox, 'limit=30')) {
    const name = c.customer?.name.split(' ').at(-1);
    if (!name) continue;
    const found = (await listConversations(inbox, `limit=50&q=${encodeURIComponent(name)}`)).map((m) => m.id);
    if (found.length >= 2) {
      term = name;
      matches = found;
      break;
    }
  }
  expect(matches.length).toBeGreaterThanOrEqual(2);
  await page.keyboard.press('Control+k');
  // Typed and submitted at once: Enter waits for the (debounced) results.
  await page.keyboard.type(term);
  await page.keyboard.press('Enter');
  await eventually(async () => expect(await selectedRowId(page)).toBe(matches[0]));
  await page.waitForSelector(`section.thread[data-conversation-id="${matches[0]}"] [data-message-id]`);
  await eventually(async () => expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('listbox'));
  expect(await page.locator('#conversation-list').getAttribute('aria-activedescendant')).toBe(`conversation-${matches[0]}`);
  await page.keyboard.press('ArrowDown');
  expect(await selectedRowId(page)).toBe(matches[1]);
  await page.getByRole('button', { name: 'Clear search' }).first().click();
  await rowsMatchApi('');
});
