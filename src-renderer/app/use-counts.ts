// The filter counts (All · Reply needed · Unread): adjusted at once when the app itself
// changes a conversation (it is read on opening), refreshed shortly after live changes,
// the server's recount having the last word.
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

export function useCounts(): Counts {
  const client = useClient();
  const [counts, setCounts] = useState<ConversationCounts | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  /** Bumped by each adjustment: a recount asked for before it does not know about it. */
  const adjustments = useRef(0);

  const load = useCallback(() => {
    const asked = adjustments.current;
    client.call('countConversations', {}).then(
      (fresh) => {
        if (asked === adjustments.current) setCounts(fresh);
      },
      () => {
        // Counts are a nicety: keep the last known ones.
      },
    );
  }, [client]);

  const refresh = useCallback(() => {
    if (timer.current !== null) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      load();
    }, REFRESH_DELAY_MS);
  }, [load]);

  const adjust = useCallback(
    (before: CountedFields, after: CountedFields) => {
      if (countsAfterChange(NO_COUNTS, before, after) === NO_COUNTS) return;
      adjustments.current += 1;
      setCounts((current) => (current ? countsAfterChange(current, before, after) : current));
      // The recount scheduled from here starts after this adjustment, so it is kept.
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = null;
      refresh();
    },
    [refresh],
  );

  useEffect(() => {
    load();
    return () => {
      if (timer.current !== null) clearTimeout(timer.current);
    };
  }, [load]);

  useAppEvents((event) => {
    if (event.type === 'conversation.upserted' || event.type === 'message.deleted') refresh();
  });

  return { counts, refresh, adjust };
}
