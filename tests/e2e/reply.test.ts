// A reply shows at once as pending, then as delivered, and Mirakl receives it exactly once.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startInbox, type Inbox } from './fixtures/inbox';
import { listConversations, m12Calls, openConversation } from './fixtures/ui';

let inbox: Inbox;
beforeAll(async () => {
  inbox = await startInbox({ threads: 20, seed: 8 });
});
afterAll(async () => {
  await inbox?.close();
});

test('pending (clock) at once, then delivered (✓); one M12 reaches the fake', async () => {
  const page = inbox.page;
  const conversation = (await listConversations(inbox, 'limit=10')).find((c) => c.customer !== null)!;
  await openConversation(page, conversation.id);
  // Mirakl answers slowly, so the pending state is there to see.
  inbox.fake.faults.paths = /\/message$/;
  inbox.fake.faults.delayMs = 1_500;
  const before = m12Calls(inbox.fake).length;

  const body = `Bonjour, votre colis part aujourd'hui. (${Date.now()})`;
  const box = page.getByRole('textbox', { name: /Reply to the customer/ });
  await box.fill(body);
  await box.press('Control+Enter');

  const mine = page.locator('.message--shop', { hasText: body });
  await mine.locator('[data-testid="reply-pending"]').waitFor({ timeout: 1_000 });
  expect(await box.inputValue()).toBe('');
  await mine.locator('[data-testid="reply-delivered"]').waitFor({ timeout: 15_000 });
  expect(await mine.locator('[data-testid="reply-pending"]').count()).toBe(0);
  expect(await page.locator('.message--shop', { hasText: body }).count()).toBe(1);

  const calls = m12Calls(inbox.fake, conversation.miraklThreadId).length;
  expect(m12Calls(inbox.fake).length - before).toBe(1);
  expect(calls).toBeGreaterThanOrEqual(1);
  const last = inbox.store.getThread(conversation.miraklThreadId)!.messages.at(-1)!;
  expect(last.body).toBe(body);
  expect(last.from.type).toBe('SHOP_USER');

  // Still one after a few more sync passes.
  inbox.fake.faults.reset();
  await page.waitForTimeout(2_500);
  expect(m12Calls(inbox.fake).length - before).toBe(1);
  expect(await page.locator('.message--shop', { hasText: body }).count()).toBe(1);
});
