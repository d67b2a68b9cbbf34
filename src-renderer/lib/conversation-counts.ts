// The filter counts after one conversation changed, known before the server recounts: the
// Unread count drops the moment an opened row stops being bold.
import type { Conversation, ConversationCounts } from '../../src-shared/contract';

/** What the filter counts depend on. */
export type CountedFields = Pick<Conversation, 'unreadCount' | 'replyNeededSince'>;

/** Returns the same object when the change moves no count. */
export function countsAfterChange(counts: ConversationCounts, before: CountedFields, after: CountedFields): ConversationCounts {
  const unread = Number(after.unreadCount > 0) - Number(before.unreadCount > 0);
  const replyNeeded = Number(after.replyNeededSince !== null) - Number(before.replyNeededSince !== null);
  if (unread === 0 && replyNeeded === 0) return counts;
  return { ...counts, unread: Math.max(0, counts.unread + unread), replyNeeded: Math.max(0, counts.replyNeeded + replyNeeded) };
}
