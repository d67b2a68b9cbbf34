import { describe, expect, it } from 'vitest';
import { UnreadBadge } from '../../src-main/electron/unread-badge';

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('unread badge', () => {
  it('recounts once after a burst of changes, and sets the badge only when the count changes', async () => {
    let unread = 3;
    let counts = 0;
    const badges: number[] = [];
    const badge = new UnreadBadge({
      countUnread: async () => {
        counts += 1;
        return unread;
      },
      setBadge: (n) => badges.push(n),
      debounceMs: 10,
    });
    for (let i = 0; i < 50; i++) badge.handle({ type: 'message.deleted', messageId: i, conversationId: 1 });
    await settle(40);
    expect({ counts, badges }).toEqual({ counts: 1, badges: [3] });
    badge.handle({ type: 'message.deleted', messageId: 1, conversationId: 1 });
    await settle(40);
    expect(badges).toEqual([3]);
    unread = 0;
    badge.refreshSoon();
    await settle(40);
    expect(badges).toEqual([3, 0]);
    badge.dispose();
  });

  it('ignores sync status ticks, and keeps going when a count fails', async () => {
    const logged: string[] = [];
    let fail = true;
    const badges: number[] = [];
    const badge = new UnreadBadge({
      countUnread: async () => {
        if (fail) throw new Error('database is locked');
        return 2;
      },
      setBadge: (n) => badges.push(n),
      debounceMs: 5,
      log: (m) => logged.push(m),
    });
    badge.handle({ type: 'sync.status', status: { accountId: 1, state: 'idle', progress: null, lastSuccessAt: null, lastError: null, nextRunAt: null, stuckThreads: [] } });
    await settle(20);
    expect(badges).toEqual([]);
    badge.refreshSoon();
    await settle(20);
    expect(logged).toEqual(['cannot count unread conversations: database is locked']);
    fail = false;
    badge.refreshSoon();
    await settle(20);
    expect(badges).toEqual([2]);
    badge.dispose();
  });
});
