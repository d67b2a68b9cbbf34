// A body full of HTML stays text: no script runs, no image loads, no element is created.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startInbox, type Inbox } from './fixtures/inbox';
import { listConversations, openConversation } from './fixtures/ui';

const HOSTILE_THREAD = 'hostile-thread';
const BEACON = 'http://127.0.0.1:9/beacon.png';
const HOSTILE_BODY = [
  `<p>Bonjour <b>service client</b>,</p>`,
  `<img src="${BEACON}" onerror="window.__pwned = 'img'">`,
  `<script>window.__pwned = 'script'</script>`,
  `<a href="javascript:window.__pwned='link'">cliquez ici</a>`,
  `<iframe src="${BEACON}"></iframe>`,
  `<p>Texte: &lt;script&gt;window.__pwned = 'entity'&lt;/script&gt; et www.example.com/suivi.</p>`,
].join('\n');

let inbox: Inbox;
beforeAll(async () => {
  inbox = await startInbox({
    threads: 8,
    seed: 55,
    setup: (store) => {
      store.addThread({ id: HOSTILE_THREAD, body: HOSTILE_BODY, topic: { type: 'FREE_TEXT', value: '<img src=x onerror=alert(1)> Facture' } });
    },
  });
});
afterAll(async () => {
  await inbox?.close();
});

test('the hostile message renders as inert text', async () => {
  const page = inbox.page;
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });

  const conversation = (await listConversations(inbox, 'limit=50')).find((c) => c.miraklThreadId === HOSTILE_THREAD)!;
  await openConversation(page, conversation.id);
  const message = page.locator('.thread .message--customer').last();
  await message.waitFor();
  await page.waitForTimeout(500);

  const text = (await message.locator('.message__body').textContent()) ?? '';
  expect(text).toContain('Bonjour');
  // No element came from the body: only text nodes and our own link elements.
  expect(await page.locator('.thread img, .thread script, .thread iframe, .thread b').count()).toBe(0);
  const linkHrefs = await page.$$eval('.thread .message__body a', (as) => as.map((a) => a.getAttribute('href') ?? ''));
  for (const href of linkHrefs) expect(href).toMatch(/^https?:\/\//);
  // Nothing executed, nothing fetched.
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(requests.filter((url) => url.includes('beacon') || url.includes('127.0.0.1:9'))).toEqual([]);
  expect(dialogs).toEqual([]);
  // The subject with markup shows as text in the header and the row.
  expect(await page.locator('.thread-header__subject').textContent()).toContain('<img src=x');
  expect(await page.locator('.row img').count()).toBe(0);
});
