// The filter counts (All · Reply needed · Unread), of the whole inbox or, while searching,
// of the search's results: adjusted at once when the app itself changes a conversation (it
// is read on opening), refreshed shortly after live changes, the server's recount having
// the last word.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConversationCounts } from '../../src-shared/contract';
import { countsAfterChange, type CountedFields } from '../lib/conversation-counts';
import { useClient } from './client-context';
import { useAppEvents } from './use-app-events';

/** Bursts of events (a sync pass) cost one count query. */
const REFRESH_DELAY_MS = 400;

const NO_COUNTS: ConversationCounts = { all: 0, replyNeeded: 0, unread: 0, snoozed: 0, accounts: [] };


export interface Counts {
  counts: ConversationCounts | null;
  refresh: () => void;
  /** A conversation changed from `before` to `after`: the counts move now, and are recounted soon. */
  adjust: (before: CountedFields, after: CountedFields) => void;
}

/** `q`: the search, debounced as the list's ('' for the whole inbox). */
export function useCounts(q: string): Counts {
  const client = useClient();
  const [counted, setCounted] = useState<{ q: string; counts: ConversationCounts } | null>(null);
  const search = q.trim().slice(0, 200);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  /** Bumped by each adjustment: a recount asked for before it does not know about it. */
  const adjustments = useRef(0);

  const load = useCallback(() => {
    const asked = adjustments.current;
    client.call('countConversations', search ? { q: search } : {}).then(
      (fresh) => {
        if (asked === adjustments.current) setCounted({ q: search, counts: fresh });
      },
      () => {
        // Counts are a nicety: keep the last known ones.
      },
    );
  }, [client, search]);
  /** The recount a timer runs is the current search's, whatever it was when the timer was set. */
  const latestLoad = useRef(load);
  latestLoad.current = load;

  const refresh = useCallback(() => {
    if (timer.current !== null) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      latestLoad.current();
    }, REFRESH_DELAY_MS);
  }, []);

  const adjust = useCallback(
    (before: CountedFields, after: CountedFields) => {
      if (countsAfterChange(NO_COUNTS, before, after) === NO_COUNTS) return;
      adjustments.current += 1;
      setCounted((current) => (current ? { ...current, counts: countsAfterChange(current.counts, before, after) } : current));
      // The recount scheduled from here starts after this adjustment, so it is kept.
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = null;
      refresh();
    },
    [refresh],
  );

  useEffect(() => {
    load();
    // This load supersedes a recount still waiting (another search's).
    return () => {
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [load]);

  useAppEvents((event) => {
    if (event.type === 'conversation.upserted' || event.type === 'message.deleted') refresh();
  });

  // Another search's counts are not these: none until the new ones arrive.
  return { counts: counted?.q === search ? counted.counts : null, refresh, adjust };
}
