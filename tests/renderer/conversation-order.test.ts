import { expect, test } from 'vitest';
import type { Conversation } from '../../src-shared/contract';
import { appendPage, applyConversationUpsert, type UpsertContext } from '../../src-renderer/lib/conversation-order';

const conv = (id: number, minute: number, extra: Partial<Conversation> = {}): Conversation => ({
  id,
  accountId: 1,
  miraklThreadId: `t${id}`,
  subject: `S${id}`,
  topic: { type: 'FREE_TEXT', value: `S${id}` },
  customer: null,
  orderId: null,
  lastMessageAt: new Date(Date.UTC(2026, 9, 19, 12, minute)).toISOString(),
  lastMessagePreview: '',
  messageCount: 1,
  unreadCount: 0,
  replyNeededSince: null,
  snooze: null,
  doneAt: null,
  ...extra,
});
const all: UpsertContext = { filter: 'all', searching: false, complete: false, keepId: null };
const ids = (list: readonly Conversation[]) => list.map((c) => c.id);

test('a conversation with a new message moves to the top', () => {
  const list = [conv(1, 50), conv(2, 40), conv(3, 30)];
  expect(ids(applyConversationUpsert(list, conv(3, 55), all))).toEqual([3, 1, 2]);
});

test('a new conversation is inserted at its place, not past the loaded pages', () => {
  const list = [conv(1, 50), conv(2, 40)];
  expect(ids(applyConversationUpsert(list, conv(9, 45), all))).toEqual([1, 9, 2]);
  expect(applyConversationUpsert(list, conv(9, 10), all)).toBe(list);
  expect(ids(applyConversationUpsert(list, conv(9, 10), { ...all, complete: true }))).toEqual([1, 2, 9]);
});

test('filters: rows leave and join as they stop or start matching, except the open one', () => {
  const list = [conv(1, 50, { unreadCount: 1 }), conv(2, 40, { unreadCount: 2 })];
  const unread: UpsertContext = { ...all, filter: 'unread' };
  expect(ids(applyConversationUpsert(list, conv(2, 40, { unreadCount: 0 }), unread))).toEqual([1]);
  expect(ids(applyConversationUpsert(list, conv(2, 40, { unreadCount: 0 }), { ...unread, keepId: 2 }))).toEqual([1, 2]);
  expect(ids(applyConversationUpsert(list, conv(3, 55, { unreadCount: 1 }), unread))).toEqual([3, 1, 2]);
  const replyNeeded: UpsertContext = { ...all, filter: 'replyNeeded' };
  expect(ids(applyConversationUpsert(list, conv(3, 55), replyNeeded))).toEqual([1, 2]);
});

test('while searching, only rows already found are updated', () => {
  const list = [conv(1, 50), conv(2, 40)];
  const searching: UpsertContext = { ...all, searching: true };
  expect(applyConversationUpsert(list, conv(7, 59), searching)).toBe(list);
  expect(ids(applyConversationUpsert(list, conv(2, 59), searching))).toEqual([2, 1]);
});

test('equal times sort by id, newest first', () => {
  const list = [conv(5, 30), conv(3, 30)];
  expect(ids(applyConversationUpsert(list, conv(4, 30), all))).toEqual([5, 4, 3]);
});

test('pages append without duplicates brought by live updates', () => {
  const list = [conv(1, 50), conv(2, 40)];
  expect(ids(appendPage(list, [conv(2, 40), conv(3, 30)]))).toEqual([1, 2, 3]);
  expect(appendPage(list, [])).toBe(list);
});

test('longest waiting first: an answered conversation leaves, a newly waiting one joins at its wait, the match is kept', () => {
  const since = (minute: number) => new Date(Date.UTC(2026, 9, 19, 8, minute)).toISOString();
  const list = [conv(1, 50, { replyNeededSince: since(1) }), { ...conv(2, 40, { replyNeededSince: since(5) }), match: { field: 'subject' as const, text: 'S2', highlights: [] } }];
  const waiting: UpsertContext = { ...all, sort: 'waiting', complete: true };
  // Answered: no longer waiting, so gone (unless open).
  expect(ids(applyConversationUpsert(list, conv(1, 59, { replyNeededSince: null }), waiting))).toEqual([2]);
  expect(ids(applyConversationUpsert(list, conv(1, 59, { replyNeededSince: null }), { ...waiting, keepId: 1 }))).toEqual([1, 2]);
  // A new message does not move a waiting conversation: its wait began earlier.
  expect(ids(applyConversationUpsert(list, conv(9, 59, { replyNeededSince: since(3) }), waiting))).toEqual([1, 9, 2]);
  const updated = applyConversationUpsert(list, conv(2, 59, { replyNeededSince: since(5), unreadCount: 3 }), waiting);
  expect(updated[1]).toMatchObject({ id: 2, unreadCount: 3, match: { text: 'S2' } });
});
