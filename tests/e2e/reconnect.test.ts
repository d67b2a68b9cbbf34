// The page outlives its backend: when `serve` stops, the status says so and what is on
// screen stays; when it is back, the live link reconnects and what changed meanwhile appears.
import { afterAll, beforeAll, expect } from 'vitest';
import { startInbox, type Inbox } from './fixtures/inbox';
import { browserOnlyTest, E2E_TARGET } from './fixtures/target';
import { screenshot } from './fixtures/screenshots';
import { eventually, listConversations, openConversation, rowIds } from './fixtures/ui';

let inbox: Inbox;
beforeAll(async () => {
  if (E2E_TARGET === 'electron') return; // the Electron app has no separate server to stop
  inbox = await startInbox({ threads: 12, seed: 987 });
});
afterAll(async () => {
  await inbox?.close();
});

browserOnlyTest('serve stops: "reconnecting", content kept; serve is back: live again, with what was missed', { timeout: 60_000 }, async () => {
  const page = inbox.page;
  const conversation = (await listConversations(inbox, 'limit=10')).find((c) => c.customer !== null && c.messageCount <= 100)!;
  await openConversation(page, conversation.id);
  const shown = (await page.locator('.thread [data-message-id]').count());

  await inbox.stopServe();
  const status = page.getByTestId('sync-status');
  await eventually(async () => expect(await status.textContent()).toMatch(/Reconnecting|unreachable/), 10_000);
  expect(await page.locator('.thread [data-message-id]').count()).toBe(shown);
  await screenshot(page, '17-reconnecting');

  // A reply written now cannot even be stored: it goes back into the box, not into thin air.
  const reply = 'Nous regardons cela tout de suite.';
  const box = page.getByRole('textbox', { name: /reply/i });
  await box.fill(reply);
  await page.keyboard.press('Control+Enter');
  await eventually(async () => expect(await box.inputValue()).toBe(reply), 10_000);
  expect(await page.locator('.thread [data-message-id]').count()).toBe(shown);
  await box.fill('');

  // Meanwhile, the customer writes again.
  const body = `Message écrit pendant la coupure (${Date.now()})`;
  inbox.store.addCustomerMessage(conversation.miraklThreadId, body);
  await inbox.startServe();
  await page.locator('.thread .message--customer', { hasText: body }).waitFor({ timeout: 30_000 });
  await eventually(async () => expect(await status.textContent()).toMatch(/Synced/), 15_000);
  await eventually(async () => expect((await rowIds(page))[0]).toBe(conversation.id));
});
