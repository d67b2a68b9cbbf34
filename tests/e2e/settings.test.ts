// Settings: a Mirakl connection tested, added, renamed and removed from the UI; a wrong key
// is reported; preferences saved as changed; the API key never shown.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { browserOnlyTest } from './fixtures/target';
import type { Connection, ConversationCounts, Preferences } from '../../src-shared/contract';
import { FakeMiraklStore } from '../../src-main/fake-mirakl/store';
import { generateDemoData } from '../../src-main/fake-mirakl/demo-data';
import { startFakeMirakl, type FakeMirakl } from '../../src-main/fake-mirakl/server';
import { MARKETPLACE, startInbox, type Inbox } from './fixtures/inbox';
import { eventually } from './fixtures/ui';

let inbox: Inbox;
let second: FakeMirakl;
beforeAll(async () => {
  inbox = await startInbox({ threads: 8, seed: 377 });
  const store = new FakeMiraklStore({ shopId: 3003, shopName: 'Atelier Nord' });
  generateDemoData(store, { threads: 5, seed: 610 });
  second = await startFakeMirakl({ store, apiKey: 'second-key' });
});
afterAll(async () => {
  await inbox?.close();
  await second?.close();
});

const dialog = () => inbox.page.getByRole('dialog', { name: 'Settings' });

// Adding a connection seals its key in the OS keychain: the Electron run does not script
// against a developer's real keychain (the stand-in electron tests cover the sealing).
browserOnlyTest('a wrong API key is reported by Test; the right one names the shop; adding it syncs its conversations', async () => {
  const page = inbox.page;
  const countsBefore = await inbox.api<ConversationCounts>('GET', '/api/conversations/counts');
  await page.getByRole('button', { name: 'Settings' }).click();
  await dialog().getByRole('button', { name: /Add connection/ }).click();
  await dialog().getByLabel('Marketplace', { exact: true }).fill('Atelier Nord');
  await dialog().getByLabel('Mirakl URL').fill(second.url);
  await dialog().getByLabel('Shop id').fill('3003');
  await dialog().getByLabel('API key').fill('wrong-key');
  await dialog().getByRole('button', { name: 'Test' }).click();
  const result = dialog().getByTestId('connection-test-result');
  await result.waitFor();
  expect(await result.getAttribute('class')).toContain('test-result--failed');

  await dialog().getByLabel('API key').fill('second-key');
  await dialog().getByRole('button', { name: 'Test' }).click();
  await eventually(async () => expect(await result.textContent()).toContain('Connected to Atelier Nord (shop 3003)'));
  await dialog().getByRole('button', { name: 'Add connection', exact: true }).click();
  await dialog().locator('.connection__name', { hasText: 'Atelier Nord' }).waitFor();
  // The key went in and never comes back out.
  const connections = await inbox.api<{ items: Connection[] }>('GET', '/api/connections');
  const added = connections.items.find((c) => c.name === 'Atelier Nord')!;
  expect(added).toMatchObject({ hasApiKey: true, shopId: '3003' });
  expect(JSON.stringify(connections)).not.toContain('second-key');
  expect(await dialog().textContent()).not.toContain('second-key');

  await eventually(async () => {
    const counts = await inbox.api<ConversationCounts>('GET', '/api/conversations/counts');
    expect(counts.all).toBe(countsBefore.all + 5);
  }, 20_000);
  await eventually(async () => expect(Number(await page.locator('[data-filter="all"] .filters__count').textContent())).toBe(countsBefore.all + 5), 10_000);
});

browserOnlyTest('a connection can be renamed, keeping its key', async () => {
  await dialog().getByRole('button', { name: 'Edit Atelier Nord' }).click();
  const key = dialog().getByLabel('API key');
  expect(await key.getAttribute('type')).toBe('password');
  expect(await key.inputValue()).toBe('');
  await dialog().getByLabel('Marketplace', { exact: true }).fill('Atelier Nord (FR)');
  await dialog().getByRole('form', { name: 'Edit Atelier Nord' }).getByRole('button', { name: 'Save', exact: true }).click();
  await dialog().locator('.connection__name', { hasText: 'Atelier Nord (FR)' }).waitFor();
  const connections = await inbox.api<{ items: Connection[] }>('GET', '/api/connections');
  expect(connections.items.find((c) => c.name === 'Atelier Nord (FR)')?.hasApiKey).toBe(true);
});

browserOnlyTest('removing a connection asks first, then takes its conversations away', async () => {
  const page = inbox.page;
  await dialog().getByRole('button', { name: 'Remove Atelier Nord (FR)' }).click();
  await dialog().getByRole('group', { name: /Remove Atelier Nord/ }).getByRole('button', { name: 'Remove' }).click();
  await dialog().locator('.connection__name', { hasText: 'Atelier Nord' }).waitFor({ state: 'detached' });
  await eventually(async () => expect(Number(await page.locator('[data-filter="all"] .filters__count').textContent())).toBe(8), 10_000);
});

test('preferences are saved as changed', async () => {
  await dialog().getByLabel('Check Mirakl for new messages').selectOption('300');
  await eventually(async () => expect((await inbox.api<Preferences>('GET', '/api/preferences')).syncIntervalSeconds).toBe(300));
  const demo = dialog().getByRole('checkbox', { name: /demo marketplace/ });
  const wasOn = await demo.isChecked();
  await demo.setChecked(!wasOn, { force: true });
  await eventually(async () => expect((await inbox.api<Preferences>('GET', '/api/preferences')).demoEnabled).toBe(!wasOn));
  await demo.setChecked(wasOn, { force: true });
  await eventually(async () => expect((await inbox.api<Preferences>('GET', '/api/preferences')).demoEnabled).toBe(wasOn));
  await inbox.page.keyboard.press('Escape');
  await dialog().waitFor({ state: 'hidden' });
});

browserOnlyTest("a page served by `serve` shows serve's own API address and token, with no desktop switch to contradict it", async () => {
  await inbox.page.getByRole('button', { name: 'Settings' }).click();
  const api = dialog().getByRole('region', { name: 'Local HTTP API' });
  await api.getByText(inbox.baseUrl, { exact: true }).waitFor();
  expect(await api.getByRole('checkbox').count()).toBe(0);
  expect(await api.getByLabel('Port').count()).toBe(0);
  await api.getByRole('button', { name: 'Show' }).click();
  expect(await api.getByLabel('API token', { exact: true }).textContent()).toBe(inbox.token);
  // serve's own connection came with its command line: its key is in memory, not stored.
  await dialog().locator('.connection__name', { hasText: MARKETPLACE }).waitFor();
  expect(await dialog().textContent()).toContain('API key given at launch, not stored');
  await inbox.page.keyboard.press('Escape');
  await dialog().waitFor({ state: 'hidden' });
});
