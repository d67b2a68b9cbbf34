// The conversation list as loaded so far (newest first, or longest waiting first; keyset
// pages) and how a live update changes it without a reload.
import type { Conversation, ConversationListItem, ListSort } from '../../src-shared/contract';

export type ListFilter = 'all' | 'replyNeeded' | 'unread' | 'snoozed';

/** Newest message first; equal times by id, newest first, as the API pages them. */
export function compareConversations(a: Conversation, b: Conversation): number {
  const byTime = Date.parse(b.lastMessageAt) - Date.parse(a.lastMessageAt);
  return byTime !== 0 && !Number.isNaN(byTime) ? byTime : b.id - a.id;
}

/** Longest waiting first (oldest replyNeededSince); equal times by id, smallest first, as the API pages them. */
export function compareWaiting(a: Conversation, b: Conversation): number {
  const byWait = Date.parse(a.replyNeededSince ?? '') - Date.parse(b.replyNeededSince ?? '');
  return byWait !== 0 && !Number.isNaN(byWait) ? byWait : a.id - b.id;
}

export function comparatorOf(sort: ListSort): (a: Conversation, b: Conversation) => number {
  return sort === 'waiting' ? compareWaiting : compareConversations;
}

export interface ListScope {
  /** The list's order (default `recent`). */
  sort?: ListSort;
  /** The marketplace the list shows (null or absent: all of them). */
  accountId?: number | null;
}

/** Whether a conversation belongs in a list: snoozed ones only in Snoozed, only the chosen marketplace's, and in the waiting order only those awaiting a reply. */
export function matchesFilter(conversation: Conversation, filter: ListFilter, scope: ListScope = {}): boolean {
  if (scope.accountId != null && conversation.accountId !== scope.accountId) return false;
  if (filter === 'snoozed') return conversation.snooze !== null;
  if (conversation.snooze !== null) return false;
  // The waiting order holds only conversations awaiting a reply, whatever the tab.
  if (scope.sort === 'waiting' && conversation.replyNeededSince === null) return false;
  if (filter === 'replyNeeded') return conversation.replyNeededSince !== null;
  if (filter === 'unread') return conversation.unreadCount > 0;
  return true;
}

export interface UpsertContext {
  filter: ListFilter;
  /** The list's order (default `recent`). */
  sort?: ListSort;
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
export function applyConversationUpsert(items: readonly ConversationListItem[], conversation: Conversation, context: UpsertContext): readonly ConversationListItem[] {
  const sort = context.sort ?? 'recent';
  const index = items.findIndex((c) => c.id === conversation.id);
  if (context.searching && index === -1) return items;
  const scope = { sort, accountId: context.accountId ?? null };
  const belongs =
    (context.searching && (context.accountId == null || conversation.accountId === context.accountId)) ||
    matchesFilter(conversation, context.filter, scope) ||
    conversation.id === context.keepId;
  if (!belongs) return index === -1 ? items : [...items.slice(0, index), ...items.slice(index + 1)];
  // A row keeps why it matched the search: the event knows nothing of the search.
  const previous = index === -1 ? undefined : items[index];
  const updated: ConversationListItem = previous?.match ? { ...conversation, match: previous.match } : conversation;
  // The open conversation no longer fits the list: it stays where it is until the technician moves on.
  if (index !== -1 && !context.searching && !matchesFilter(conversation, context.filter, scope)) return [...items.slice(0, index), updated, ...items.slice(index + 1)];
  const rest = index === -1 ? items : [...items.slice(0, index), ...items.slice(index + 1)];
  const at = insertionIndex(rest, updated, comparatorOf(sort));
  // New, and sorting after everything loaded while more pages exist: the next page will bring it.
  // (A row already shown stays: it was within the loaded pages and moves at most to their end.)
  if (at === rest.length && !context.complete && index === -1) return items;
  return [...rest.slice(0, at), updated, ...rest.slice(at)];
}

/** Appends a page, skipping conversations already present (a live update may have brought them first). */
export function appendPage<T extends Conversation>(items: readonly T[], page: readonly T[]): readonly T[] {
  if (page.length === 0) return items;
  const known = new Set(items.map((c) => c.id));
  const fresh = page.filter((c) => !known.has(c.id));
  return fresh.length === 0 ? items : [...items, ...fresh];
}

/** Binary search in a list sorted by `compare` (newest first by default). */
export function insertionIndex(items: readonly Conversation[], conversation: Conversation, compare = compareConversations): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (compare(items[mid] as Conversation, conversation) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
}
