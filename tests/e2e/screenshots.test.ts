// The main states, photographed on every run into test-results/ (to look at, not to diff):
// inbox, thread with the order, pending and failed replies, settings, empty and no-results
// lists, loading, errors, shortcuts, dark theme, and 200% zoom.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Conversation } from '../../src-shared/contract';
import { startInbox, type Inbox } from './fixtures/inbox';
import { screenshot } from './fixtures/screenshots';
import { browserOnlyTest } from './fixtures/target';
import { listConversations, openConversation, pageAtZoom200 } from './fixtures/ui';

let inbox: Inbox;
let featured: Conversation;
beforeAll(async () => {
  inbox = await startInbox({ threads: 60, seed: 20_261_124 });
  // A conversation with an order, a few messages and an attachment makes the richest thread.
  const conversations = await listConversations(inbox, 'limit=40');
  featured = conversations.find((c) => c.orderId && c.messageCount >= 4 && c.messageCount <= 12 && c.replyNeededSince) ?? conversations[0]!;
});
afterAll(async () => {
  await inbox?.close();
});

test('inbox', async () => {
  await inbox.page.waitForTimeout(300);
  await screenshot(inbox.page, '01-inbox');
});

test('thread with the order panel', async () => {
  const page = inbox.page;
  await openConversation(page, featured.id);
  await page.getByRole('button', { name: 'Order', exact: true }).click();
  await page.locator('.order-panel').waitFor();
  await page.waitForTimeout(250);
  await screenshot(page, '02-thread-order');
  await page.getByRole('button', { name: 'Close order details' }).click();
});

test('composer with a pending and a failed reply', async () => {
  const page = inbox.page;
  const box = page.locator('textarea.composer__input');
  // Refused for good: the failed one.
  inbox.fake.faults.paths = /\/message$/;
  inbox.fake.faults.serverError = { next: 1, status: 400, message: 'This thread is closed: start a new thread on the order' };
  await box.fill('Bonjour, je vous envoie une étiquette de retour par e-mail.');
  await box.press('Control+Enter');
  await page.locator('[data-testid="reply-failed"]').waitFor({ timeout: 15_000 });
  // Slow: the pending one.
  inbox.fake.faults.delayMs = 4_000;
  await box.fill('Votre remboursement de 49,90 € a été validé ce matin.\nIl apparaîtra sous 3 à 5 jours ouvrés.');
  await box.press('Control+Enter');
  await page.locator('[data-testid="reply-pending"]').waitFor();
  await box.fill('Merci pour votre patience');
  // The list's draft preview follows typing after a short pause.
  await page.waitForTimeout(500);
  await screenshot(page, '03-replies-pending-failed');
  await box.fill('');
  inbox.fake.faults.reset();
});

test('settings, with a connection tested', async () => {
  const page = inbox.page;
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.waitFor();
  await page.waitForTimeout(200);
  await screenshot(page, '04-settings');
  await dialog.getByRole('button', { name: /Add connection/ }).click();
  await dialog.getByLabel('Marketplace', { exact: true }).fill('Best Buy CA');
  await dialog.getByLabel('Mirakl URL').fill(inbox.fake.url);
  await dialog.getByLabel('API key').fill('e2e-key');
  await dialog.getByRole('button', { name: 'Test' }).click();
  await dialog.getByTestId('connection-test-result').waitFor();
  expect(await dialog.getByTestId('connection-test-result').textContent()).toContain('Connected to');
  await screenshot(page, '05-settings-add-connection');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await page.keyboard.press('Escape');
});

test('shortcuts', async () => {
  const page = inbox.page;
  await page.locator('#conversation-list').focus();
  await page.keyboard.press('?');
  await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
  await page.waitForTimeout(200);
  await screenshot(page, '06-shortcuts');
  await page.keyboard.press('Escape');
});

test('no results, and an empty filter', async () => {
  const page = inbox.page;
  await page.getByRole('searchbox', { name: 'Search conversations' }).fill('remboursement introuvable xyz');
  await page.getByTestId('no-results').waitFor();
  await screenshot(page, '07-no-results');
  await page.getByRole('searchbox', { name: 'Search conversations' }).fill('');
  // Read everything: the Unread filter is then empty.
  for (const c of await listConversations(inbox, 'limit=200&unread=true')) await inbox.api('POST', `/api/conversations/${c.id}/read`, {});
  await page.getByRole('tab', { name: /Unread/ }).click();
  await page.getByTestId('empty-list').waitFor();
  await expect.poll(() => page.locator('[data-filter="unread"] .filters__count').textContent()).toBe('0');
  await screenshot(page, '08-empty-unread');
  await page.getByRole('tab', { name: /^All/ }).click();
});

browserOnlyTest('loading skeletons and a list error', async () => {
  const page = await inbox.context.newPage();
  let fail = false;
  await page.route('**/api/conversations?*', async (route) => {
    if (fail) return route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'mirakl_unreachable', message: 'The local store is busy, try again' } }) });
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    return route.continue().catch(() => undefined);
  });
  await page.goto(inbox.baseUrl);
  await page.locator('.list-skeleton').waitFor();
  await screenshot(page, '09-loading');
  fail = true;
  await page.reload();
  await page.getByText('Could not load conversations').waitFor();
  await screenshot(page, '10-list-error');
  fail = false;
  await page.unroute('**/api/conversations?*');
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.waitForSelector('[role="option"]');
  await page.close();
});

test('dark theme', async () => {
  const page = inbox.page;
  await page.emulateMedia({ colorScheme: 'dark' });
  await openConversation(page, featured.id);
  await page.getByRole('button', { name: 'Order', exact: true }).click();
  await page.waitForTimeout(250);
  await screenshot(page, '11-dark-thread');
  await page.getByRole('button', { name: 'Close order details' }).click();
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('dialog', { name: 'Settings' }).waitFor();
  await page.waitForTimeout(200);
  await screenshot(page, '19-dark-settings');
  await page.keyboard.press('Escape');
  await page.emulateMedia({ colorScheme: 'light' });
});

test('the sidebar while syncing, and a sync error with its reason and a retry', { timeout: 60_000 }, async () => {
  const page = inbox.page;
  const status = page.getByTestId('sync-status');
  // Slow answers: the next pass stays visible long enough to be seen.
  inbox.fake.faults.delayMs = 2_500;
  await expect.poll(() => status.textContent(), { timeout: 10_000 }).toMatch(/Syncing/);
  await screenshot(page, '20-syncing');
  inbox.fake.faults.delayMs = 0;
  // Mirakl refuses the key: no retry helps, the reason shows with "Retry now".
  inbox.fake.faults.serverError = { next: 1_000, status: 401, message: 'Unauthorized: the API key is invalid or was revoked' };
  await expect.poll(() => status.textContent(), { timeout: 20_000 }).toMatch(/Sync failed/);
  expect(await status.textContent()).toMatch(/key/i);
  await screenshot(page, '21-sync-error');
  inbox.fake.faults.reset();
  await status.getByRole('button', { name: 'Retry now' }).click();
  await expect.poll(() => status.textContent(), { timeout: 20_000 }).toMatch(/Synced/);
});

test('a connected marketplace with no conversations yet', async () => {
  const empty = await startInbox({ threads: 0 });
  try {
    const page = empty.page;
    await page.getByTestId('empty-list').waitFor();
    await screenshot(page, '22-empty-inbox');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, '23-dark-empty-inbox');
  } finally {
    await empty.close();
  }
});

browserOnlyTest('200% zoom: one pane at a time, nothing cut off sideways', async () => {
  const page = await pageAtZoom200(inbox);
  // The last open conversation is remembered per browser profile; start from the list.
  if (await page.locator('.thread-header__back').isVisible()) await page.locator('.thread-header__back').click();
  await page.waitForTimeout(200);
  await screenshot(page, '15-zoom-200-list');
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(await overflow()).toBeLessThanOrEqual(0);
  await page.locator(`[role="option"]`).first().click();
  await page.waitForSelector('section.thread [data-message-id]');
  await page.waitForTimeout(200);
  await screenshot(page, '16-zoom-200-thread');
  expect(await overflow()).toBeLessThanOrEqual(0);
  const fontPx = await page.$eval('.message__body', (el) => parseFloat(getComputedStyle(el).fontSize));
  expect(fontPx).toBeGreaterThanOrEqual(13);
  await page.context().close();
});
