// Every connection's sync status, live, and "sync now".
import { useCallback, useEffect, useState } from 'react';
import type { SyncStatus } from '../../src-shared/sync-status';
import { withStatus } from '../lib/sync-summary';
import { useClient } from './client-context';
import { useAppEvents } from './use-app-events';

export function useSyncStatus(): { statuses: SyncStatus[]; loaded: boolean; syncNow: () => Promise<void>; reload: () => void } {
  const client = useClient();
  const [statuses, setStatuses] = useState<SyncStatus[]>([]);
  const [loaded, setLoaded] = useState(false);

  const reload = useCallback(() => {
    client.call('getSyncStatus', {}).then(
      (answer) => {
        setStatuses(answer.connections);
        setLoaded(true);
      },
      () => setLoaded(true),
    );
  }, [client]);

  useEffect(reload, [reload]);

  useAppEvents((event) => {
    if (event.type === 'sync.status') setStatuses((current) => withStatus(current, event.status));
  });

  const syncNow = useCallback(async () => {
    const answer = await client.call('syncNow', {});
    setStatuses(answer.connections);
  }, [client]);

  return { statuses, loaded, syncNow, reload };
}
