// `serve --demo`: the embedded demo marketplace, and a banner saying so.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startInbox, type Inbox } from './fixtures/inbox';
import { screenshot } from './fixtures/screenshots';

let inbox: Inbox;
beforeAll(async () => {
  inbox = await startInbox({ demo: true, threads: 0 });
});
afterAll(async () => {
  await inbox?.close();
});

test('the demo banner shows and leads to Settings', async () => {
  const page = inbox.page;
  const banner = page.getByTestId('demo-banner');
  await banner.waitFor();
  expect(await banner.textContent()).toContain('You are looking at demo data — connect your Mirakl account in Settings');
  await screenshot(page, '12-demo-banner');
  await banner.getByRole('button', { name: 'Open Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.waitFor();
  expect(await dialog.textContent()).toContain('Demo');
  // API keys are write-only: the only key field is a password input, empty.
  await dialog.getByRole('button', { name: /Add connection/ }).click();
  const key = dialog.getByLabel('API key');
  expect(await key.getAttribute('type')).toBe('password');
  expect(await key.inputValue()).toBe('');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
});
