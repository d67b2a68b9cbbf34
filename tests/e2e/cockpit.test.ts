// The response-time cockpit as a support lead uses it: opened from the sidebar (and `c`),
// its figures the API's own, a day's numbers on hover, every chart as a table and as CSV,
// age bars leading to those conversations in the list, live as a customer writes and a reply
// is delivered, both themes photographed, and no serious accessibility violation.
import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ConversationPage, ResponseTimes } from '../../src-shared/contract';
import { startInbox, type Inbox } from './fixtures/inbox';
import { screenshot } from './fixtures/screenshots';
import { E2E_TARGET } from './fixtures/target';
import { eventually, rowIds } from './fixtures/ui';

let inbox: Inbox;
beforeAll(async () => {
  inbox = await startInbox({ threads: 60, seed: 20_261_130 });
});
afterAll(async () => {
  await inbox?.close();
});

/** The API's figures for the period the page shows (last 30 days, the page's zone). */
async function apiFigures(): Promise<ResponseTimes> {
  const tz = await inbox.page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  const first = await inbox.page.evaluate(() => {
    const d = new Date(Date.now() - 29 * 86_400_000);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });
  const query = new URLSearchParams({ from: first, to: new Date().toISOString(), tz });
  return inbox.api<ResponseTimes>('GET', `/api/stats/response-times?${query}`);
}

/** Opens the cockpit unless it is open (each test can run alone). */
async function openCockpit(): Promise<void> {
  const page = inbox.page;
  if ((await page.locator('.cockpit').count()) === 0) await page.getByRole('button', { name: 'Response times' }).click();
  await page.locator('.cockpit .chart__svg').first().waitFor();
}

const percentText = (rate: number) => (rate >= 1 ? '100 %' : `${(Math.floor(rate * 1000) / 10).toFixed(1)} %`);

async function axeViolations(): Promise<string[]> {
  const results = await new AxeBuilder({ page: inbox.page }).include('.cockpit').analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('opens from the sidebar with the API’s figures; hovering a day shows its numbers', async () => {
  const page = inbox.page;
  await page.getByRole('button', { name: 'Response times' }).click();
  await page.locator('.cockpit .chart__svg').first().waitFor();
  const api = await apiFigures();
  expect(api.waits).toBeGreaterThan(0);
  expect(await page.locator('[data-stat="on-time"]').textContent()).toBe(percentText(api.onTimeRate));
  const open = api.openByAge.reduce((sum, b) => sum + b.count, 0);
  expect(await page.locator('[data-stat="open"]').textContent()).toBe(open.toLocaleString('en'));

  // Hover the busiest day: its tooltip carries the API's numbers for that day.
  const busiest = api.days.reduce((a, b) => (b.waits > a.waits ? b : a));
  const index = api.days.indexOf(busiest);
  const hit = page.locator('.chart__hit').nth(index);
  await hit.hover();
  const tooltip = page.locator(`.chart__tooltip[data-date="${busiest.date}"]`);
  await tooltip.waitFor();
  const text = (await tooltip.textContent()) ?? '';
  expect(text).toContain(`Answered within target${busiest.answeredWithinTarget}`);
  expect(text).toContain(`Answered late${busiest.answeredLate}`);
  expect(text).toContain(`Missed, still open${busiest.missed - busiest.answeredLate}`);

  // Tall enough to show the whole cockpit, charts below the fold included.
  await page.setViewportSize({ width: 1360, height: 1280 });
  await page.mouse.move(0, 0);
  await page.waitForTimeout(200);
  await screenshot(page, '40-cockpit');
  await page.setViewportSize({ width: 1360, height: 860 });
});

test('every chart has a table view and a CSV export', async () => {
  const page = inbox.page;
  await openCockpit();
  const perDay = page.locator('section.cockpit-card', { has: page.getByRole('heading', { name: 'Waits per day' }) });
  await perDay.getByRole('button', { name: 'Show table' }).click();
  const api = await apiFigures();
  await expect.poll(() => perDay.locator('tbody tr').count()).toBe(api.days.length);
  const lastRow = perDay.locator('tbody tr').last();
  expect(await lastRow.locator('th').textContent()).toBe(api.days.at(-1)!.date);

  // Electron saves a download through its own dialog: the file is checked in the browser.
  if (E2E_TARGET === 'browser') {
    const [download] = await Promise.all([page.waitForEvent('download'), perDay.getByRole('button', { name: /Download Waits per day as CSV/ }).click()]);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('Day,Waits,Answered within target,Answered late,"Missed, still open","Open, not late yet",Median response (h)');
    expect(lines).toHaveLength(api.days.length + 1);
    const day = api.days.find((d) => d.waits > 0)!;
    expect(lines.find((l) => l.startsWith(day.date))).toMatch(new RegExp(`^${day.date},${day.waits},${day.answeredWithinTarget},${day.answeredLate},`));
  }
  await perDay.getByRole('button', { name: 'Show chart' }).click();

  const ages = page.locator('section.cockpit-card', { has: page.getByRole('heading', { name: 'Open waits by age' }) });
  await ages.getByRole('button', { name: 'Show table' }).click();
  expect(await ages.locator('tbody tr').count()).toBe(6);
  await ages.getByRole('button', { name: 'Show chart' }).click();
});

test('an age bar shows those conversations in the list', async () => {
  const page = inbox.page;
  await openCockpit();
  const api = await apiFigures();
  const bucket = api.openByAge.find((b) => b.count > 0)!;
  await page.locator(`a.chart-link[data-bucket="${bucket.bucket}"]`).click();
  await page.getByTestId('wait-filter').waitFor();
  const expected = (await inbox.api<ConversationPage>('GET', `/api/conversations?limit=50&waitAge=${bucket.bucket}`)).items.map((c) => c.id);
  expect(expected).toHaveLength(Math.min(50, bucket.count));
  await eventually(async () => expect(await rowIds(page)).toEqual(expected));
  await page.getByRole('button', { name: /Clear the filter/ }).click();
  await page.getByTestId('wait-filter').waitFor({ state: 'detached' });
});

test('stays live: a customer writing and a reply delivered change it without reload', async () => {
  const page = inbox.page;
  await openCockpit();
  const openNow = async () => Number((await page.locator('[data-stat="open"]').textContent())!.replace(/,/g, ''));
  const before = await openNow();
  // A customer writes in a thread the shop had answered last: a new wait opens.
  const answered = (await inbox.api<ConversationPage>('GET', '/api/conversations?limit=100')).items.find((c) => c.replyNeededSince === null && c.customer)!;
  inbox.store.addCustomerMessage(answered.miraklThreadId, 'Bonjour, une autre question sur ma commande.');
  await eventually(async () => expect(await openNow()).toBe(before + 1), 10_000);
  // The shop answers it from here: once Mirakl accepts the reply, the wait ends.
  await inbox.api('POST', `/api/conversations/${answered.id}/messages`, { body: 'Bonjour, nous regardons cela tout de suite.' });
  await eventually(async () => expect(await openNow()).toBe(before), 10_000);
});

test('keyboard: c opens and leaves it, ←/→ read the days; listed among the shortcuts', async () => {
  const page = inbox.page;
  await openCockpit();
  await page.locator('.sidebar').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('c');
  await page.locator('.cockpit').waitFor({ state: 'detached' });
  await page.keyboard.press('c');
  await page.locator('.cockpit .chart').first().waitFor();
  await page.locator('.cockpit .chart').first().focus();
  await page.keyboard.press('End');
  const api = await apiFigures();
  await page.locator(`.chart__tooltip[data-date="${api.days.at(-1)!.date}"]`).waitFor();
  await page.keyboard.press('ArrowLeft');
  await page.locator(`.chart__tooltip[data-date="${api.days.at(-2)!.date}"]`).waitFor();
  await page.keyboard.press('Escape');
  await page.locator('body').focus();
  await page.keyboard.press('?');
  await page.getByRole('dialog').getByText('Response times (open or leave)').waitFor();
  await page.keyboard.press('Escape');
});

test('a rule set in Settings is the one the cockpit judges by', async () => {
  const page = inbox.page;
  await openCockpit();
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog');
  const form = dialog.locator('form.target-form').first();
  await form.getByLabel('Rule').selectOption('conrad');
  await form.getByRole('button', { name: 'Save target' }).click();
  await eventually(async () => {
    const { items } = await inbox.api<{ items: Array<{ target: { targetSeconds: number; scoringWindowDays: number } }> }>('GET', '/api/response-targets');
    expect(items[0]!.target).toMatchObject({ targetSeconds: 48 * 3600, scoringWindowDays: 90 });
  });
  await form.getByText('Count business hours only').click();
  await form.getByRole('button', { name: 'Save target' }).waitFor();
  await page.waitForTimeout(150);
  await screenshot(page, '42-settings-response-targets');
  await form.getByText('Count business hours only').click();
  await page.keyboard.press('Escape');
  // The cockpit refreshes each minute; a new period asks again at once.
  await page.getByRole('button', { name: '7 days' }).click();
  await page.getByRole('button', { name: '30 days' }).click();
  await page.locator('table.cockpit-table--markets').getByText('within 48 h').waitFor();
  expect(await page.locator('table.cockpit-table--markets').textContent()).toContain('last 90 days');
});

test('no serious accessibility violation, in both themes; photographed dark', async () => {
  const page = inbox.page;
  await openCockpit();
  expect(await axeViolations()).toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.setViewportSize({ width: 1360, height: 1280 });
  await page.mouse.move(0, 0);
  await page.waitForTimeout(250);
  expect(await axeViolations()).toEqual([]);
  await screenshot(page, '41-cockpit-dark');
  await page.setViewportSize({ width: 1360, height: 860 });
  await page.emulateMedia({ colorScheme: 'light' });
}, 120_000); // axe reads the whole cockpit twice: slow on a busy machine, not a timing under test
