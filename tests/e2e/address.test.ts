// The address follows the open conversation (/c/812; #/c/812 in the desktop app), so Back
// and Forward move between conversations and a link opens one; the page loads without a
// missing file (the icon included).
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startInbox, type Inbox } from './fixtures/inbox';
import { browserOnlyTest } from './fixtures/target';
import { eventually, listConversations, openConversation, selectedRowId } from './fixtures/ui';

let inbox: Inbox;
beforeAll(async () => {
  inbox = await startInbox({ threads: 12, seed: 77 });
});
afterAll(async () => {
  await inbox?.close();
});

/** The conversation the address names (path in a browser, hash in the desktop app), or null. */
const addressed = (url: string) => {
  const match = /(?:\/|#\/)c\/(\d+)$/.exec(url);
  return match ? Number(match[1]) : null;
};
const threadShown = (id: number) => inbox.page.waitForSelector(`section.thread[data-conversation-id="${id}"] [data-message-id]`);

test('opening conversations changes the address; Back and Forward open them again, Back to the list too', async () => {
  const page = inbox.page;
  const [first, second] = await listConversations(inbox, 'limit=2');
  if (await page.locator('.thread-header__back').isVisible()) await page.locator('.thread-header__back').click();
  await eventually(() => expect(addressed(page.url())).toBeNull());

  await openConversation(page, first!.id);
  expect(addressed(page.url())).toBe(first!.id);
  await openConversation(page, second!.id);
  expect(addressed(page.url())).toBe(second!.id);

  await page.goBack();
  await threadShown(first!.id);
  expect(await selectedRowId(page)).toBe(first!.id);
  expect(addressed(page.url())).toBe(first!.id);
  await page.goBack();
  await page.locator('.thread-empty').waitFor();
  expect(addressed(page.url())).toBeNull();
  await page.goForward();
  await threadShown(first!.id);
  await page.goForward();
  await threadShown(second!.id);
  expect(addressed(page.url())).toBe(second!.id);

  // Reloading keeps the conversation the address names.
  await page.reload();
  await threadShown(second!.id);
});

browserOnlyTest('a shared link opens its conversation in a browser that has the session, with no missing file on the way', async () => {
  const [, , third] = await listConversations(inbox, 'limit=3');
  // Another tab of the same browser profile: the session cookie, not the token.
  const page = await inbox.context.newPage();
  const missing: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) missing.push(`${response.status()} ${response.url()}`);
  });
  await page.goto(new URL(`/c/${third!.id}`, inbox.baseUrl).href);
  await page.waitForSelector(`section.thread[data-conversation-id="${third!.id}"] [data-message-id]`);
  expect(await page.locator(`[role="option"][aria-selected="true"]`).getAttribute('data-conversation-id')).toBe(String(third!.id));
  // Browsers ask for /favicon.ico on their own; the page links its icon too.
  const icon = await page.request.get(new URL('/favicon.ico', inbox.baseUrl).href);
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toBe('image/x-icon');
  expect(await page.locator('link[rel="icon"]').count()).toBeGreaterThan(0);
  await page.waitForLoadState('networkidle').catch(() => undefined);
  expect(missing).toEqual([]);
  await page.close();
});
