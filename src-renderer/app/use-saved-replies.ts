// Saved replies and the signature they sign with, loaded once and again after Settings
// changes them; indexed for the `/` picker once per list.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SavedReply } from '../../src-shared/contract';
import { SavedReplyIndex } from '../saved-replies/picker-ranking';
import { useClient } from './client-context';

export interface SavedRepliesState {
  items: readonly SavedReply[];
  index: SavedReplyIndex | null;
  reload(): void;
}

export function useSavedReplies(): SavedRepliesState {
  const client = useClient();
  const [items, setItems] = useState<readonly SavedReply[] | null>(null);
  const reload = useCallback(() => {
    client.call('listSavedReplies', {}).then(
      (answer) => setItems(answer.items),
      () => setItems((current) => current ?? []),
    );
  }, [client]);
  useEffect(reload, [reload]);
  const index = useMemo(() => (items ? new SavedReplyIndex(items) : null), [items]);
  return { items: items ?? [], index, reload };
}
