// Everything from the keyboard: j/k and arrows through the list, Enter to reply, Esc out,
// Ctrl+K to search, ? for the shortcuts, Ctrl+Enter to send, Alt+Enter to send and move on.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startInbox, type Inbox } from './fixtures/inbox';
import { eventually, listConversations, m12Calls, rowIds, selectedRowId } from './fixtures/ui';

let inbox: Inbox;
beforeAll(async () => {
  inbox = await startInbox({ threads: 30, seed: 34 });
});
afterAll(async () => {
  await inbox?.close();
});

const activeElement = (inbox: Inbox) =>
  inbox.page.evaluate(() => {
    const el = document.activeElement;
    return { tag: el?.tagName ?? '', id: el?.id ?? '', label: el?.getAttribute('aria-label') ?? '', role: el?.getAttribute('role') ?? '' };
  });

test('j/k and ↑/↓ move through the list and open each conversation', async () => {
  const page = inbox.page;
  const ids = await rowIds(page);
  await page.locator('#conversation-list').focus();
  await page.keyboard.press('j');
  expect(await selectedRowId(page)).toBe(ids[0]);
  await page.keyboard.press('j');
  expect(await selectedRowId(page)).toBe(ids[1]);
  await page.waitForSelector(`section.thread[data-conversation-id="${ids[1]}"]`);
  await page.keyboard.press('ArrowDown');
  expect(await selectedRowId(page)).toBe(ids[2]);
  await page.keyboard.press('k');
  await page.keyboard.press('ArrowUp');
  expect(await selectedRowId(page)).toBe(ids[0]);
  await page.waitForSelector(`section.thread[data-conversation-id="${ids[0]}"]`);
  expect(await page.locator('#conversation-list').getAttribute('aria-activedescendant')).toBe(`conversation-${ids[0]}`);
});

test('Enter focuses the reply box, Esc leaves it, Ctrl+K focuses the search', async () => {
  const page = inbox.page;
  await page.keyboard.press('Enter');
  expect((await activeElement(inbox)).tag).toBe('TEXTAREA');
  // Letters typed in the reply box are text, not shortcuts.
  await page.keyboard.type('jk?');
  expect(await page.locator('textarea.composer__input').inputValue()).toBe('jk?');
  expect(await page.locator('dialog[open]').count()).toBe(0);
  await page.keyboard.press('Escape');
  expect((await activeElement(inbox)).role).toBe('listbox');
  await page.keyboard.press('Control+k');
  expect((await activeElement(inbox)).label).toBe('Search conversations');
  await page.keyboard.press('Escape');
  expect((await activeElement(inbox)).role).toBe('listbox');
  // Clean up the draft typed above.
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await page.keyboard.press('Escape');
});

test('? opens the shortcuts dialog; Esc closes it', async () => {
  const page = inbox.page;
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await dialog.waitFor();
  expect(await dialog.textContent()).toContain('Send and open the next conversation needing a reply');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
});

test('Ctrl+Enter sends; Alt+Enter sends and opens the next conversation needing a reply', async () => {
  const page = inbox.page;
  const waiting = await listConversations(inbox, 'limit=50&replyNeeded=true');
  expect(waiting.length).toBeGreaterThan(2);
  const first = waiting[0]!;
  await page.getByRole('tab', { name: /Reply needed/ }).click();
  await eventually(async () => expect((await rowIds(page))[0]).toBe(first.id));
  await page.locator(`[role="option"][data-conversation-id="${first.id}"]`).click();
  await page.waitForSelector(`section.thread[data-conversation-id="${first.id}"]`);
  const before = m12Calls(inbox.fake).length;

  await page.keyboard.press('Enter');
  await page.keyboard.type('Merci, nous regardons cela tout de suite.');
  await page.keyboard.press('Alt+Enter');
  // The next one needing a reply opens, with its reply box ready.
  await eventually(async () => {
    const selected = await selectedRowId(page);
    expect(selected).not.toBe(first.id);
    expect(waiting.map((c) => c.id)).toContain(selected);
  });
  await eventually(async () => expect((await activeElement(inbox)).tag).toBe('TEXTAREA'));
  await page.keyboard.type('Bonjour, votre remboursement est en cours.');
  await page.keyboard.press('Control+Enter');
  await eventually(() => expect(m12Calls(inbox.fake).length - before).toBe(2), 15_000);
});
