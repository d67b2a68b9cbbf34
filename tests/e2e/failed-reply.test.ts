// A reply Mirakl refuses shows a red mark with Retry · Edit · Discard, and each works.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ConversationDetail } from '../../src-shared/contract';
import { startInbox, type Inbox } from './fixtures/inbox';
import { screenshot } from './fixtures/screenshots';
import { eventually, listConversations, m12Calls, openConversation } from './fixtures/ui';

let inbox: Inbox;
let conversation: { id: number; miraklThreadId: string; orderId: string | null };
beforeAll(async () => {
  inbox = await startInbox({ threads: 12, seed: 144 });
  conversation = (await listConversations(inbox, 'limit=10')).find((c) => c.customer !== null)!;
  await openConversation(inbox.page, conversation.id);
});
afterAll(async () => {
  await inbox?.close();
});

/** The next M12 gets a 400: Mirakl refuses the reply for good. */
function refuseNextReply() {
  inbox.fake.faults.paths = /\/message$/;
  inbox.fake.faults.serverError = { next: 1, status: 400, message: 'This thread is closed: start a new thread on the order' };
}

async function sendFailing(body: string) {
  refuseNextReply();
  const box = inbox.page.getByRole('textbox', { name: /Reply to the customer/ });
  await box.fill(body);
  await box.press('Control+Enter');
  const message = inbox.page.locator('.message--shop', { hasText: body });
  await message.locator('[data-testid="reply-failed"]').waitFor({ timeout: 15_000 });
  return message;
}

test('Retry sends a refused reply again', async () => {
  const body = `Première tentative (${Date.now()})`;
  const message = await sendFailing(body);
  expect(await message.locator('[data-testid="reply-failed"]').textContent()).toMatch(/Not sent/);
  await message.getByRole('button', { name: 'Retry' }).click();
  await message.locator('[data-testid="reply-delivered"]').waitFor({ timeout: 15_000 });
  expect(inbox.store.getThread(conversation.miraklThreadId)!.messages.filter((m) => m.body === body)).toHaveLength(1);
});

test('Discard removes a refused reply', async () => {
  const body = `À jeter (${Date.now()})`;
  const message = await sendFailing(body);
  await message.getByRole('button', { name: 'Discard' }).click();
  await message.waitFor({ state: 'detached' });
  const detail = await inbox.api<ConversationDetail>('GET', `/api/conversations/${conversation.id}`);
  expect(detail.messages.some((m) => m.body === body)).toBe(false);
  expect(inbox.store.getThread(conversation.miraklThreadId)!.messages.some((m) => m.body === body)).toBe(false);
});

test('Edit puts the refused reply back in the box; sending retries it with the new text', async () => {
  const body = `Avec une faute (${Date.now()})`;
  const fixed = body.replace('faute', 'correction');
  const message = await sendFailing(body);
  const before = m12Calls(inbox.fake).length;
  await message.getByRole('button', { name: 'Edit' }).click();
  const box = inbox.page.locator('textarea.composer__input');
  await eventually(async () => expect(await box.inputValue()).toBe(body));
  expect(await inbox.page.locator('.composer__editing').textContent()).toContain('Editing a reply');
  await box.fill(fixed);
  await box.press('Control+Enter');
  await inbox.page.locator('.message--shop', { hasText: fixed }).locator('[data-testid="reply-delivered"]').waitFor({ timeout: 15_000 });
  expect(await inbox.page.locator('.message--shop', { hasText: body }).count()).toBe(0);
  expect(m12Calls(inbox.fake).length - before).toBe(1);
  expect(inbox.store.getThread(conversation.miraklThreadId)!.messages.at(-1)!.body).toBe(fixed);
});

test('in a narrow pane the refusal reads plainly: icon with its first words, actions below, a new thread on the order offered', async () => {
  const page = inbox.page;
  await page.setViewportSize({ width: 420, height: 800 });
  try {
    const body = `Refusée, fil fermé (${Date.now()})`;
    const message = await sendFailing(body);
    const failed = message.locator('[data-testid="reply-failed"]');
    const text = (await failed.textContent()) ?? '';
    expect(text).toMatch(/Not sent: Mirakl refused this reply\./);
    expect(text).toContain('This thread is closed: start a new thread on the order');
    expect(text).not.toMatch(/\b400\b|Mirakl answered/);

    const layout = await failed.evaluate((element) => {
      const icon = element.querySelector('svg')!.getBoundingClientRect();
      const sentence = element.querySelector('.message__failure')!;
      const walker = document.createTreeWalker(sentence, NodeFilter.SHOW_TEXT);
      const firstText = walker.nextNode()!;
      const range = document.createRange();
      range.setStart(firstText, 0);
      range.setEnd(firstText, 1);
      const firstLetter = range.getBoundingClientRect();
      const lines = new Set([...sentence.getClientRects()].map((r) => Math.round(r.top)));
      const buttons = [...element.querySelectorAll('button')].map((b) => b.getBoundingClientRect());
      return {
        iconMiddle: (icon.top + icon.bottom) / 2,
        firstLetterTop: firstLetter.top,
        firstLetterBottom: firstLetter.bottom,
        sentenceBottom: sentence.getBoundingClientRect().bottom,
        sentenceLines: lines.size,
        buttonsTop: Math.min(...buttons.map((b) => b.top)),
        leading: [...element.querySelectorAll('.message__failed-actions li')].map((li) => (li.textContent ?? '').trim()),
      };
    });
    // The icon sits on the line of "Not sent", not alone above it.
    expect(layout.iconMiddle).toBeGreaterThan(layout.firstLetterTop);
    expect(layout.iconMiddle).toBeLessThan(layout.firstLetterBottom);
    // The actions come as a group under the sentence.
    expect(layout.buttonsTop).toBeGreaterThanOrEqual(layout.sentenceBottom - 1);
    expect(layout.leading).toEqual(['New thread on the order', 'Retry', 'Edit', 'Discard']);
    await screenshot(page, '30-failed-reply-narrow');

    await message.getByRole('button', { name: 'New thread on the order' }).click();
    const dialog = page.getByRole('dialog', { name: `New thread on order ${conversation.orderId}` });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await message.getByRole('button', { name: 'Discard' }).click();
    await message.waitFor({ state: 'detached' });
  } finally {
    await page.setViewportSize({ width: 1360, height: 860 });
  }
});
