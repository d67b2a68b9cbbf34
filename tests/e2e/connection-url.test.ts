// The Mirakl URL field takes an address typed without https:// (the service adds it) and
// says why a connection fails in words.
import { afterAll, beforeAll, expect } from 'vitest';
import { browserOnlyTest } from './fixtures/target';
import { startInbox, type Inbox } from './fixtures/inbox';

let inbox: Inbox;
beforeAll(async () => {
  inbox = await startInbox({ threads: 3, seed: 21 });
});
afterAll(async () => {
  await inbox?.close();
});

// Adding a connection would seal a key in the OS keychain: browser target only, as in settings.test.ts.
browserOnlyTest('a URL typed without https:// is sent with it, and a failure is said in words', async () => {
  const page = inbox.page;
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('button', { name: /Add connection/ }).click();
  // The test's fake Mirakl speaks plain http on loopback: with the https:// that is added, TLS fails there.
  const typed = inbox.fake.url.replace(/^http:\/\//, '');
  await dialog.getByLabel('Mirakl URL').fill(typed);
  await dialog.getByLabel('API key').fill('e2e-key');
  await dialog.getByRole('button', { name: 'Add connection', exact: true }).click();
  const alert = dialog.getByRole('alert');
  await alert.waitFor({ timeout: 15_000 });
  expect(await alert.textContent()).toContain(`cannot reach Mirakl at https://${typed}: the secure connection failed (is it really an https address?)`);
  expect(await alert.textContent()).not.toMatch(/EPROTO|A01/);
  await page.keyboard.press('Escape');
});
