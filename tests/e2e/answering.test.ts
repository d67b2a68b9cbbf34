// A technician's day, answering fast: `/` picks a saved reply filled in for the customer,
// the composer stops on its field, a dropped photo and the order's invoice ride along, and
// the reply reaches Mirakl once with both files. Snoozed until the customer writes, a
// conversation leaves the list and comes back live when they do.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Conversation, SavedReply } from '../../src-shared/contract';
import { startInbox, type Inbox } from './fixtures/inbox';
import { screenshot } from './fixtures/screenshots';
import { conversationDetail, eventually, listConversations, m12Calls, openConversation, rowIds } from './fixtures/ui';

let inbox: Inbox;
beforeAll(async () => {
  inbox = await startInbox({ threads: 24, seed: 8 });
});
afterAll(async () => {
  await inbox?.close();
});

/** A conversation with a customer about an order the fake keeps an invoice for. */
async function documentedConversation(): Promise<Conversation> {
  const conversations = await listConversations(inbox, 'limit=100');
  const found = conversations.find(
    (c) => c.customer !== null && c.orderId !== null && inbox.store.orderDocuments(new Set([c.orderId])).some((d) => d.type === 'CUSTOMER_INVOICE'),
  );
  if (!found) throw new Error('no conversation about an order with an invoice');
  return found;
}

test('pick a saved reply with /, fill its field, attach a photo and the invoice, send: delivered once on Mirakl with both files', async () => {
  const page = inbox.page;
  await inbox.api<SavedReply>('POST', '/api/saved-replies', {
    name: 'Return the item',
    language: 'fr',
    body: 'Bonjour {{customer.firstName}},\n\nRenvoyez {{order.lines}} à cette adresse :\n{{ask:Adresse de retour}}\n\nVotre facture est jointe.\n{{shop.name}}',
  });
  await inbox.api('POST', '/api/saved-replies', { name: 'Return the item', language: 'en', body: 'Hello {{customer.firstName}}, send it back to {{ask:Return address}}.' });
  const conversation = await documentedConversation();
  const detail = await conversationDetail(inbox, conversation.id);
  const firstName = detail.order?.customerFirstName ?? conversation.customer!.name.split(' ')[0]!;
  await openConversation(page, conversation.id);

  const box = page.getByRole('textbox', { name: /Reply to the customer/ });
  await box.click();
  await box.pressSequentially('/retu');
  const picker = page.getByRole('listbox', { name: 'Saved replies' });
  await picker.waitFor();
  // The customer's language first (the demo's customers write French, German, Spanish…).
  const options = await picker.getByRole('option').allTextContents();
  expect(options.length).toBe(2);
  await expect.poll(() => page.locator('.picker__preview').textContent()).toContain(`Bonjour ${firstName}`);
  await screenshot(page, 'saved-reply-picker');
  await box.press('Enter');
  await picker.waitFor({ state: 'detached' });
  const text = await box.inputValue();
  expect(text).toContain(`Bonjour ${firstName},`);
  expect(text).not.toContain('{{customer.firstName}}');
  // The composer stops on the field: it is selected, and sending is refused while it is there.
  const selected = await box.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd));
  expect(selected).toMatch(/^\{\{ask:(Adresse de retour|Return address)\}\}$/);
  await page.getByTestId('reply-holes').waitFor();
  await screenshot(page, 'saved-reply-field');
  const postsBefore = m12Calls(inbox.fake, conversation.miraklThreadId).length;
  await box.press('Control+Enter');
  await page.getByText(/Fill in “(Adresse de retour|Return address)” first/).waitFor();
  expect(m12Calls(inbox.fake, conversation.miraklThreadId).length).toBe(postsBefore);
  await box.pressSequentially('12 rue de la Verrerie, 75004 Paris');
  expect(await box.inputValue()).not.toMatch(/\{\{/);

  // A photo dropped on the reply, and the order's invoice attached from the order panel.
  await page.locator('form.composer').evaluate((form) => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4])], 'photo colis.jpg', { type: 'image/jpeg' }));
    form.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  });
  if (!(await page.locator('#order-panel').isVisible())) await page.getByRole('button', { name: 'Order', exact: true }).click();
  const invoiceRow = page.getByTestId('order-document').filter({ hasText: 'Invoice' }).first();
  await invoiceRow.getByRole('button', { name: /^Attach / }).click();
  await expect.poll(() => page.getByTestId('reply-attachment').count()).toBe(2);
  await expect.poll(() => page.locator('.attachment-tray__item .spinner').count()).toBe(0);
  await screenshot(page, 'reply-with-files');

  const body = await box.inputValue();
  await box.press('Control+Enter');
  const mine = page.locator('.message--shop').filter({ hasText: '12 rue de la Verrerie' });
  await mine.locator('[data-testid="reply-delivered"]').waitFor({ timeout: 15_000 });
  const copies = inbox.store.getThread(conversation.miraklThreadId)!.messages.filter((m) => m.body === body);
  expect(copies).toHaveLength(1);
  const invoiceName = inbox.store.orderDocuments(new Set([conversation.orderId!])).find((d) => d.type === 'CUSTOMER_INVOICE')!.file_name;
  expect(copies[0]!.attachments!.map((a) => a.name)).toEqual(['photo colis.jpg', invoiceName]);
  expect(m12Calls(inbox.fake, conversation.miraklThreadId).length - postsBefore).toBe(1);
  // After the next sync, Mirakl's own copies are the ones shown (downloadable).
  await mine.locator('.attachment__button').nth(1).waitFor({ timeout: 10_000 });
  expect(await mine.locator('.attachment__name').allTextContents()).toEqual(['photo colis.jpg', invoiceName]);
  await screenshot(page, 'reply-files-delivered');
});

test('snooze until the customer writes: out of the list and its counts, back live when they write', async () => {
  const page = inbox.page;
  const conversations = await listConversations(inbox, 'limit=20');
  const target = conversations.find((c) => c.customer !== null && c.snooze === null && !m12Calls(inbox.fake, c.miraklThreadId).length)!;
  await openConversation(page, target.id);
  const allBefore = Number(await page.locator('[data-filter="all"] .filters__count').textContent());
  await page.getByRole('button', { name: 'Snooze', exact: true }).click();
  await page.getByRole('dialog', { name: 'Snooze until' }).waitFor();
  await screenshot(page, 'snooze-menu');
  await page.getByRole('button', { name: /Until the customer writes again/ }).click();
  await eventually(async () => expect(await rowIds(page)).not.toContain(target.id));
  await eventually(async () => expect(Number(await page.locator('[data-filter="all"] .filters__count').textContent())).toBe(allBefore - 1));
  expect(Number(await page.locator('[data-filter="snoozed"] .filters__count').textContent())).toBe(1);
  await page.locator('[data-filter="snoozed"]').click();
  await eventually(async () => expect(await rowIds(page)).toEqual([target.id]));
  await screenshot(page, 'snoozed-list');
  await page.locator('[data-filter="all"]').click();
  await eventually(async () => expect(await rowIds(page)).not.toContain(target.id));

  // The customer writes: within a sync interval it is back at the top, unread, not snoozed.
  inbox.store.addCustomerMessage(target.miraklThreadId, 'Bonjour, avez-vous des nouvelles ?');
  await eventually(async () => expect((await rowIds(page))[0]).toBe(target.id), 6_000, 50);
  await eventually(async () => expect(Number(await page.locator('[data-filter="snoozed"] .filters__count').textContent())).toBe(0));
  expect((await conversationDetail(inbox, target.id)).conversation.snooze).toBeNull();
}, 60_000);
