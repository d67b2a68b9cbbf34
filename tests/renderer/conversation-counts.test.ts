// The counts follow a conversation's change at once (the server's recount confirms them later).
import { expect, test } from 'vitest';
import { countsAfterChange } from '../../src-renderer/lib/conversation-counts';

const counts = { all: 40, replyNeeded: 12, unread: 9 };
const unreadWaiting = { unreadCount: 2, replyNeededSince: '2026-01-01T10:00:00Z' };

test('reading a conversation takes one off Unread only', () => {
  expect(countsAfterChange(counts, unreadWaiting, { ...unreadWaiting, unreadCount: 0 })).toEqual({ all: 40, replyNeeded: 12, unread: 8 });
});

test('answering takes one off Reply needed; a new message puts one back on both', () => {
  const read = { unreadCount: 0, replyNeededSince: '2026-01-01T10:00:00Z' };
  expect(countsAfterChange(counts, read, { unreadCount: 0, replyNeededSince: null })).toEqual({ all: 40, replyNeeded: 11, unread: 9 });
  expect(countsAfterChange(counts, { unreadCount: 0, replyNeededSince: null }, { unreadCount: 1, replyNeededSince: '2026-01-02T10:00:00Z' })).toEqual({
    all: 40,
    replyNeeded: 13,
    unread: 10,
  });
});

test('no change keeps the same object; counts never go below zero', () => {
  expect(countsAfterChange(counts, unreadWaiting, { ...unreadWaiting, unreadCount: 5 })).toBe(counts);
  expect(countsAfterChange({ all: 1, replyNeeded: 0, unread: 0 }, unreadWaiting, { unreadCount: 0, replyNeededSince: null })).toEqual({ all: 1, replyNeeded: 0, unread: 0 });
});
