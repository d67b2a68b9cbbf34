// The reply box: drafts kept per conversation across switching and reloads, the warning
// when the customer wrote again meanwhile, the length limits, and the recipient.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startInbox, type Inbox } from './fixtures/inbox';
import { eventually, listConversations, m12Calls, openConversation } from './fixtures/ui';

let inbox: Inbox;
let a: { id: number; miraklThreadId: string };
let b: { id: number; miraklThreadId: string };
beforeAll(async () => {
  inbox = await startInbox({ threads: 12, seed: 233 });
  const withCustomer = (await listConversations(inbox, 'limit=10')).filter((c) => c.customer !== null);
  a = withCustomer[0]!;
  b = withCustomer[1]!;
});
afterAll(async () => {
  await inbox?.close();
});

const box = () => inbox.page.locator('textarea.composer__input');

test('a draft survives switching conversations and reloading the app', async () => {
  const page = inbox.page;
  await openConversation(page, a.id);
  await box().fill('Bonjour, je vérifie avec le transporteur');
  await openConversation(page, b.id);
  expect(await box().inputValue()).toBe('');
  await openConversation(page, a.id);
  expect(await box().inputValue()).toBe('Bonjour, je vérifie avec le transporteur');
  expect(await page.locator(`[data-conversation-id="${a.id}"] .row__draft`).count()).toBe(1);

  await page.reload();
  await page.waitForSelector('[role="option"]');
  // The open conversation is remembered too.
  await page.waitForSelector(`section.thread[data-conversation-id="${a.id}"]`);
  expect(await box().inputValue()).toBe('Bonjour, je vérifie avec le transporteur');
});

test('a customer message arriving while typing is announced before sending', async () => {
  const page = inbox.page;
  const before = m12Calls(inbox.fake).length;
  inbox.store.addCustomerMessage(a.miraklThreadId, 'En fait, pouvez-vous plutôt me rembourser ?');
  const notice = page.getByTestId('new-message-notice');
  await notice.waitFor({ timeout: 6_000 });
  // Ctrl+Enter does not send past the notice…
  await box().press('Control+Enter');
  await page.waitForTimeout(300);
  expect(await box().inputValue()).toBe('Bonjour, je vérifie avec le transporteur');
  expect(m12Calls(inbox.fake).length).toBe(before);
  // …"Send anyway" does.
  await notice.getByRole('button', { name: 'Send anyway' }).click();
  await page.locator('.message--shop', { hasText: 'je vérifie avec le transporteur' }).locator('[data-testid="reply-delivered"]').waitFor({ timeout: 15_000 });
  expect(await box().inputValue()).toBe('');
  expect(await page.locator(`[data-conversation-id="${a.id}"] .row__draft`).count()).toBe(0);
});

test('the limits show only near them', async () => {
  const page = inbox.page;
  await box().fill('ok');
  expect(await page.locator('.composer__hint').textContent()).toContain('At least 3 characters');
  expect(await page.getByRole('button', { name: 'Send', exact: true }).isDisabled()).toBe(true);
  await box().fill('Bonjour');
  expect(await page.locator('.composer__hint').textContent()).not.toMatch(/characters|50,000/);
  await box().fill('x'.repeat(46_000));
  expect(await page.locator('.composer__hint').textContent()).toContain('46,000 / 50,000');
  await box().fill('x'.repeat(50_010));
  expect(await page.locator('.composer__hint').textContent()).toContain('10 characters over');
  expect(await page.getByRole('button', { name: 'Send', exact: true }).isDisabled()).toBe(true);
  await box().fill('');
});

test('a reply to the operator goes to the operator', async () => {
  const page = inbox.page;
  await page.getByRole('radio', { name: 'Operator' }).check();
  await page.getByRole('textbox', { name: 'Reply to the operator' }).fill('Pouvez-vous confirmer le remboursement ?');
  await page.keyboard.press('Control+Enter');
  await page.locator('.message--shop', { hasText: 'confirmer le remboursement' }).locator('[data-testid="reply-delivered"]').waitFor({ timeout: 15_000 });
  await eventually(() => {
    const last = inbox.store.getThread(a.miraklThreadId)!.messages.at(-1)!;
    expect(last.body).toBe('Pouvez-vous confirmer le remboursement ?');
    expect(last.to.map((p) => p.type)).toContain('OPERATOR');
  });
});
