// Sync interval, the local HTTP API, and the demo inbox. Each change is saved as made.
import { useId, useState } from 'react';
import type { OperationInput, Preferences } from '../../src-shared/contract';
import { errorText } from '../common/error-text';
import { useClient } from '../app/client-context';
import { ApiAccess } from './ApiAccess';

const INTERVALS = [
  { seconds: 60, label: 'Every minute' },
  { seconds: 120, label: 'Every 2 minutes' },
  { seconds: 300, label: 'Every 5 minutes' },
  { seconds: 900, label: 'Every 15 minutes' },
  { seconds: 1_800, label: 'Every 30 minutes' },
  { seconds: 3_600, label: 'Every hour' },
];

export function PreferencesSection({ preferences, onSaved }: {
  preferences: Preferences | null;
  /** `confirmed`: the service's answer (not the optimistic display, nor a rollback). */
  onSaved: (preferences: Preferences, confirmed: boolean) => void;
}) {
  const client = useClient();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  if (!preferences) return <p className="settings-muted">Loading preferences…</p>;

  /** Shown at once (switches move under the finger), confirmed or rolled back by the answer. */
  const save = async (change: OperationInput<'setPreferences'>) => {
    setError(null);
    setSaved(false);
    const before = preferences;
    onSaved({
      ...before,
      ...(change.syncIntervalSeconds !== undefined ? { syncIntervalSeconds: change.syncIntervalSeconds } : {}),
      ...(change.demoEnabled !== undefined ? { demoEnabled: change.demoEnabled } : {}),
      httpApi: { ...before.httpApi, ...change.httpApi },
    }, false);
    try {
      onSaved(await client.call('setPreferences', change), true);
      setSaved(true);
      setTimeout(() => setSaved(false), 2_000);
    } catch (e) {
      onSaved(before, false);
      setError(errorText(e));
    }
  };

  const intervals = INTERVALS.some((i) => i.seconds === preferences.syncIntervalSeconds)
    ? INTERVALS
    : [{ seconds: preferences.syncIntervalSeconds, label: `Every ${preferences.syncIntervalSeconds} seconds` }, ...INTERVALS];

  return (
    <>
      <section className="settings-section" aria-labelledby={`${id}-sync`}>
        <h3 id={`${id}-sync`}>Sync</h3>
        <div className="field field--inline">
          <label htmlFor={`${id}-interval`}>Check Mirakl for new messages</label>
          <select
            id={`${id}-interval`}
            value={preferences.syncIntervalSeconds}
            onChange={(e) => void save({ syncIntervalSeconds: Number(e.target.value) })}
          >
            {intervals.map((i) => (
              <option key={i.seconds} value={i.seconds}>
                {i.label}
              </option>
            ))}
          </select>
        </div>
      </section>

      <section className="settings-section" aria-labelledby={`${id}-api`}>
        <h3 id={`${id}-api`}>Local HTTP API</h3>
        <ApiAccess preferences={preferences} save={save} />
      </section>

      <section className="settings-section" aria-labelledby={`${id}-demo`}>
        <h3 id={`${id}-demo`}>Demo data</h3>
        <label className="switch">
          <input type="checkbox" checked={preferences.demoEnabled} onChange={(e) => void save({ demoEnabled: e.target.checked })} />
          <span className="switch__track" aria-hidden="true" />
          <span>Show the demo marketplace while no Mirakl account is connected</span>
        </label>
      </section>

      <p className="settings-status" aria-live="polite">
        {error ? <span className="field__error">{error}</span> : saved ? 'Saved' : ''}
      </p>
    </>
  );
}
