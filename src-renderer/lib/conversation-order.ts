// The conversation list as loaded so far (newest first, keyset pages) and how a live
// update changes it without a reload.
import type { Conversation } from '../../src-shared/contract';

export type ListFilter = 'all' | 'replyNeeded' | 'unread' | 'snoozed';

/** Newest message first; equal times by id, newest first, as the API pages them. */
export function compareConversations(a: Conversation, b: Conversation): number {
  const byTime = Date.parse(b.lastMessageAt) - Date.parse(a.lastMessageAt);
  return byTime !== 0 && !Number.isNaN(byTime) ? byTime : b.id - a.id;
}

/** Whether a conversation belongs in a list: snoozed ones only in Snoozed, and only the chosen marketplace's. */
export function matchesFilter(conversation: Conversation, filter: ListFilter, accountId: number | null = null): boolean {
  if (accountId !== null && conversation.accountId !== accountId) return false;
  if (filter === 'snoozed') return conversation.snooze !== null;
  if (conversation.snooze !== null) return false;
  if (filter === 'replyNeeded') return conversation.replyNeededSince !== null;
  if (filter === 'unread') return conversation.unreadCount > 0;
  return true;
}

export interface UpsertContext {
  filter: ListFilter;
  /** The marketplace the list shows (null: all of them). */
  accountId?: number | null;
  /** A search is active: whether a conversation matches it is the server's call. */
  searching: boolean;
  /** Every page is loaded: a conversation sorting after the last one still belongs in the list. */
  complete: boolean;
  /** The open conversation stays even when it stops matching the filter (no row vanishing under the cursor). */
  keepId: number | null;
}

/** The list after a conversation.upserted event. Returns the same array when nothing changes. */
export function applyConversationUpsert(items: readonly Conversation[], conversation: Conversation, context: UpsertContext): readonly Conversation[] {
  const index = items.findIndex((c) => c.id === conversation.id);
  if (context.searching && index === -1) return items;
  const belongs =
    (context.searching && (context.accountId == null || conversation.accountId === context.accountId)) ||
    matchesFilter(conversation, context.filter, context.accountId ?? null) ||
    conversation.id === context.keepId;
  if (!belongs) return index === -1 ? items : [...items.slice(0, index), ...items.slice(index + 1)];
  const rest = index === -1 ? items : [...items.slice(0, index), ...items.slice(index + 1)];
  const at = insertionIndex(rest, conversation);
  // New, and sorting after everything loaded while more pages exist: the next page will bring it.
  // (A row already shown stays: times only grow, so it was the last row and still is.)
  if (at === rest.length && !context.complete && index === -1) return items;
  return [...rest.slice(0, at), conversation, ...rest.slice(at)];
}

/** Appends a page, skipping conversations already present (a live update may have brought them first). */
export function appendPage(items: readonly Conversation[], page: readonly Conversation[]): readonly Conversation[] {
  if (page.length === 0) return items;
  const known = new Set(items.map((c) => c.id));
  const fresh = page.filter((c) => !known.has(c.id));
  return fresh.length === 0 ? items : [...items, ...fresh];
}

/** Binary search in a list sorted by compareConversations. */
export function insertionIndex(items: readonly Conversation[], conversation: Conversation): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (compareConversations(items[mid] as Conversation, conversation) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
}
