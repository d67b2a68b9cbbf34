// The Mirakl connections: listed, added, edited, removed.
import { useState } from 'react';
import type { Connection } from '../../src-shared/contract';
import type { SyncStatus } from '../../src-shared/sync-status';
import { pollingText } from '../lib/sync-summary';
import { errorText } from '../common/error-text';
import { Icon } from '../common/Icon';
import { useToast } from '../common/toasts';
import { useClient } from '../app/client-context';
import { ConnectionForm } from './ConnectionForm';

/** Where a connection's API key comes from, in Settings' words. */
const KEY_SOURCE_TEXT: Record<Connection['keySource'], string> = {
  stored: 'API key stored',
  launch: 'API key given at launch, not stored',
  demo: 'Demo data',
  none: 'No API key',
};

export function ConnectionsSection({
  connections,
  loading,
  syncStatuses,
  onChanged,
}: {
  connections: readonly Connection[];
  loading: boolean;
  syncStatuses: readonly SyncStatus[];
  onChanged: () => void;
}) {
  const client = useClient();
  const toast = useToast();
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [confirmRemove, setConfirmRemove] = useState<number | null>(null);
  const [removing, setRemoving] = useState(false);

  const remove = async (connection: Connection) => {
    setRemoving(true);
    try {
      await client.call('removeConnection', { id: connection.id });
      toast(`${connection.name} removed`);
      setConfirmRemove(null);
      onChanged();
    } catch (e) {
      toast(`Could not remove ${connection.name}: ${errorText(e)}`, 'error');
    } finally {
      setRemoving(false);
    }
  };

  return (
    <section className="settings-section" aria-labelledby="settings-connections">
      <div className="settings-section__head">
        <h3 id="settings-connections">Mirakl connections</h3>
        {editing !== 'new' && (
          <button type="button" className="button button--small" onClick={() => setEditing('new')}>
            <Icon name="plus" size={14} /> Add connection
          </button>
        )}
      </div>
      {loading && connections.length === 0 && <p className="settings-muted">Loading…</p>}
      {!loading && connections.length === 0 && editing !== 'new' && <p className="settings-muted">No connection yet. Add your shop's Mirakl URL and API key to start.</p>}
      <ul className="connections">
        {connections.map((connection) => (
          <li key={connection.id} className="connection">
            {editing === connection.id ? (
              <ConnectionForm
                existing={connection}
                onCancel={() => setEditing(null)}
                onSaved={(saved) => {
                  setEditing(null);
                  toast(`${saved.name} saved`);
                  onChanged();
                }}
              />
            ) : (
              <div className="connection__row">
                <div className="connection__text">
                  <span className="connection__name">
                    {connection.name}
                    {connection.isDemo && <span className="tag tag--demo">Demo</span>}
                  </span>
                  <span className="connection__url">{connection.isDemo ? 'Built-in demo marketplace' : connection.baseUrl}</span>
                  <span className="connection__meta">
                    {connection.shopId ? `Shop ${connection.shopId}` : 'Default shop'} · {KEY_SOURCE_TEXT[connection.keySource]}
                  </span>
                  <SyncCalls status={syncStatuses.find((s) => s.accountId === connection.id)} />
                </div>
                {confirmRemove === connection.id ? (
                  <div className="connection__confirm" role="group" aria-label={`Remove ${connection.name}?`}>
                    <span>Remove it and its synced conversations?</span>
                    <button type="button" className="button button--small button--quiet" onClick={() => setConfirmRemove(null)}>
                      Keep
                    </button>
                    <button type="button" className="button button--small button--danger" disabled={removing} onClick={() => void remove(connection)}>
                      Remove
                    </button>
                  </div>
                ) : (
                  !connection.isDemo && (
                    <div className="connection__actions">
                      <button type="button" className="button button--small" onClick={() => setEditing(connection.id)} aria-label={`Edit ${connection.name}`}>
                        Edit
                      </button>
                      <button type="button" className="button button--small button--quiet" onClick={() => setConfirmRemove(connection.id)} aria-label={`Remove ${connection.name}`}>
                        Remove
                      </button>
                    </div>
                  )
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
      {editing === 'new' && (
        <div className="connection connection--new">
          <ConnectionForm
            existing={null}
            onCancel={() => setEditing(null)}
            onSaved={(saved) => {
              setEditing(null);
              toast(`${saved.name} added · first sync started`);
              onChanged();
            }}
          />
        </div>
      )}
    </section>
  );
}

function SyncCalls({ status }: { status: SyncStatus | undefined }) {
  if (!status) return null;
  return <span className="connection__meta connection__polling">{pollingText(status, new Date())}</span>;
}
