// Add or edit a Mirakl connection, with a "Test" that asks Mirakl (A01) before saving.
// The API key is write-only: a password field, never filled from the backend.
import { useId, useState, type FormEvent } from 'react';
import type { Connection, OperationInput } from '../../src-shared/contract';
import { InboxError } from '../../src-shared/inbox-client';
import { errorText } from '../common/error-text';
import { Spinner } from '../common/Spinner';
import { Icon } from '../common/Icon';
import { useClient } from '../app/client-context';

type TestResult = { ok: true; text: string } | { ok: false; text: string };

export function ConnectionForm({ existing, onSaved, onCancel }: { existing: Connection | null; onSaved: (connection: Connection) => void; onCancel: () => void }) {
  const client = useClient();
  const id = useId();
  const [name, setName] = useState(existing?.name ?? '');
  const [baseUrl, setBaseUrl] = useState(existing?.baseUrl ?? '');
  const [apiKey, setApiKey] = useState('');
  const [shopId, setShopId] = useState(existing?.shopId ?? '');
  const [testing, setTesting] = useState(false);
  const [saving, setSaving] = useState(false);
  const [test, setTest] = useState<TestResult | null>(null);
  const [error, setError] = useState<{ text: string; field: string | null } | null>(null);

  const trimmedShop = shopId.trim();
  const shopValue = trimmedShop === '' ? null : trimmedShop;

  const runTest = async () => {
    setTesting(true);
    setTest(null);
    setError(null);
    try {
      const input: OperationInput<'testConnection'> = existing ? { id: existing.id } : {};
      if (baseUrl.trim()) input.baseUrl = baseUrl.trim();
      if (apiKey.trim()) input.apiKey = apiKey.trim();
      input.shopId = shopValue;
      const result = await client.call('testConnection', input);
      setTest(
        result.ok
          ? { ok: true, text: `Connected to ${result.shopName ?? 'the shop'}${result.shopId ? ` (shop ${result.shopId})` : ''}` }
          : { ok: false, text: result.error ?? 'Mirakl refused the connection' },
      );
    } catch (e) {
      setError({ text: errorText(e), field: e instanceof InboxError ? (e.field ?? null) : null });
    } finally {
      setTesting(false);
    }
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      let saved: Connection;
      if (existing) {
        const input: OperationInput<'updateConnection'> = { id: existing.id, shopId: shopValue };
        if (name.trim()) input.name = name.trim();
        if (baseUrl.trim() && baseUrl.trim() !== existing.baseUrl) input.baseUrl = baseUrl.trim();
        if (apiKey.trim()) input.apiKey = apiKey.trim();
        saved = await client.call('updateConnection', input);
      } else {
        const input: OperationInput<'addConnection'> = { baseUrl: baseUrl.trim(), apiKey: apiKey.trim(), shopId: shopValue };
        if (name.trim()) input.name = name.trim();
        saved = await client.call('addConnection', input);
      }
      setApiKey('');
      onSaved(saved);
    } catch (e) {
      setError({ text: errorText(e), field: e instanceof InboxError ? (e.field ?? null) : null });
    } finally {
      setSaving(false);
    }
  };

  const fieldError = (field: string) =>
    error?.field === field ? (
      <span className="field__error" id={`${id}-${field}-error`}>
        {error.text}
      </span>
    ) : null;
  const canSubmit = baseUrl.trim() !== '' && (existing !== null || apiKey.trim() !== '');

  return (
    <form className="connection-form" onSubmit={save} aria-label={existing ? `Edit ${existing.name}` : 'Add a Mirakl connection'}>
      <div className="field">
        <label htmlFor={`${id}-name`}>Marketplace</label>
        <input
          id={`${id}-name`}
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="e.g. Best Buy Canada"
          maxLength={100}
          autoComplete="off"
          aria-describedby={`${id}-name-help`}
        />
        {/* Hints too long for a placeholder (cut off in a half-width field) go below it. */}
        <span className="field__help" id={`${id}-name-help`}>
          Left empty, it is named after the URL.
        </span>
      </div>
      <div className="field">
        <label htmlFor={`${id}-url`}>Mirakl URL</label>
        <input
          id={`${id}-url`}
          // Text, not type="url": `acme.mirakl.net` typed without https:// is valid here (the service adds it).
          type="text"
          inputMode="url"
          required
          value={baseUrl}
          onChange={(e) => setBaseUrl(e.target.value)}
          placeholder="https://yourmarketplace.mirakl.net"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error?.field === 'baseUrl' || undefined}
          aria-describedby={error?.field === 'baseUrl' ? `${id}-baseUrl-error` : undefined}
        />
        {fieldError('baseUrl')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-key`}>API key</label>
        <input
          id={`${id}-key`}
          type="password"
          required={!existing}
          value={apiKey}
          onChange={(e) => setApiKey(e.target.value)}
          placeholder={existing?.keySource === 'stored' ? 'Stored' : existing?.keySource === 'launch' ? 'Given at launch' : 'From your Mirakl back office'}
          autoComplete="new-password"
          spellCheck={false}
          aria-invalid={error?.field === 'apiKey' || undefined}
          aria-describedby={error?.field === 'apiKey' ? `${id}-apiKey-error` : `${id}-key-help`}
        />
        <span className="field__help" id={`${id}-key-help`}>
          {existing?.keySource === 'stored' || existing?.keySource === 'launch' ? 'Leave empty to keep it. ' : ''}
          Stored on this computer only and never shown again.
        </span>
        {fieldError('apiKey')}
      </div>
      <div className="field field--short">
        <label htmlFor={`${id}-shop`}>Shop id <span className="field__optional">optional</span></label>
        <input
          id={`${id}-shop`}
          inputMode="numeric"
          value={shopId}
          onChange={(e) => setShopId(e.target.value)}
          placeholder="2001"
          autoComplete="off"
          aria-invalid={error?.field === 'shopId' || undefined}
        />
        {fieldError('shopId')}
      </div>
      <div className="connection-form__result" aria-live="polite">
        {testing && <Spinner label="Testing the connection" />}
        {test && (
          <span className={test.ok ? 'test-result test-result--ok' : 'test-result test-result--failed'} data-testid="connection-test-result">
            <Icon name={test.ok ? 'check' : 'alert'} size={14} /> {test.text}
          </span>
        )}
        {error && !error.field && (
          <span className="test-result test-result--failed" role="alert">
            <Icon name="alert" size={14} /> {error.text}
          </span>
        )}
      </div>
      <div className="connection-form__actions">
        <button type="button" className="button" onClick={() => void runTest()} disabled={testing || !baseUrl.trim() || (!existing && !apiKey.trim())}>
          Test
        </button>
        <span className="spacer" />
        <button type="button" className="button button--quiet" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={saving || !canSubmit}>
          {saving ? 'Saving…' : existing ? 'Save' : 'Add connection'}
        </button>
      </div>
    </form>
  );
}
