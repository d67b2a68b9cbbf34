// The list is the work queue: most recent conversation first, like the API and the fake say.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startInbox, type Inbox } from './fixtures/inbox';
import { listConversations, rowIds } from './fixtures/ui';

let inbox: Inbox;
beforeAll(async () => {
  inbox = await startInbox({ threads: 30, seed: 3 });
});
afterAll(async () => {
  await inbox?.close();
});

test('rows are sorted by the time of their last message, newest first', async () => {
  const page = inbox.page;
  const times = await page.$$eval('[role="option"] time[datetime]', (els) => els.map((el) => Date.parse(el.getAttribute('datetime') ?? '')));
  expect(times.length).toBeGreaterThan(5);
  for (let i = 1; i < times.length; i += 1) expect(times[i]).toBeLessThanOrEqual(times[i - 1] as number);

  const api = await listConversations(inbox, 'limit=50');
  const shown = await rowIds(page);
  expect(shown).toEqual(api.slice(0, shown.length).map((c) => c.id));

  // The newest row is the fake Mirakl thread with the most recent message.
  const lastMessageMs = (t: { messages: Array<{ date_created: string }> }) => Math.max(...t.messages.map((m) => Date.parse(m.date_created)));
  const newest = [...inbox.store.listThreads()].sort((a, b) => lastMessageMs(b) - lastMessageMs(a))[0];
  expect(api[0]?.miraklThreadId).toBe(newest?.id);
});

test('each row shows who, when, what, the order and how long the customer has waited', async () => {
  const api = await listConversations(inbox, 'limit=50&replyNeeded=true');
  const waiting = api[0];
  expect(waiting).toBeDefined();
  const row = inbox.page.locator(`[role="option"][data-conversation-id="${waiting!.id}"]`);
  await row.scrollIntoViewIfNeeded();
  await expect.poll(() => row.locator('.row__name').textContent()).toBe(waiting!.customer?.name);
  if (waiting!.orderId) expect(await row.locator('.row__order').textContent()).toBe(waiting!.orderId);
  expect(await row.locator('.wait-badge').count()).toBe(1);
  expect(await row.locator('.row__preview').textContent()).toContain(waiting!.lastMessagePreview.slice(0, 20));
});
