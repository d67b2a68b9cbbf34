// Sync interval, the local HTTP API, and the demo inbox. Each change is saved as made.
import { useEffect, useId, useState } from 'react';
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
  const [port, setPort] = useState(String(preferences?.httpApi.port ?? ''));
  useEffect(() => setPort(String(preferences?.httpApi.port ?? '')), [preferences?.httpApi.port]);

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
  const portNumber = Number(port);
  const portValid = Number.isInteger(portNumber) && portNumber >= 1024 && portNumber <= 65_535;

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
        <label className="switch">
          <input type="checkbox" checked={preferences.httpApi.enabled} onChange={(e) => void save({ httpApi: { enabled: e.target.checked } })} />
          <span className="switch__track" aria-hidden="true" />
          <span>Serve the inbox and its API on this computer (loopback only)</span>
        </label>
        {client.kind === 'http' && (
          <p className="settings-note">
            These are the desktop app's settings. This browser page is served by the <code>serve</code> command, which takes its port on its command line.
          </p>
        )}
        <div className="field field--inline">
          <label htmlFor={`${id}-port`}>Port</label>
          <input
            id={`${id}-port`}
            className="input--port"
            inputMode="numeric"
            value={port}
            onChange={(e) => setPort(e.target.value)}
            onBlur={() => {
              if (portValid && portNumber !== preferences.httpApi.port) void save({ httpApi: { port: portNumber } });
            }}
            aria-invalid={!portValid || undefined}
            aria-describedby={`${id}-port-help`}
          />
        </div>
        <p className="settings-muted" id={`${id}-port-help`}>
          {portValid ? '' : 'A port between 1024 and 65535.'}
        </p>
        <ApiAccess
          refreshKey={`${preferences.httpApi.enabled}:${preferences.httpApi.port}`}
          plannedUrl={portValid ? `http://127.0.0.1:${portNumber}/` : null}
        />
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
