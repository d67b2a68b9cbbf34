// The filter counts after one conversation changed, known before the server recounts: the
// Unread count drops the moment an opened row stops being bold, a snoozed conversation
// leaves All at once. The connection's own counts move with the totals.
import type { Conversation, ConversationCounts } from '../../src-shared/contract';

/** What the filter counts depend on. */
export type CountedFields = Pick<Conversation, 'accountId' | 'unreadCount' | 'replyNeededSince' | 'snooze'>;

type Tally = Pick<ConversationCounts, 'all' | 'replyNeeded' | 'unread' | 'snoozed'>;
const KEYS = ['all', 'replyNeeded', 'unread', 'snoozed'] as const;

/** Where one conversation counts: a snoozed one only under Snoozed. */
function tallyOf(c: CountedFields): Tally {
  if (c.snooze !== null) return { all: 0, replyNeeded: 0, unread: 0, snoozed: 1 };
  return { all: 1, replyNeeded: Number(c.replyNeededSince !== null), unread: Number(c.unreadCount > 0), snoozed: 0 };
}

function moved<T extends Tally>(counts: T, delta: Tally): T {
  const next = { ...counts };
  for (const key of KEYS) next[key] = Math.max(0, counts[key] + delta[key]);
  return next;
}

/** Returns the same object when the change moves no count. */
export function countsAfterChange(counts: ConversationCounts, before: CountedFields, after: CountedFields): ConversationCounts {
  const was = tallyOf(before);
  const is = tallyOf(after);
  const delta: Tally = { all: is.all - was.all, replyNeeded: is.replyNeeded - was.replyNeeded, unread: is.unread - was.unread, snoozed: is.snoozed - was.snoozed };
  if (KEYS.every((key) => delta[key] === 0)) return counts;
  return {
    ...moved(counts, delta),
    accounts: counts.accounts.map((a) => (a.accountId === after.accountId ? moved(a, delta) : a)),
  };
}
