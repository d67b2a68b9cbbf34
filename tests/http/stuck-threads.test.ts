// GET /api/sync says which threads of a connection could not be read, and why, while the
// rest of the connection syncs on; once Mirakl sends them readable they leave the list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations } from '../../src-shared/contract';
import type { SyncStatus } from '../../src-shared/sync-status';
import { httpFixture, syncAndWait, type HttpFixture } from '../helpers/http-fixture';
import { tempDir } from '../helpers/temp-dir';

describe('stuck threads in the sync status', () => {
  const dir = tempDir();
  let f: HttpFixture;
  beforeAll(async () => {
    f = await httpFixture(dir, { threads: 20 });
  });
  afterAll(() => f.close());

  const status = async (): Promise<SyncStatus> => {
    const body = await f.json<{ connections: SyncStatus[] }>('GET', '/api/sync');
    expect(() => operations.getSyncStatus.output.parse(body)).not.toThrow();
    return body.connections.find((c) => c.accountId === f.accountId)!;
  };

  it('lists a thread Mirakl sends unreadable, with why and since when, until it can be read', async () => {
    expect((await status()).stuckThreads).toEqual([]);
    const thread = f.fake.store.listThreads()[2]!;
    f.fake.store.addCustomerMessage(thread.id, 'Any news about my order?');
    const message = f.fake.store.getThread(thread.id)!.messages.at(-1)!;
    const date = message.date_created;
    message.date_created = 'yesterday';
    f.fake.store.addCustomerMessage(f.fake.store.listThreads()[7]!.id, 'Another question: wombat-3');

    await syncAndWait(f.service, f.accountId);
    const stuck = await status();
    expect(stuck.lastError).toBeNull();
    expect(stuck.stuckThreads).toEqual([{ miraklThreadId: thread.id, reason: expect.stringMatching(/date_created/), since: expect.any(String) }]);
    // The rest of the pass was stored.
    const found = await f.json<{ items: unknown[] }>('GET', '/api/conversations?q=wombat-3');
    expect(found.items).toHaveLength(1);

    message.date_created = date;
    await syncAndWait(f.service, f.accountId);
    expect((await status()).stuckThreads).toEqual([]);
  });
});
