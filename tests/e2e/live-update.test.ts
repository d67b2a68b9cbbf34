// New customer messages appear without a reload, within one sync interval: in the open
// thread, and in the list (reordered, unread) without losing the selection.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startInbox, type Inbox } from './fixtures/inbox';
import type { ConversationCounts } from '../../src-shared/contract';
import { conversationDetail, eventually, listConversations, openConversation, rowIds, selectedRowId } from './fixtures/ui';

let inbox: Inbox;
beforeAll(async () => {
  inbox = await startInbox({ threads: 30, seed: 13, intervalSeconds: 1 });
});
afterAll(async () => {
  await inbox?.close();
});

test('a message added on Mirakl shows up in the open thread, live', async () => {
  const page = inbox.page;
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  const conversations = await listConversations(inbox, 'limit=10');
  const open = conversations.find((c) => c.customer !== null && conversations.indexOf(c) >= 2)!;
  await openConversation(page, open.id);

  const body = `Toujours rien reçu… (${Date.now()})`;
  const started = Date.now();
  inbox.store.addCustomerMessage(open.miraklThreadId, body);
  await page.locator('.thread .message--customer', { hasText: body }).waitFor({ timeout: 5_000 });
  const elapsed = Date.now() - started;
  // Within one sync interval (1 s): the next pass starts at most 1 s later; it and the push
  // to the page take a few tens of milliseconds (the margin is for two busy cores).
  console.info(`live message shown ${elapsed} ms after it was added on Mirakl (sync interval 1,000 ms)`);
  expect(elapsed).toBeLessThan(1_000 + 800);
  // Same document: nothing was reloaded.
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  // The conversation moved to the top of the list and stays selected.
  await eventually(async () => expect((await rowIds(page))[0]).toBe(open.id));
  expect(await selectedRowId(page)).toBe(open.id);
});

test('a message in another conversation moves it up, unread, and the counts follow', async () => {
  const page = inbox.page;
  const selected = await selectedRowId(page);
  const conversations = await listConversations(inbox, 'limit=30');
  const other = conversations.filter((c) => c.id !== selected && c.customer !== null).at(-1)!;
  // The open conversation is read again shortly after its own new message (previous test):
  // start from the count once that has settled, or the expected count would include it.
  await eventually(async () => expect((await conversationDetail(inbox, selected!)).conversation.unreadCount).toBe(0));
  const settled = await inbox.api<ConversationCounts>('GET', '/api/conversations/counts');
  await eventually(async () => expect(Number(await page.locator('[data-filter="unread"] .filters__count').textContent())).toBe(settled.unread));
  const unreadBefore = settled.unread;

  inbox.store.addCustomerMessage(other.miraklThreadId, 'Bonjour, une question sur ma commande.');
  // Within one sync interval (1 s), plus the same margin as above.
  await eventually(async () => expect((await rowIds(page))[0]).toBe(other.id), 1_800, 25);
  const row = page.locator(`[role="option"][data-conversation-id="${other.id}"]`);
  expect(await row.getAttribute('class')).toContain('row--unread');
  expect(await row.locator('.wait-badge').count()).toBe(1);
  // The open conversation is still the selected one.
  expect(await selectedRowId(page)).toBe(selected);
  const expectedUnread = other.unreadCount > 0 ? unreadBefore : unreadBefore + 1;
  await eventually(async () => expect(Number(await page.locator('[data-filter="unread"] .filters__count').textContent())).toBe(expectedUnread));
});

test('scrolled down the list, a reorder above does not move what the technician is looking at', async () => {
  const page = inbox.page;
  const list = page.locator('#conversation-list');
  await list.evaluate((el) => (el.scrollTop = 400));
  await page.waitForTimeout(200);
  const topVisible = async () =>
    page.$$eval('[role="option"][data-conversation-id]', (rows) => {
      const listTop = document.getElementById('conversation-list')!.getBoundingClientRect().top;
      const visible = rows
        .map((r) => ({ id: r.getAttribute('data-conversation-id'), top: r.getBoundingClientRect().top - listTop }))
        .filter((r) => r.top >= -1)
        .sort((a, b) => a.top - b.top)[0];
      return visible ? { id: visible.id, top: Math.round(visible.top) } : null;
    });
  const before = await topVisible();
  const ids = await rowIds(page);
  // A conversation below the view gets a message: it jumps to the top (above the view).
  const below = ids.at(-1)!;
  const conversation = (await listConversations(inbox, 'limit=50')).find((c) => c.id === below)!;
  inbox.store.addCustomerMessage(conversation.miraklThreadId, 'Un nouveau message plus bas dans la liste');
  await eventually(async () => {
    const first = await page.$eval('#conversation-list', (el) => el.scrollTop);
    expect(first).toBeGreaterThan(400);
  }, 6_000);
  expect(await topVisible()).toEqual(before);
});

test('scrolled down the list, the top visible conversation getting a message does not jump the view to the top', async () => {
  const page = inbox.page;
  const list = page.locator('#conversation-list');
  await list.evaluate((el) => (el.scrollTop = 430));
  await page.waitForTimeout(300);
  // Every row that shows, even partly, by its position on screen.
  const onScreen = async () =>
    page.$$eval('[role="option"][data-conversation-id]', (rows) => {
      const box = document.getElementById('conversation-list')!.getBoundingClientRect();
      return rows
        .map((r) => ({ id: Number(r.getAttribute('data-conversation-id')), top: Math.round(r.getBoundingClientRect().top - box.top), bottom: r.getBoundingClientRect().bottom - box.top }))
        .filter((r) => r.bottom > 0 && r.top < box.height)
        .sort((a, b) => a.top - b.top);
    });
  const [first, next] = await onScreen();
  const conversation = (await listConversations(inbox, 'limit=50')).find((c) => c.id === first!.id)!;
  inbox.store.addCustomerMessage(conversation.miraklThreadId, 'Encore une question sur cette commande');
  // That row moves up to the head of the list; the rows around it stay where they were.
  await eventually(async () => expect((await rowIds(page))[0]).toBe(first!.id), 6_000);
  await page.waitForTimeout(200);
  expect(await list.evaluate((el) => el.scrollTop)).toBeGreaterThan(300);
  const after = await onScreen();
  expect(after.find((r) => r.id === next!.id)?.top).toBe(next!.top);
});
