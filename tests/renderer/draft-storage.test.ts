import { expect, test } from 'vitest';
import { DRAFT_MAX_AGE_MS, DraftStorage, draftFor, type KeyValueStorage } from '../../src-renderer/lib/draft-storage';

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
    key: (index) => [...data.keys()][index] ?? null,
    get length() {
      return data.size;
    },
  };
}

test('a draft is kept per conversation and read back', () => {
  const storage = memoryStorage();
  const drafts = new DraftStorage(storage, () => 1_000);
  drafts.save(12, { body: 'Bonjour', to: 'customer', seenInboundId: 40, threadId: null });
  drafts.save(13, { body: 'Hello operator', to: 'operator', seenInboundId: 7, threadId: null });
  expect(drafts.load(12)).toEqual({ body: 'Bonjour', to: 'customer', seenInboundId: 40, updatedAt: 1_000, threadId: null });
  expect(drafts.load(13)?.to).toBe('operator');
  expect(drafts.load(14)).toBeNull();
  // Another instance (a restart) sees them too.
  expect(new DraftStorage(storage, () => 2_000).previews()).toEqual(
    new Map([
      [12, { body: 'Bonjour', threadId: null }],
      [13, { body: 'Hello operator', threadId: null }],
    ]),
  );
});

test('a blank body removes the draft; clear removes it', () => {
  const drafts = new DraftStorage(memoryStorage());
  drafts.save(1, { body: 'x', to: 'customer', seenInboundId: 0, threadId: null });
  drafts.save(1, { body: '   ', to: 'customer', seenInboundId: 0, threadId: null });
  expect(drafts.load(1)).toBeNull();
  drafts.save(2, { body: 'y', to: 'customer', seenInboundId: 0, threadId: null });
  drafts.clear(2);
  expect(drafts.conversationIds()).toEqual([]);
});

test('old and corrupt drafts are forgotten', () => {
  const storage = memoryStorage();
  let now = 0;
  const drafts = new DraftStorage(storage, () => now);
  drafts.save(5, { body: 'ancient', to: 'customer', seenInboundId: 0, threadId: null });
  storage.setItem('mcs.draft.v1.6', '{not json');
  now = DRAFT_MAX_AGE_MS + 1;
  drafts.prune();
  expect(storage.data.size).toBe(0);
});

test('a full or missing storage never breaks typing', () => {
  const full = memoryStorage();
  full.setItem = () => {
    throw new DOMException('QuotaExceededError');
  };
  expect(() => new DraftStorage(full).save(1, { body: 'text', to: 'customer', seenInboundId: 0, threadId: null })).not.toThrow();
  const none = new DraftStorage(null);
  none.save(1, { body: 'text', to: 'customer', seenInboundId: 0, threadId: null });
  expect(none.load(1)).toBeNull();
});

test('a draft written for another Mirakl thread (another store on the same origin) is neither shown nor loaded', () => {
  const drafts = new DraftStorage(memoryStorage(), () => 1_000);
  drafts.save(12, { body: 'Réponse pour la démo', to: 'customer', seenInboundId: 0, threadId: 'demo-thread-12' });
  expect(drafts.load(12, 'demo-thread-12')?.body).toBe('Réponse pour la démo');
  expect(drafts.load(12, 'real-thread-12')).toBeNull();
  const previews = drafts.previews();
  expect(draftFor(previews, { id: 12, miraklThreadId: 'demo-thread-12' })).toBe('Réponse pour la démo');
  expect(draftFor(previews, { id: 12, miraklThreadId: 'real-thread-12' })).toBeNull();
});
