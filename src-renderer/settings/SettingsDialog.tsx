// Settings: Mirakl connections, their response targets, saved replies and preferences.
import type { Connection, Preferences } from '../../src-shared/contract';
import { Dialog } from '../common/Dialog';
import { ConnectionsSection } from './ConnectionsSection';
import { PreferencesSection } from './PreferencesSection';
import { ResponseTargetsSection } from './ResponseTargetsSection';
import { SavedRepliesSection } from './SavedRepliesSection';

export function SettingsDialog({ open, onClose, connections, connectionsLoading, preferences, onConnectionsChanged, onPreferencesSaved, onSavedRepliesChanged }: {
  open: boolean;
  onClose: () => void;
  connections: readonly Connection[];
  connectionsLoading: boolean;
  preferences: Preferences | null;
  onConnectionsChanged: () => void;
  onPreferencesSaved: (preferences: Preferences, confirmed: boolean) => void;
  onSavedRepliesChanged: () => void;
}) {
  return (
    <Dialog open={open} title="Settings" onClose={onClose} wide>
      <ConnectionsSection connections={connections} loading={connectionsLoading} onChanged={onConnectionsChanged} />
      <ResponseTargetsSection connections={connections} />
      <SavedRepliesSection connections={connections} preferences={preferences} onChanged={onSavedRepliesChanged} onPreferencesSaved={onPreferencesSaved} />
      <PreferencesSection preferences={preferences} onSaved={onPreferencesSaved} />
    </Dialog>
  );
}
