// Opening a conversation shows every message, oldest first, scrolled to the newest; the
// order panel and attachments work.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { shellCalls } from './fixtures/electron-app';
import { startInbox, type Inbox } from './fixtures/inbox';
import { conversationDetail, eventually, listConversations, messageIds, openConversation } from './fixtures/ui';

let inbox: Inbox;
beforeAll(async () => {
  inbox = await startInbox({ threads: 30, seed: 5 });
});
afterAll(async () => {
  await inbox?.close();
});

test('all messages of the conversation appear in order, and the view starts at the newest', async () => {
  const page = inbox.page;
  const candidates = (await listConversations(inbox, 'limit=12')).filter((c) => c.messageCount >= 3 && c.messageCount <= 100);
  const chosen = candidates[0];
  expect(chosen).toBeDefined();
  await openConversation(page, chosen!.id);

  const detail = await conversationDetail(inbox, chosen!.id);
  await expect.poll(() => messageIds(page)).toEqual(detail.messages.map((m) => m.id));
  // …and that is everything Mirakl holds for the thread.
  expect(detail.messages).toHaveLength(inbox.store.getThread(chosen!.miraklThreadId)!.messages.length);

  // Bodies as text, in order.
  const bodies = await page.$$eval('.thread .message__body', (els) => els.map((el) => el.textContent ?? ''));
  const expected = detail.messages.filter((m) => m.bodyText.trim() !== '').map((m) => m.bodyText);
  expect(bodies).toEqual(expected);

  // Day separators and the header.
  expect(await page.locator('.day-separator').count()).toBeGreaterThan(0);
  expect(await page.locator('.thread-header__name').textContent()).toBe(detail.conversation.customer?.name);
  expect(await page.locator('.thread-header__account').textContent()).toBe(detail.account.name);

  const atEnd = await page.$eval('.message-scroller', (el) => el.scrollHeight - el.scrollTop - el.clientHeight);
  expect(atEnd).toBeLessThan(4);
});

test('the order panel shows state, lines, total, carrier and tracking', async () => {
  const page = inbox.page;
  const withOrder = (await listConversations(inbox, 'limit=30')).find((c) => c.orderId);
  await openConversation(page, withOrder!.id);
  const detail = await conversationDetail(inbox, withOrder!.id);
  if (!(await page.locator('.order-panel').isVisible())) await page.getByRole('button', { name: 'Order', exact: true }).click();
  const panel = page.locator('.order-panel');
  await panel.waitFor();
  expect(await panel.locator('.order-panel__id').textContent()).toBe(detail.conversation.orderId);
  expect(await panel.locator('.order-line').count()).toBe(detail.order!.lines.length);
  expect(await panel.locator('.order-totals__grand').last().textContent()).toMatch(/\d/);
  if (detail.order!.carrier) expect(await panel.textContent()).toContain(detail.order!.carrier);
  await page.getByRole('button', { name: 'Close order details' }).click();
  await panel.waitFor({ state: 'detached' });
});

test('an attachment downloads with its name and bytes', async () => {
  const page = inbox.page;
  const conversations = await listConversations(inbox, 'limit=30');
  let found: { conversationId: number; name: string; size: number } | null = null;
  for (const c of conversations.slice(0, 30)) {
    const detail = await conversationDetail(inbox, c.id);
    const attachment = detail.messages.flatMap((m) => m.attachments)[0];
    if (attachment && detail.messages.length <= 100) {
      found = { conversationId: c.id, name: attachment.name, size: attachment.size };
      break;
    }
  }
  expect(found).not.toBeNull();
  const row = page.locator(`[role="option"][data-conversation-id="${found!.conversationId}"]`);
  await row.scrollIntoViewIfNeeded();
  await openConversation(page, found!.conversationId);
  const chip = page.locator('.attachment__button', { hasText: found!.name }).first();
  await chip.scrollIntoViewIfNeeded();
  if (inbox.electronApp) {
    // The desktop app caches the file, then hands it to its default application (or shows
    // it in its folder when it is not a document type).
    const app = inbox.electronApp;
    await chip.click();
    const calls = await eventually(async () => {
      const c = await shellCalls(app);
      expect([...c.paths, ...c.shown]).toHaveLength(1);
      return c;
    });
    const file = [...calls.paths, ...calls.shown][0]!;
    expect(path.extname(file)).toBe(path.extname(found!.name));
    expect(fs.statSync(file).size).toBe(found!.size);
    return;
  }
  const [download] = await Promise.all([page.waitForEvent('download'), chip.click()]);
  expect(download.suggestedFilename()).toBe(found!.name);
  const stream = await download.createReadStream();
  let bytes = 0;
  for await (const chunk of stream) bytes += (chunk as Buffer).length;
  expect(bytes).toBe(found!.size);
});

test('opening an unread conversation marks it read: the row and the Unread count follow', async () => {
  const page = inbox.page;
  const unread = (await listConversations(inbox, 'limit=30&unread=true'))[0];
  expect(unread).toBeDefined();
  const countText = () => page.locator('[data-filter="unread"] .filters__count').textContent();
  const before = Number(await countText());
  const row = page.locator(`[role="option"][data-conversation-id="${unread!.id}"]`);
  await row.scrollIntoViewIfNeeded();
  expect(await row.getAttribute('class')).toContain('row--unread');
  // When the row stops being bold and when the count changes, as the page sees them.
  await page.evaluate((id) => {
    const marks: { row?: number; count?: number } = {};
    (window as unknown as { readMarks: typeof marks }).readMarks = marks;
    const rowElement = document.querySelector(`[role="option"][data-conversation-id="${id}"]`)!;
    const countElement = document.querySelector('[data-filter="unread"] .filters__count')!;
    const initial = countElement.textContent;
    new MutationObserver(() => {
      if (marks.row === undefined && !rowElement.classList.contains('row--unread')) marks.row = performance.now();
    }).observe(rowElement, { attributes: true, attributeFilter: ['class'] });
    new MutationObserver(() => {
      if (marks.count === undefined && countElement.textContent !== initial) marks.count = performance.now();
    }).observe(countElement, { characterData: true, childList: true, subtree: true });
  }, unread!.id);
  const clicked = Date.now();
  await openConversation(page, unread!.id);
  await expect.poll(() => row.getAttribute('class')).not.toContain('row--unread');
  // The count drops with the row, within a second of the click, before any recount or sync.
  await expect.poll(async () => Number(await countText()), { timeout: 1_000 }).toBe(before - 1);
  expect(Date.now() - clicked).toBeLessThan(1_500);
  const marks = await page.evaluate(() => (window as unknown as { readMarks: { row?: number; count?: number } }).readMarks);
  expect(marks.row).toBeDefined();
  expect(marks.count).toBeDefined();
  expect(Math.abs(marks.count! - marks.row!)).toBeLessThan(100);
  expect((await conversationDetail(inbox, unread!.id)).conversation.unreadCount).toBe(0);
  // The server's recount agrees.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  expect(Number(await countText())).toBe(before - 1);
});
