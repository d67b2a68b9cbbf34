// The conversation list for the current filter and search: first page, further pages by
// keyset cursor as the list scrolls, and live updates folded in without a reload.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Conversation, ConversationListItem, ListSort, OperationInput, SearchTotal } from '../../src-shared/contract';
import { appendPage, applyConversationUpsert, type ListFilter } from '../lib/conversation-order';
import type { WaitFilter } from '../lib/wait-filter';
import { errorText } from '../common/error-text';
import { useClient } from './client-context';
import { useAppEvents } from './use-app-events';

export interface ListQuery {
  filter: ListFilter;
  q: string;
  sort: ListSort;
  /** The cockpit's filter (open waits of an age, about to breach), or null. */
  wait: WaitFilter | null;
  /** One marketplace's conversations (null: every connection's). */
  accountId: number | null;
}

export interface ConversationListState {
  items: readonly ConversationListItem[];
  /** A search's number of results (from its first page); null when not searching. */
  total: SearchTotal | null;
  hasMore: boolean;
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  loadingMore: boolean;
  loadMoreError: string | null;
  /** The query the items answer (null until a first page has landed). */
  loadedFor: ListQuery | null;
}

export interface ConversationList extends ConversationListState {
  loadMore(): void;
  /** Fetch again; `keepVisible` keeps the current rows on screen meanwhile (after a reconnection). */
  reload(keepVisible?: boolean): void;
  /** Fold in a conversation we got from a call (markRead answers one). */
  patch(conversation: Conversation): void;
}

/** Enough to fill a tall window at once; later pages are bigger and fewer. */
const FIRST_PAGE = 50;
const NEXT_PAGE = 100;
const MAX_PAGE = 200;

const INITIAL: ConversationListState = { items: [], total: null, hasMore: false, status: 'loading', error: null, loadingMore: false, loadMoreError: null, loadedFor: null };

function toInput(query: ListQuery, limit: number, cursor?: string): OperationInput<'listConversations'> {
  const input: OperationInput<'listConversations'> = { limit, sort: query.sort };
  if (cursor) input.cursor = cursor;
  if (query.filter === 'replyNeeded') input.replyNeeded = true;
  if (query.filter === 'unread') input.unread = true;
  if (query.filter === 'snoozed') input.snoozed = true;
  if (query.accountId !== null) input.accountId = query.accountId;
  const q = query.q.trim();
  if (q) input.q = q.slice(0, 200);
  if (query.wait) Object.assign(input, query.wait);
  return input;
}

export function useConversationList(query: ListQuery, keepId: number | null): ConversationList {
  const client = useClient();
  const [state, setState] = useState<ConversationListState>(INITIAL);
  const generation = useRef(0);
  const cursor = useRef<string | null>(null);
  const loadingMore = useRef(false);
  const keep = useRef(keepId);
  keep.current = keepId;
  const loadedCount = useRef(0);
  loadedCount.current = state.items.length;
  /** Conversations changed while a first page was loading: applied on top of it when it lands. */
  const arrivedWhileLoading = useRef<Conversation[]>([]);
  const ready = useRef(false);
  ready.current = state.status === 'ready';

  const { filter, q, sort, accountId } = query;
  // A new object each render: the filter itself is compared by value.
  const waitKey = query.wait ? JSON.stringify(query.wait) : '';
  const wait = useMemo(() => (waitKey ? (JSON.parse(waitKey) as WaitFilter) : null), [waitKey]);

  const reload = useCallback(
    (keepVisible = false) => {
      const current = ++generation.current;
      loadingMore.current = false;
      const limit = keepVisible ? Math.min(MAX_PAGE, Math.max(FIRST_PAGE, loadedCount.current)) : FIRST_PAGE;
      if (!keepVisible) {
        setState(INITIAL);
        ready.current = false;
      }
      arrivedWhileLoading.current = [];
      client.call('listConversations', toInput({ filter, q, sort, wait, accountId }, limit)).then(
        (page) => {
          if (current !== generation.current) return;
          cursor.current = page.nextCursor;
          let items: readonly ConversationListItem[] = page.items;
          const options = { filter, sort, accountId, searching: q.trim() !== '' || wait !== null, complete: page.nextCursor === null, keepId: keep.current };
          for (const conversation of arrivedWhileLoading.current.splice(0)) items = applyConversationUpsert(items, conversation, options);
          setState({
            items,
            total: page.total ?? null,
            hasMore: page.nextCursor !== null,
            status: 'ready',
            error: null,
            loadingMore: false,
            loadMoreError: null,
            loadedFor: { filter, q, sort, wait, accountId },
          });
        },
        (error: unknown) => {
          if (current !== generation.current) return;
          setState((s) => (keepVisible && s.items.length > 0 ? s : { ...INITIAL, status: 'error', error: errorText(error) }));
        },
      );
    },
    [client, filter, q, sort, wait, accountId],
  );

  useEffect(() => reload(), [reload]);

  const loadMore = useCallback(() => {
    const from = cursor.current;
    if (loadingMore.current || from === null) return;
    const current = generation.current;
    loadingMore.current = true;
    setState((s) => ({ ...s, loadingMore: true, loadMoreError: null }));
    client.call('listConversations', toInput({ filter, q, sort, wait, accountId }, NEXT_PAGE, from)).then(
      (page) => {
        if (current !== generation.current) return;
        loadingMore.current = false;
        cursor.current = page.nextCursor;
        setState((s) => ({ ...s, items: appendPage(s.items, page.items), hasMore: page.nextCursor !== null, loadingMore: false }));
      },
      (error: unknown) => {
        if (current !== generation.current) return;
        loadingMore.current = false;
        setState((s) => ({ ...s, loadingMore: false, loadMoreError: errorText(error) }));
      },
    );
  }, [client, filter, q, sort, wait, accountId]);

  const patch = useCallback(
    (conversation: Conversation) => {
      if (!ready.current) arrivedWhileLoading.current.push(conversation);
      setState((s) => {
        if (s.status !== 'ready') return s;
        const items = applyConversationUpsert(s.items, conversation, { filter, sort, accountId, searching: q.trim() !== '' || wait !== null, complete: !s.hasMore, keepId: keep.current });
        return items === s.items ? s : { ...s, items };
      });
    },
    [filter, q, sort, wait, accountId],
  );

  useAppEvents((event) => {
    if (event.type === 'conversation.upserted') patch(event.conversation);
  });

  return { ...state, loadMore, reload, patch };
}
