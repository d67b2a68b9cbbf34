// axe-core (WCAG 2.x A/AA and best practices) on every main state of the inbox, in the light
// and the dark theme: no serious or critical violation, one level-one heading, no skipped
// heading level, nothing outside a landmark. A failure lists each rule and element.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Conversation } from '../../src-shared/contract';
import { auditBothThemes } from './fixtures/axe';
import { startInbox, type Inbox } from './fixtures/inbox';
import { listConversations, openConversation } from './fixtures/ui';

// axe reads the whole page twice per state (both themes): seconds each on two busy cores.
const AUDIT_TIMEOUT = { timeout: 180_000 };
/** Starting `serve` and its first sync, on a machine busy with other tests. */
const START_TIMEOUT = 120_000;

describe('a synced inbox', AUDIT_TIMEOUT, () => {
  let inbox: Inbox;
  let featured: Conversation;
  beforeAll(async () => {
    inbox = await startInbox({ threads: 14, seed: 91 });
    const conversations = await listConversations(inbox, 'limit=14');
    featured = conversations.find((c) => c.orderId && c.messageCount >= 3 && c.replyNeededSince) ?? conversations.find((c) => c.orderId)!;
  }, START_TIMEOUT);
  afterAll(async () => {
    await inbox?.close();
  });

  test('the inbox, with no conversation open', async () => {
    await inbox.page.getByRole('button', { name: /Answer the next waiting customer/ }).waitFor();
    expect(await auditBothThemes(inbox.page, 'inbox')).toBe('');
  });

  test('a thread, with the order panel closed and open', async () => {
    const page = inbox.page;
    await openConversation(page, featured.id);
    if (await page.locator('.order-panel').isVisible()) await page.getByRole('button', { name: 'Close order details' }).click();
    expect(await auditBothThemes(page, 'thread')).toBe('');
    await page.getByRole('button', { name: 'Order', exact: true }).click();
    await page.locator('.order-panel').waitFor();
    expect(await auditBothThemes(page, 'order panel')).toBe('');
    await page.getByRole('button', { name: 'Close order details' }).click();
  });

  test('the composer with a failed reply', async () => {
    const page = inbox.page;
    inbox.fake.faults.paths = /\/message$/;
    inbox.fake.faults.serverError = { next: 1, status: 400, message: 'This thread is closed: start a new thread on the order' };
    const box = page.locator('textarea.composer__input');
    await box.fill('Bonjour, je vous envoie une étiquette de retour.');
    await box.press('Control+Enter');
    await page.locator('[data-testid="reply-failed"]').waitFor({ timeout: 15_000 });
    inbox.fake.faults.reset();
    await box.fill('Un brouillon en cours');
    expect(await auditBothThemes(page, 'failed reply')).toBe('');
    await box.fill('');
  });

  test('settings, and the form adding a connection', async () => {
    const page = inbox.page;
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.waitFor();
    expect(await auditBothThemes(page, 'settings')).toBe('');
    await dialog.getByRole('button', { name: /Add connection/ }).click();
    await dialog.getByLabel('Mirakl URL').waitFor();
    expect(await auditBothThemes(page, 'settings, new connection')).toBe('');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  test('the keyboard shortcuts', async () => {
    const page = inbox.page;
    await page.locator('#conversation-list').focus();
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    expect(await auditBothThemes(page, 'shortcuts')).toBe('');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  test('search results, and no results', async () => {
    const page = inbox.page;
    const search = page.getByRole('searchbox', { name: 'Search conversations' });
    const word = featured.customer?.name.split(' ').at(-1) ?? featured.subject.split(' ')[0]!;
    await search.fill(word);
    await page.locator(`[role="option"][data-conversation-id="${featured.id}"]`).waitFor();
    await page.getByTestId('result-count').waitFor();
    expect(await auditBothThemes(page, 'search results')).toBe('');
    await search.fill('zzqxv introuvable');
    await page.getByTestId('no-results').waitFor();
    expect(await auditBothThemes(page, 'no results')).toBe('');
    await search.fill('');
  });

  test('an empty filter', async () => {
    const page = inbox.page;
    for (const c of await listConversations(inbox, 'limit=200&unread=true')) await inbox.api('POST', `/api/conversations/${c.id}/read`, {});
    await page.getByRole('tab', { name: /Unread/ }).click();
    await page.getByTestId('empty-list').waitFor();
    expect(await auditBothThemes(page, 'empty filter')).toBe('');
    await page.getByRole('tab', { name: /^All/ }).click();
  });
});

describe('the demo inbox', AUDIT_TIMEOUT, () => {
  let inbox: Inbox;
  beforeAll(async () => {
    inbox = await startInbox({ demo: true, threads: 0 });
  }, START_TIMEOUT);
  afterAll(async () => {
    await inbox?.close();
  });

  test('with its banner', async () => {
    await inbox.page.getByTestId('demo-banner').waitFor();
    expect(await auditBothThemes(inbox.page, 'demo banner')).toBe('');
  });
});

describe('a connected marketplace with no conversations yet', AUDIT_TIMEOUT, () => {
  let inbox: Inbox;
  beforeAll(async () => {
    inbox = await startInbox({ threads: 0 });
  }, START_TIMEOUT);
  afterAll(async () => {
    await inbox?.close();
  });

  test('the empty inbox', async () => {
    await inbox.page.getByTestId('empty-list').waitFor();
    expect(await auditBothThemes(inbox.page, 'empty inbox')).toBe('');
  });
});
