// Connections and preferences: for the settings dialog and the demo banner.
import { useCallback, useEffect, useState } from 'react';
import type { Connection, Preferences } from '../../src-shared/contract';
import { useClient } from './client-context';

export interface SettingsData {
  connections: readonly Connection[];
  connectionsLoaded: boolean;
  preferences: Preferences | null;
  reload(): void;
  setPreferences(preferences: Preferences): void;
}

export function useSettingsData(): SettingsData {
  const client = useClient();
  const [connections, setConnections] = useState<readonly Connection[]>([]);
  const [connectionsLoaded, setConnectionsLoaded] = useState(false);
  const [preferences, setPreferences] = useState<Preferences | null>(null);

  const reload = useCallback(() => {
    client.call('listConnections', {}).then(
      (answer) => {
        setConnections(answer.items);
        setConnectionsLoaded(true);
      },
      () => setConnectionsLoaded(true),
    );
    client.call('getPreferences', {}).then(setPreferences, () => {});
  }, [client]);

  useEffect(reload, [reload]);

  return { connections, connectionsLoaded, preferences, reload, setPreferences };
}
