import { expect, test } from 'vitest';
import type { Message } from '../../src-shared/contract';
import { removeMessage, upsertMessage } from '../../src-renderer/lib/thread-messages';

const msg = (id: number, minute: number, extra: Partial<Message> = {}): Message => ({
  id,
  miraklMessageId: null,
  conversationId: 1,
  direction: 'inbound',
  sender: { type: 'CUSTOMER_USER', name: 'A' },
  body: `m${id}`,
  bodyText: `m${id}`,
  sentAt: new Date(Date.UTC(2026, 9, 19, 12, minute)).toISOString(),
  status: 'delivered',
  error: null,
  attachments: [],
  outboxFiles: [],
  ...extra,
});
const ids = (list: readonly Message[]) => list.map((m) => m.id);

test('new messages go in time order; updates replace in place', () => {
  let list: readonly Message[] = [msg(1, 1), msg(2, 5)];
  list = upsertMessage(list, msg(3, 9));
  list = upsertMessage(list, msg(4, 3));
  expect(ids(list)).toEqual([1, 4, 2, 3]);
  list = upsertMessage(list, msg(2, 5, { status: 'failed' }));
  expect(ids(list)).toEqual([1, 4, 2, 3]);
  expect(list[2]?.status).toBe('failed');
});

test('an answer never overwrites a fresher event (onlyIfAbsent)', () => {
  const list = [msg(1, 1), msg(2, 5, { status: 'delivered' })];
  expect(upsertMessage(list, msg(2, 5, { status: 'pending' }), true)).toBe(list);
  expect(ids(upsertMessage(list, msg(3, 6), true))).toEqual([1, 2, 3]);
});

test('removal', () => {
  const list = [msg(1, 1), msg(2, 5)];
  expect(ids(removeMessage(list, 1))).toEqual([2]);
  expect(removeMessage(list, 9)).toBe(list);
});
