// Every id that goes into a Mirakl URL is one path segment: `.` and `..` would climb to
// another path (`/api/orders/../threads`), half a character cannot be encoded. Such a
// request is refused before anything is sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MiraklClient } from '../../src-main/mirakl/client';
import { MiraklError } from '../../src-main/mirakl/errors';
import { FakeMiraklStore } from '../../src-main/fake-mirakl/store';
import { startFakeMirakl, type FakeMirakl } from '../../src-main/fake-mirakl/server';

describe('Mirakl ids as URL path segments', () => {
  let fake: FakeMirakl;
  let client: MiraklClient;
  beforeAll(async () => {
    fake = await startFakeMirakl({ store: new FakeMiraklStore(), apiKey: 'secret' });
    client = new MiraklClient({ baseUrl: fake.url, apiKey: 'secret' }, { retries: 0 });
  });
  afterAll(() => fake.close());

  it.each(['.', '..', '', 'a\uD800'])('%j is refused by every call that puts an id in the path, and nothing reaches Mirakl', async (id) => {
    fake.calls.length = 0;
    const calls = [
      () => client.createThread(id, { body: 'Hello there', to: ['CUSTOMER'], topic: { type: 'FREE_TEXT', value: 'x' } }),
      () => client.postMessage(id, { body: 'Hello there', to: [{ type: 'CUSTOMER' }] }),
      () => client.getThread(id),
      () => client.downloadAttachment(id),
    ];
    for (const call of calls) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MiraklError);
      expect((error as MiraklError).kind).toBe('invalid');
      expect((error as MiraklError).message).toMatch(/is not a Mirakl id, so no request was sent$/);
      expect((error as MiraklError).transient).toBe(false);
      expect((error as MiraklError).outcomeUnknown).toBe(false);
    }
    expect(fake.calls).toEqual([]);
  });

  it('encodes any other id as one segment', async () => {
    fake.calls.length = 0;
    await client.getThread('a/../b').catch(() => undefined);
    expect(fake.calls.map((c) => c.path)).toEqual(['/api/inbox/threads/a%2F..%2Fb']);
  });
});
