// The local HTTP API section of Settings: what runs now (address and token to copy into a
// script, or why it is not running) and, in the desktop app, the switch and port that
// control it. A page served by `serve` shows serve's own address: its port is set on the
// command line, so there is nothing to switch here.
import { useEffect, useId, useState } from 'react';
import type { ApiAccess as Access, OperationInput, Preferences } from '../../src-shared/contract';
import { useClient } from '../app/client-context';
import { Icon } from '../common/Icon';

/** The port opens or closes a moment after the switch: read again at these delays (ms) after a change. */
const REREAD_AFTER = [0, 300, 1_000, 2_500];

export function ApiAccess({ preferences, save }: {
  preferences: Preferences;
  save: (change: OperationInput<'setPreferences'>) => Promise<void>;
}) {
  const client = useClient();
  const id = useId();
  const [access, setAccess] = useState<Access | null>(null);
  const [port, setPort] = useState(String(preferences.httpApi.port));
  useEffect(() => setPort(String(preferences.httpApi.port)), [preferences.httpApi.port]);
  const { enabled } = preferences.httpApi;

  useEffect(() => {
    let live = true;
    const read = () => client.call('getApiAccess', {}).then((a) => live && setAccess(a), () => undefined);
    const timers = REREAD_AFTER.map((ms) => setTimeout(read, ms));
    return () => {
      live = false;
      timers.forEach(clearTimeout);
    };
  }, [client, enabled, preferences.httpApi.port]);

  if (!access) return <p className="settings-muted">Loading…</p>;

  if (access.controlledBy === 'command-line') {
    return (
      <>
        <p className="settings-muted">
          This page is served by the <code>serve</code> command, which runs the API with it. Its port is set on its command line (<code>--port</code>).
        </p>
        <Running access={access} />
      </>
    );
  }

  const portNumber = Number(port);
  const portValid = Number.isInteger(portNumber) && portNumber >= 1024 && portNumber <= 65_535;
  const savePort = () => {
    if (portValid && portNumber !== preferences.httpApi.port) void save({ httpApi: { port: portNumber } });
  };
  return (
    <>
      <label className="switch">
        <input type="checkbox" checked={enabled} onChange={(e) => void save({ httpApi: { enabled: e.target.checked } })} />
        <span className="switch__track" aria-hidden="true" />
        <span>Serve the inbox and its API on this computer (loopback only)</span>
      </label>
      <div className="field field--inline">
        <label htmlFor={`${id}-port`}>Port</label>
        <input
          id={`${id}-port`}
          className="input--port"
          inputMode="numeric"
          value={port}
          onChange={(e) => setPort(e.target.value)}
          onBlur={savePort}
          onKeyDown={(e) => {
            if (e.key === 'Enter') savePort();
          }}
          aria-invalid={!portValid || undefined}
          aria-describedby={`${id}-port-help`}
        />
        <span className="settings-muted" id={`${id}-port-help`}>
          {portValid ? '' : 'A port between 1024 and 65535.'}
        </span>
      </div>
      {!enabled ? (
        <p className="settings-muted">Off. Turn it on to let scripts on this computer read and answer conversations, with an access token.</p>
      ) : access.error ? (
        <p className="api-access__error" role="alert">
          <Icon name="alert" size={14} /> Not running. {access.error}
        </p>
      ) : access.url ? (
        <Running access={access} />
      ) : (
        <p className="settings-muted" aria-live="polite">Starting on port {preferences.httpApi.port}…</p>
      )}
    </>
  );
}

/** The address and the token (hidden until asked for), each with a Copy button. */
function Running({ access }: { access: Access }) {
  const [shown, setShown] = useState(false);
  const [copied, setCopied] = useState<string | null>(null);
  if (!access.url || !access.token) return null;
  const copy = async (what: string, text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(what);
      setTimeout(() => setCopied(null), 1500);
    } catch {
      setCopied(null);
    }
  };
  return (
    <div className="api-access">
      <div className="api-access__row">
        <span className="api-access__label">Address</span>
        <code>{access.url}</code>
        <button type="button" className="button button--small" onClick={() => void copy('url', access.url!)}>
          {copied === 'url' ? 'Copied' : 'Copy'}
        </button>
      </div>
      <div className="api-access__row">
        <span className="api-access__label">Token</span>
        <code aria-label={shown ? 'API token' : 'API token, hidden'}>{shown ? access.token : '•'.repeat(24)}</code>
        <button type="button" className="button button--small" onClick={() => setShown((s) => !s)} aria-pressed={shown}>
          {shown ? 'Hide' : 'Show'}
        </button>
        <button type="button" className="button button--small" onClick={() => void copy('token', access.token!)}>
          {copied === 'token' ? 'Copied' : 'Copy'}
        </button>
      </div>
      <p className="settings-muted">
        Scripts send <code>Authorization: Bearer &lt;token&gt;</code>. The routes are described at <code>/api/openapi.json</code>.
      </p>
    </div>
  );
}
