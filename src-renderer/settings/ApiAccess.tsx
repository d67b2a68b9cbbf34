// The local HTTP API's address and token, to copy into a script. The token is hidden until
// asked for; null while the API is off.
import { useEffect, useState } from 'react';
import type { OperationOutput } from '../../src-shared/contract';
import { useClient } from '../app/client-context';

type Access = OperationOutput<'getApiAccess'>;

export function ApiAccess({ refreshKey, plannedUrl }: {
  /** Changes when the API is switched or moved: read again. */
  refreshKey: string;
  /** Where the desktop app's API would listen with the chosen port. */
  plannedUrl: string | null;
}) {
  const client = useClient();
  const [access, setAccess] = useState<Access | null>(null);
  const [shown, setShown] = useState(false);
  const [copied, setCopied] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    // The port opens a moment after the switch: ask again shortly after a change.
    const read = () => client.call('getApiAccess', {}).then((a) => live && setAccess(a), () => live && setAccess(null));
    void read();
    const again = setTimeout(read, 800);
    return () => {
      live = false;
      clearTimeout(again);
    };
  }, [client, refreshKey]);

  const copy = async (what: string, text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(what);
      setTimeout(() => setCopied(null), 1500);
    } catch {
      setCopied(null);
    }
  };

  if (!access?.url || !access.token) {
    return (
      <p className="settings-muted">
        {plannedUrl && (
          <>
            Address: <code>{plannedUrl}</code>
            <br />
          </>
        )}
        Every request needs the access token. It is shown here while the API runs, printed by <code>serve</code> when it starts, and kept in the{' '}
        <code>api-token</code> file beside the database.
      </p>
    );
  }
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
        Scripts send <code>Authorization: Bearer &lt;token&gt;</code>. See <code>GET /api/openapi.json</code>.
      </p>
    </div>
  );
}
