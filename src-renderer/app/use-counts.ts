// The filter counts (All · Reply needed · Unread), refreshed shortly after live changes.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConversationCounts } from '../../src-shared/contract';
import { useClient } from './client-context';
import { useAppEvents } from './use-app-events';

/** Bursts of events (a sync pass) cost one count query. */
const REFRESH_DELAY_MS = 400;

export function useCounts(): { counts: ConversationCounts | null; refresh: () => void } {
  const client = useClient();
  const [counts, setCounts] = useState<ConversationCounts | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const load = useCallback(() => {
    client.call('countConversations', {}).then(setCounts, () => {
      // Counts are a nicety: keep the last known ones.
    });
  }, [client]);

  const refresh = useCallback(() => {
    if (timer.current !== null) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      load();
    }, REFRESH_DELAY_MS);
  }, [load]);

  useEffect(() => {
    load();
    return () => {
      if (timer.current !== null) clearTimeout(timer.current);
    };
  }, [load]);

  useAppEvents((event) => {
    if (event.type === 'conversation.upserted' || event.type === 'message.deleted') refresh();
  });

  return { counts, refresh };
}
