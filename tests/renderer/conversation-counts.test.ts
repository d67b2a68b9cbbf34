// The counts follow a conversation's change at once (the server's recount confirms them later).
import { expect, test } from 'vitest';
import type { ConversationCounts } from '../../src-shared/contract';
import { countsAfterChange, type CountedFields } from '../../src-renderer/lib/conversation-counts';

const tally = (all: number, replyNeeded: number, unread: number, snoozed = 0) => ({ all, replyNeeded, unread, snoozed });
const counts: ConversationCounts = { ...tally(40, 12, 9), accounts: [{ accountId: 1, ...tally(30, 10, 7) }, { accountId: 2, ...tally(10, 2, 2) }] };
const unreadWaiting: CountedFields = { accountId: 1, unreadCount: 2, replyNeededSince: '2026-01-01T10:00:00Z', snooze: null };
const snooze = { since: '2026-01-01T11:00:00Z', until: null, wakeAt: null };

test('reading a conversation takes one off Unread only, on the totals and its connection', () => {
  const after = countsAfterChange(counts, unreadWaiting, { ...unreadWaiting, unreadCount: 0 });
  expect(after).toMatchObject(tally(40, 12, 8));
  expect(after.accounts).toEqual([{ accountId: 1, ...tally(30, 10, 6) }, { accountId: 2, ...tally(10, 2, 2) }]);
});

test('answering takes one off Reply needed; a new message puts one back on both', () => {
  const read = { ...unreadWaiting, unreadCount: 0 };
  expect(countsAfterChange(counts, read, { ...read, replyNeededSince: null })).toMatchObject(tally(40, 11, 9));
  expect(countsAfterChange(counts, { ...read, replyNeededSince: null }, { ...read, unreadCount: 1, replyNeededSince: '2026-01-02T10:00:00Z' })).toMatchObject(
    tally(40, 13, 10),
  );
});

test('snoozing moves a conversation out of All (and Unread, Reply needed) into Snoozed, and back', () => {
  const snoozed = countsAfterChange(counts, unreadWaiting, { ...unreadWaiting, snooze });
  expect(snoozed).toMatchObject(tally(39, 11, 8, 1));
  expect(snoozed.accounts[0]).toEqual({ accountId: 1, ...tally(29, 9, 6, 1) });
  expect(countsAfterChange(snoozed, { ...unreadWaiting, snooze }, unreadWaiting)).toEqual(counts);
});

test('no change keeps the same object; counts never go below zero', () => {
  expect(countsAfterChange(counts, unreadWaiting, { ...unreadWaiting, unreadCount: 5 })).toBe(counts);
  const empty: ConversationCounts = { ...tally(1, 0, 0), accounts: [] };
  expect(countsAfterChange(empty, unreadWaiting, { ...unreadWaiting, unreadCount: 0, replyNeededSince: null })).toEqual(empty);
});
