// Mirakl unreachable: the inbox stays readable, says it is offline, queues replies, and
// delivers them (once) when Mirakl is back.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startInbox, type Inbox } from './fixtures/inbox';
import { screenshot } from './fixtures/screenshots';
import { eventually, listConversations, m12Calls, messageIds, openConversation } from './fixtures/ui';

let inbox: Inbox;
beforeAll(async () => {
  inbox = await startInbox({ threads: 20, seed: 89 });
});
afterAll(async () => {
  await inbox?.close();
});

test('offline: reading works and a reply queues, then is delivered once Mirakl is back', { timeout: 90_000 }, async () => {
  const page = inbox.page;
  const conversations = await listConversations(inbox, 'limit=10');
  const [first, second] = conversations.filter((c) => c.customer !== null && c.messageCount <= 100);

  await inbox.stopFake();
  const status = page.getByTestId('sync-status');
  // The pass in flight retries Mirakl for ~16 s (client backoff) before it gives up and says so.
  await eventually(async () => expect(await status.textContent()).toMatch(/Offline/), 45_000);
  await screenshot(page, '13-offline');

  // Reading local data still works.
  await openConversation(page, second!.id);
  await eventually(async () => expect((await messageIds(page)).length).toBe(second!.messageCount));
  await openConversation(page, first!.id);

  const body = `Réponse écrite hors ligne (${Date.now()})`;
  const box = page.getByRole('textbox', { name: /Reply to the customer/ });
  await box.fill(body);
  await box.press('Control+Enter');
  const mine = page.locator('.message--shop', { hasText: body });
  await mine.locator('[data-testid="reply-pending"]').waitFor();
  await page.waitForTimeout(1_500);
  expect(await mine.locator('[data-testid="reply-pending"]').count()).toBe(1);
  await screenshot(page, '14-offline-reply-queued');

  await inbox.restartFake();
  await mine.locator('[data-testid="reply-delivered"]').waitFor({ timeout: 60_000 });
  await eventually(async () => expect(await status.textContent()).toMatch(/Synced/), 15_000);
  // The queued reply was posted once to the Mirakl that came back (a fresh server: its
  // call log starts at the restart), and exactly one copy reached the thread.
  const copies = inbox.store.getThread(first!.miraklThreadId)!.messages.filter((m) => m.body === body);
  expect(copies).toHaveLength(1);
  expect(m12Calls(inbox.fake, first!.miraklThreadId)).toHaveLength(1);
  expect(await page.locator('.message--shop', { hasText: body }).count()).toBe(1);
});
