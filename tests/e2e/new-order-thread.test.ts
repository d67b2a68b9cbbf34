// From the order panel, a technician starts a new thread on the order (Mirakl OR43): it
// reaches Mirakl once, and the new conversation opens.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startInbox, type Inbox } from './fixtures/inbox';
import { screenshot } from './fixtures/screenshots';
import { eventually, listConversations, openConversation, selectedRowId } from './fixtures/ui';

let inbox: Inbox;
beforeAll(async () => {
  inbox = await startInbox({ threads: 12, seed: 77 });
});
afterAll(async () => {
  await inbox?.close();
});

test('a new thread on the order goes to Mirakl through OR43 and opens', async () => {
  const page = inbox.page;
  const withOrder = (await listConversations(inbox, 'limit=30')).find((c) => c.orderId && c.customer)!;
  await openConversation(page, withOrder.id);
  if (!(await page.locator('.order-panel').isVisible())) await page.getByRole('button', { name: 'Order', exact: true }).click();
  await page.getByRole('button', { name: 'New thread on this order' }).click();
  const dialog = page.getByRole('dialog', { name: `New thread on order ${withOrder.orderId}` });
  await dialog.getByLabel('Subject').fill('Retour de votre colis');
  await dialog.getByLabel('Message').fill('Bonjour, voici l’étiquette de retour pour votre commande.');
  await screenshot(page, '18-new-order-thread');
  await dialog.getByRole('button', { name: 'Start thread' }).click();

  await eventually(async () => expect(await selectedRowId(page)).not.toBe(withOrder.id), 10_000);
  const opened = await selectedRowId(page);
  await page.locator('.thread .message__body', { hasText: 'voici l’étiquette de retour' }).waitFor({ timeout: 10_000 });
  const or43 = inbox.fake.calls.filter((c) => c.method === 'POST' && c.path === `/api/orders/${withOrder.orderId}/threads`);
  expect(or43).toHaveLength(1);
  const created = (await listConversations(inbox, `orderId=${encodeURIComponent(withOrder.orderId!)}`)).find((c) => c.id === opened)!;
  expect(created.subject).toBe('Retour de votre colis');
});
