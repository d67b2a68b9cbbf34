// The connection form's hints are read whole: no placeholder is cut off, at the default
// window size or at 200% zoom.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { startInbox, type Inbox } from './fixtures/inbox';
import { screenshot } from './fixtures/screenshots';
import { browserOnlyTest } from './fixtures/target';
import { pageAtZoom200 } from './fixtures/ui';

let inbox: Inbox;
beforeAll(async () => {
  inbox = await startInbox({ threads: 3, seed: 5 });
});
afterAll(async () => {
  await inbox?.close();
});

async function openNewConnectionForm(page: Page) {
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: /Add connection/ }).click();
  await dialog.getByLabel('Mirakl URL').waitFor();
  await page.waitForTimeout(200);
  return dialog;
}

/** Placeholders wider than their field's text box: [label, text width, room] for each cut one. */
function cutPlaceholders(page: Page): Promise<Array<[string, number, number]>> {
  return page.$$eval('.connection-form input[placeholder]', (inputs) =>
    inputs.flatMap((element) => {
      const input = element as HTMLInputElement;
      const style = getComputedStyle(input);
      const probe = document.createElement('span');
      probe.style.cssText = `position:absolute;visibility:hidden;white-space:pre;font:${style.font};letter-spacing:${style.letterSpacing}`;
      probe.textContent = input.placeholder;
      document.body.append(probe);
      const needed = probe.getBoundingClientRect().width;
      probe.remove();
      const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const label = document.querySelector(`label[for="${CSS.escape(input.id)}"]`)?.textContent ?? input.id;
      return needed > room ? [[label, Math.round(needed), Math.round(room)] as [string, number, number]] : [];
    }),
  );
}

test('at the default window size', async () => {
  const dialog = await openNewConnectionForm(inbox.page);
  await screenshot(inbox.page, '43-connection-form');
  expect(await inbox.page.locator('.connection-form input[placeholder]').count()).toBeGreaterThanOrEqual(3);
  expect(await cutPlaceholders(inbox.page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await inbox.page.keyboard.press('Escape');
});

browserOnlyTest('at 200% zoom', async () => {
  const page = await pageAtZoom200(inbox);
  await openNewConnectionForm(page);
  await screenshot(page, '44-connection-form-zoom-200');
  expect(await cutPlaceholders(page)).toEqual([]);
  await page.context().close();
});
