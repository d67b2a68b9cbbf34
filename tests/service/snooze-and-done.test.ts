// Snooze, done and unread: local marks that Mirakl never hears of. A snoozed conversation
// leaves the lists and their counts, comes back on time or at once when a message arrives,
// never past the marketplace's 24-hour mark; every mark survives a restart and a re-sync.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Conversation } from '../../src-shared/contract';
import { ANSWER_MARGIN_MS, REPLY_DEADLINE_MS } from '../../src-shared/snooze-plan';
import { createAppService } from '../../src-main/service/app-service';
import { plainTextSecretBox } from '../../src-main/service/secret-box';
import { serviceFixture, someConversation, waitFor, type ServiceFixture } from '../helpers/service-fixture';
import { one, run, sql } from '../helpers/test-store';
import { tempDir } from '../helpers/temp-dir';

const HOUR = 3_600_000;

describe('snooze, done, unread', () => {
  const dir = tempDir();
  let f: ServiceFixture;
  afterEach(async () => {
    await f?.close();
  });

  const listIds = async (input: Omit<Parameters<ServiceFixture['service']['api']['listConversations']>[0], 'sort'> = { limit: 200 }) =>
    (await f.service.api.listConversations({ sort: 'recent', ...input })).items.map((c) => c.id);
  const upserted = (id: number) =>
    f.events.filter((e): e is { type: 'conversation.upserted'; conversation: Conversation } => e.type === 'conversation.upserted' && e.conversation.id === id);
  const writes = () => f.fake.calls.filter((c) => c.method !== 'GET').length;

  it('leaves the lists and their counts (not a search), shows under snoozed=true, and is never sent to Mirakl', async () => {
    f = await serviceFixture(dir);
    const conversation = await someConversation(f.store);
    const before = await f.service.api.countConversations({});
    const writesBefore = writes();
    const { conversation: snoozed, warning } = await f.service.api.snoozeConversation({ id: conversation.id, until: new Date(Date.now() + 2 * HOUR).toISOString() });
    expect(snoozed.snooze).toMatchObject({ until: expect.any(String), wakeAt: expect.any(String) });
    expect(upserted(conversation.id).at(-1)?.conversation.snooze).not.toBeNull();
    expect(await listIds()).not.toContain(conversation.id);
    expect(await listIds({ limit: 200, snoozed: true })).toEqual([conversation.id]);
    const counts = await f.service.api.countConversations({});
    expect(counts).toMatchObject({ all: before.all - 1, snoozed: 1 });
    expect(counts.accounts).toEqual([{ accountId: f.accountId, all: counts.all, replyNeeded: counts.replyNeeded, unread: counts.unread, snoozed: 1 }]);
    if (snoozed.replyNeededSince !== null) expect(counts.replyNeeded).toBe(before.replyNeeded - 1);
    // A search still finds it.
    const subject = (await one<{ o: string }>(f.store, sql`SELECT order_id AS o FROM conversations WHERE id = ${conversation.id}`))!;
    expect((await f.service.api.listConversations({ sort: 'recent', limit: 50, q: subject.o })).items.map((c) => c.id)).toContain(conversation.id);
    expect(warning === null || /24 hours/.test(warning)).toBe(true);
    await f.service.api.unsnoozeConversation({ id: conversation.id });
    expect(await listIds()).toContain(conversation.id);
    expect(writes()).toBe(writesBefore);
  });

  it('comes back on time, live', async () => {
    f = await serviceFixture(dir);
    const conversation = await someConversation(f.store, 1);
    await run(f.store, sql`UPDATE conversations SET reply_needed_since = NULL WHERE id = ${conversation.id}`);
    await f.service.api.snoozeConversation({ id: conversation.id, until: new Date(Date.now() + 400).toISOString() });
    expect(await listIds()).not.toContain(conversation.id);
    await waitFor(() => upserted(conversation.id).at(-1)?.conversation.snooze === null, 5_000, 'the snooze to end');
    expect(await listIds()).toContain(conversation.id);
  });

  it('until the customer writes: a message arriving by sync brings it back at once', async () => {
    f = await serviceFixture(dir);
    const conversation = await someConversation(f.store, 2);
    const { conversation: snoozed } = await f.service.api.snoozeConversation({ id: conversation.id, untilCustomerReplies: true });
    expect(snoozed.snooze).toMatchObject({ until: null });
    await f.sync(); // nothing new: still snoozed
    expect(await listIds({ limit: 200, snoozed: true })).toEqual([conversation.id]);
    f.fake.store.addCustomerMessage(conversation.threadId, 'Bonjour, des nouvelles ?');
    await f.sync();
    await waitFor(() => upserted(conversation.id).at(-1)?.conversation.snooze === null, 5_000, 'the customer message to end the snooze');
    expect(await listIds({ limit: 200, snoozed: true })).toEqual([]);
    expect((await f.service.api.listConversations({ sort: 'recent', limit: 1 })).items[0]!.id).toBe(conversation.id);
  });

  it("never hides the 24-hour deadline: says so, and comes back early enough to answer", async () => {
    const now = Date.now();
    f = await serviceFixture(dir, { service: { now: () => now } });
    const conversation = await someConversation(f.store, 3);
    const waitingSince = now - 20 * HOUR;
    await run(f.store, sql`UPDATE conversations SET reply_needed_since = ${waitingSince}, done_at = NULL WHERE id = ${conversation.id}`);
    const until = new Date(now + 10 * HOUR).toISOString();
    const { conversation: snoozed, warning } = await f.service.api.snoozeConversation({ id: conversation.id, until });
    expect(warning).toMatch(/must be answered by .* \(the marketplace's 24 hours\): this conversation comes back at .*, not /);
    expect(snoozed.snooze).toEqual({ since: new Date(now).toISOString(), until, wakeAt: new Date(waitingSince + REPLY_DEADLINE_MS - ANSWER_MARGIN_MS).toISOString() });
  });

  it('done: out of Reply needed until a message arrives; undo; unread again', async () => {
    f = await serviceFixture(dir);
    const waiting = (await f.service.api.listConversations({ sort: 'recent', limit: 200, replyNeeded: true })).items.find((c) => c.customer !== null)!;
    const before = await f.service.api.countConversations({});
    const done = await f.service.api.markDone({ id: waiting.id });
    expect(done).toMatchObject({ replyNeededSince: null, doneAt: expect.any(String) });
    expect(await listIds({ limit: 200, replyNeeded: true })).not.toContain(waiting.id);
    expect((await f.service.api.countConversations({})).replyNeeded).toBe(before.replyNeeded - 1);
    expect(await f.service.api.undoDone({ id: waiting.id })).toMatchObject({ replyNeededSince: waiting.replyNeededSince, doneAt: null });
    await f.service.api.markDone({ id: waiting.id });
    f.fake.store.addCustomerMessage(waiting.miraklThreadId, 'Finalement, encore une question.');
    await f.sync();
    const after = await f.service.api.getConversation({ id: waiting.id });
    expect(after.conversation).toMatchObject({ doneAt: null, replyNeededSince: expect.any(String) });

    await f.service.api.markRead({ id: waiting.id });
    expect(await f.service.api.markUnread({ id: waiting.id })).toMatchObject({ unreadCount: 1 });
    await expect(f.service.api.markDone({ id: 999_999 })).rejects.toMatchObject({ code: 'not_found' });
    await expect(f.service.api.snoozeConversation({ id: waiting.id, until: new Date(Date.now() - 1000).toISOString() })).rejects.toMatchObject({ code: 'invalid_field', field: 'until' });
  });

  it('every mark survives a restart and a re-sync of the whole history', async () => {
    f = await serviceFixture(dir);
    const [a, b, c] = [await someConversation(f.store, 0), await someConversation(f.store, 1), await someConversation(f.store, 2)];
    await f.service.api.snoozeConversation({ id: a.id, untilCustomerReplies: true });
    await f.service.api.markDone({ id: b.id });
    await f.service.api.markRead({ id: c.id });
    await f.service.api.markUnread({ id: c.id });
    await f.service.stop();
    // The sync starts over from the beginning (cursor forgotten) in a new service on the same store.
    await run(f.store, sql`UPDATE sync_state SET cursor = NULL`);
    await run(f.store, sql`UPDATE conversations SET mirakl_updated_at = 0`);
    const service = createAppService({
      store: f.store,
      dataDir: path.join(dir, 'again'),
      version: 'test',
      syncIntervalMs: 60_000,
      sync: false,
      connections: { secretBox: plainTextSecretBox, runtime: [{ accountId: f.accountId, settings: { baseUrl: f.proxy.url, apiKey: 'test-key', shopId: null } }], demo: false },
      log: () => undefined,
    });
    await service.start();
    try {
      await service.api.syncNow({ accountId: f.accountId });
      await waitFor(async () => (await service.api.getSyncStatus({})).connections.every((s) => s.state === 'idle' && s.lastSuccessAt !== null), 10_000);
      const detail = async (id: number) => (await service.api.getConversation({ id })).conversation;
      expect((await detail(a.id)).snooze).toMatchObject({ until: null });
      expect((await detail(b.id)).doneAt).not.toBeNull();
      expect((await detail(c.id)).unreadCount).toBeGreaterThan(0);
    } finally {
      await service.stop();
    }
  });
});
