// Small layout promises: the empty pane's hints wrap without a stray "·", the order panel's
// e-mail wraps only at sensible points, and a short window keeps the customer's e-mail.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { startInbox, type Inbox } from './fixtures/inbox';
import { screenshot } from './fixtures/screenshots';
import { conversationDetail, listConversations, openConversation } from './fixtures/ui';

let inbox: Inbox;
beforeAll(async () => {
  inbox = await startInbox({ threads: 12, seed: 61 });
});
afterAll(async () => {
  await inbox?.close();
});

/** The element's text, one string per rendered line (by each character's box). */
function renderedLines(page: Page, selector: string): Promise<string[]> {
  return page.$eval(selector, (element) => {
    const lines = new Map<number, string>();
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      for (let i = 0; i < text.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getBoundingClientRect();
        if (rect.width === 0 && text[i] !== ' ') continue;
        const top = Math.round(rect.top);
        lines.set(top, (lines.get(top) ?? '') + text[i]);
      }
    }
    return [...lines.entries()].sort((a, b) => a[0] - b[0]).map(([, line]) => line);
  });
}

test('the empty pane lists its hints as items: no line starts with a separator', async () => {
  const page = inbox.page;
  const hints = page.getByRole('list', { name: 'Keyboard shortcuts' });
  await hints.waitFor();
  const items = await hints.getByRole('listitem').allTextContents();
  expect(items.map((item) => item.replace(/\s+/g, ' ').trim())).toEqual(['j k or ↑ ↓ move through the list', 'Enter replies', 'Ctrl+K searches', '? all shortcuts']);
  const layout = await hints.evaluate((list) => ({
    text: list.textContent ?? '',
    linesPerItem: [...list.querySelectorAll('li')].map((li) => new Set([...li.getClientRects()].map((r) => Math.round(r.top))).size),
    rows: new Set([...list.querySelectorAll('li')].map((li) => Math.round(li.getBoundingClientRect().top))).size,
  }));
  expect(layout.text).not.toContain('·');
  expect(layout.linesPerItem).toEqual([1, 1, 1, 1]);
  expect(layout.rows).toBeGreaterThan(1);
  await screenshot(page, '31-empty-pane-hints');
});

test("the order panel's e-mail wraps only after @ and + or before a dot, never one letter alone", async () => {
  const page = inbox.page;
  const withEmail = await (async () => {
    for (const c of await listConversations(inbox, 'limit=12')) {
      const detail = await conversationDetail(inbox, c.id);
      if (detail.order?.customerEmail) return { id: c.id, email: detail.order.customerEmail };
    }
    throw new Error('no order with an e-mail');
  })();
  await openConversation(page, withEmail.id);
  if (!(await page.locator('.order-panel').isVisible())) await page.getByRole('button', { name: 'Order', exact: true }).click();
  const email = page.locator('.order-panel .copyable__text');
  await email.waitFor();
  expect(await email.getAttribute('title')).toBe(withEmail.email);
  expect(await email.textContent()).toBe(withEmail.email);
  for (const width of [1360, 1180]) {
    await page.setViewportSize({ width, height: 860 });
    const lines = await renderedLines(page, '.order-panel .copyable__text');
    expect(lines.join('')).toBe(withEmail.email);
    for (const line of lines) expect(line.length).toBeGreaterThan(2);
    for (let k = 1; k < lines.length; k++) {
      const sensible = /[@+]$/.test(lines[k - 1]!) || lines[k]!.startsWith('.');
      expect(sensible, `${lines[k - 1]} | ${lines[k]}`).toBe(true);
    }
  }
  await page.setViewportSize({ width: 1360, height: 860 });
  await screenshot(page, '32-order-panel-email');
});

test('a short window keeps the customer e-mail in the thread header, cut with an ellipsis and whole in its title', async () => {
  const page = inbox.page;
  const withEmail = (await listConversations(inbox, 'limit=12')).find((c) => c.customer?.email)!;
  expect(withEmail).toBeDefined();
  await openConversation(page, withEmail.id);
  await page.setViewportSize({ width: 900, height: 500 });
  try {
    const email = page.locator('.thread-header__email');
    expect(await email.isVisible()).toBe(true);
    expect(await email.getAttribute('title')).toBe(withEmail.customer!.email);
    const fits = await email.evaluate((element) => {
      const text = element.closest('.thread-header__text')!.getBoundingClientRect();
      const box = element.getBoundingClientRect();
      return box.width > 20 && box.right <= text.right + 1 && getComputedStyle(element).textOverflow === 'ellipsis';
    });
    expect(fits).toBe(true);
  } finally {
    await page.setViewportSize({ width: 1360, height: 860 });
  }
});
