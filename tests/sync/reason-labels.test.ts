// Real threads carry reason codes as topics ({type: REASON_CODE, value: "20"}). Their labels
// come from RE02 per connection: fetched when the connection is first synced, then at most
// daily, kept in the store, shown as the subject. A code is never shown bare.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listConversations } from '../../src-main/db/conversations';
import { toConversation } from '../../src-main/db/contract-mapping';
import { messageReasons } from '../../src-main/db/message-reasons';
import { toSearchTerms } from '../../src-main/db/search-query';
import { syncFixture, type SyncFixture } from '../helpers/sync-fixture';
import { tempDir } from '../helpers/temp-dir';

const HOUR = 3_600_000;
const RE02 = '/api/reasons/MESSAGING';
const RE14 = '/api/reasons/messaging';

async function conversations(f: SyncFixture, q?: string) {
  const filter = q ? { searchTerms: toSearchTerms(`${q} `) } : {};
  return (await listConversations(f.store.db, filter, null, 500)).rows.map(toConversation);
}

function reasonCalls(f: SyncFixture): string[] {
  return f.fake.calls.filter((c) => c.path.startsWith('/api/reasons/')).map((c) => c.path);
}

describe('reason-code topics', () => {
  const dir = tempDir();
  let f: SyncFixture;
  beforeEach(async () => {
    f = await syncFixture(dir, { threads: 60 });
  });
  afterEach(() => f.close());

  it('show their label as the subject, keep the code in the topic, and are fetched once a day at most', async () => {
    const coded = f.fake.store.listThreads().filter((t) => t.topic.type === 'REASON_CODE');
    expect(coded.length).toBeGreaterThan(5);
    const start = Date.now();
    await f.sync({ now: () => start });
    expect(reasonCalls(f)).toEqual([RE02]);
    const labels = new Map(f.fake.store.messagingReasons.map((r) => [r.code, r.label]));
    expect(await messageReasons(f.store.db, f.connection.accountId)).toEqual(labels);

    const byThread = new Map((await conversations(f)).map((c) => [c.miraklThreadId, c]));
    for (const thread of coded) {
      const conversation = byThread.get(thread.id)!;
      expect(conversation.topic).toEqual({ type: 'REASON_CODE', value: thread.topic.value });
      expect(conversation.subject).toBe(labels.get(thread.topic.value));
    }
    for (const conversation of byThread.values()) expect(conversation.subject).not.toMatch(/^\s*\d+\s*$/);

    // Within a day: not asked again. A day later: asked again.
    await f.sync({ now: () => start + 23 * HOUR });
    expect(reasonCalls(f)).toEqual([RE02]);
    await f.sync({ now: () => start + 25 * HOUR });
    expect(reasonCalls(f)).toEqual([RE02, RE02]);
  });

  it('labels that arrive after their threads (RE02 down at first) re-word the stored conversations, and search finds them', async () => {
    f.fake.faults.paths = /^\/api\/reasons\//;
    f.fake.faults.serverError = { every: 1, status: 503 };
    const start = Date.now();
    const first = await f.sync({ now: () => start });
    expect(first.warnings.join('\n')).toMatch(/Reason labels not refreshed/);
    const thread = f.fake.store.listThreads().find((t) => t.topic.type === 'REASON_CODE')!;
    const before = (await conversations(f)).find((c) => c.miraklThreadId === thread.id)!;
    expect(before.subject).toBe(`Reason ${thread.topic.value}`);

    // Not asked again within the hour after a failure; then asked, and every conversation shows its label.
    f.fake.faults.reset();
    const asked = reasonCalls(f).length;
    await f.sync({ now: () => start + 10 * 60_000 });
    expect(reasonCalls(f)).toHaveLength(asked);
    await f.sync({ now: () => start + 2 * HOUR });
    expect(reasonCalls(f).slice(asked)).toEqual([RE02]);
    const label = f.fake.store.messagingReasons.find((r) => r.code === thread.topic.value)!.label;
    const after = (await conversations(f)).find((c) => c.miraklThreadId === thread.id)!;
    expect(after.subject).toBe(label);
    const found = await conversations(f, label.split(' ').at(-1)!);
    expect(found.map((c) => c.miraklThreadId)).toContain(thread.id);
  });

  it('a code without a label reads "Reason N"; a label changed or removed on Mirakl updates the subjects', async () => {
    const thread = f.fake.store.listThreads().find((t) => t.topic.type === 'REASON_CODE')!;
    const code = thread.topic.value;
    f.fake.store.messagingReasons = f.fake.store.messagingReasons.filter((r) => r.code !== code);
    const start = Date.now();
    await f.sync({ now: () => start });
    const subjectOf = async () => (await conversations(f)).find((c) => c.miraklThreadId === thread.id)!.subject;
    expect(await subjectOf()).toBe(`Reason ${code}`);

    f.fake.store.messagingReasons.push({ code, label: 'Problème de livraison' });
    await f.sync({ now: () => start + 25 * HOUR });
    expect(await subjectOf()).toBe('Problème de livraison');
    expect((await conversations(f, 'probleme')).map((c) => c.miraklThreadId)).toContain(thread.id);

    f.fake.store.messagingReasons = f.fake.store.messagingReasons.filter((r) => r.code !== code);
    await f.sync({ now: () => start + 50 * HOUR });
    expect(await subjectOf()).toBe(`Reason ${code}`);
  });

  it('falls back to RE14 where RE02 does not exist (404)', async () => {
    f.fake.faults.paths = /^\/api\/reasons\/MESSAGING$/;
    f.fake.faults.serverError = { every: 1, status: 404 };
    const result = await f.sync();
    expect(result.warnings).toEqual([]);
    expect(reasonCalls(f)).toEqual([RE02, RE14]);
    expect((await messageReasons(f.store.db, f.connection.accountId)).get('23')).toBe('Item not received');
  });
});
