// Settings → Saved replies: the technician's answers, in their order. Create, edit,
// duplicate, delete, move; import and export as a JSON file; the signature {{signature}}
// writes. A reply naming a variable that does not exist is refused before it is saved.
import { useEffect, useId, useState } from 'react';
import type { Connection, Preferences, SavedRepliesFile, SavedReply } from '../../src-shared/contract';
import { TEMPLATE_VARIABLES, templateProblems } from '../../src-shared/saved-reply-template';
import { Icon } from '../common/Icon';
import { errorText } from '../common/error-text';
import { useClient } from '../app/client-context';

const LANGUAGES = [
  ['', 'Any language'],
  ['fr', 'French'],
  ['en', 'English'],
  ['de', 'German'],
  ['es', 'Spanish'],
  ['it', 'Italian'],
  ['nl', 'Dutch'],
  ['pt', 'Portuguese'],
  ['pl', 'Polish'],
] as const;

interface Draft {
  id: number | null;
  name: string;
  body: string;
  language: string;
  accountId: string;
}

export function SavedRepliesSection({ connections, preferences, onChanged, onPreferencesSaved }: {
  connections: readonly Connection[];
  preferences: Preferences | null;
  onChanged: () => void;
  onPreferencesSaved: (preferences: Preferences, confirmed: boolean) => void;
}) {
  const client = useClient();
  const id = useId();
  const [items, setItems] = useState<readonly SavedReply[] | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');

  const load = () =>
    client.call('listSavedReplies', {}).then(
      (answer) => setItems(answer.items),
      (e: unknown) => setError(errorText(e)),
    );
  useEffect(() => {
    void load();
  }, [client]);

  const run = async (what: () => Promise<unknown>, done: string) => {
    setError(null);
    try {
      await what();
      setStatus(done);
      await load();
      onChanged();
    } catch (e) {
      setError(errorText(e));
    }
  };

  const save = (d: Draft) =>
    run(async () => {
      const fields = { name: d.name, body: d.body, language: d.language === '' ? null : d.language, accountId: d.accountId === '' ? null : Number(d.accountId) };
      if (d.id === null) await client.call('createSavedReply', fields);
      else await client.call('updateSavedReply', { id: d.id, ...fields });
      setDraft(null);
    }, 'Saved');

  const exportFile = async () => {
    const file = await client.call('exportSavedReplies', {});
    const url = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }));
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = 'saved-replies.json';
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };

  const importFile = (file: File) =>
    run(async () => {
      let parsed: SavedRepliesFile;
      try {
        parsed = JSON.parse(await file.text()) as SavedRepliesFile;
      } catch {
        throw new Error(`${file.name} is not a saved replies file (not JSON)`);
      }
      const answer = await client.call('importSavedReplies', parsed);
      setStatus(`Imported ${answer.imported} saved ${answer.imported === 1 ? 'reply' : 'replies'}`);
    }, '');

  const marketplaceOf = (accountId: number | null) => (accountId === null ? null : (connections.find((c) => c.id === accountId)?.name ?? 'another marketplace'));

  return (
    <section className="settings-section saved-replies" aria-labelledby={`${id}-title`}>
      <div className="settings-section__head">
        <h3 id={`${id}-title`}>Saved replies</h3>
        <div className="saved-replies__tools">
          <button type="button" className="button button--small" onClick={() => setDraft({ id: null, name: '', body: '', language: '', accountId: '' })}>
            <Icon name="plus" size={13} /> New saved reply
          </button>
          <label className="button button--small saved-replies__import">
            Import…
            <input type="file" accept="application/json,.json" className="sr-only" onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importFile(file);
            }} />
          </label>
          <button type="button" className="button button--small" disabled={!items || items.length === 0} onClick={() => void exportFile().catch((e: unknown) => setError(errorText(e)))}>
            Export
          </button>
        </div>
      </div>
      <p className="settings-muted">
        Type <kbd>/</kbd> at the start of a line in a reply to pick one. The version in the customer's language comes first.
      </p>
      {draft && draft.id === null && <SavedReplyForm draft={draft} connections={connections} onChange={setDraft} onSave={save} onCancel={() => setDraft(null)} />}
      {items && items.length === 0 && !draft && <p className="settings-muted">No saved replies yet.</p>}
      {items && items.length > 0 && (
        <ol className="saved-replies__list">
          {items.map((reply, index) =>
            draft?.id === reply.id ? (
              <li key={reply.id}>
                <SavedReplyForm draft={draft} connections={connections} onChange={setDraft} onSave={save} onCancel={() => setDraft(null)} />
              </li>
            ) : (
              <li key={reply.id} className="saved-reply" data-testid="saved-reply">
                <div className="saved-reply__text">
                  <span className="saved-reply__name">{reply.name}</span>
                  {reply.language && <span className="picker__language">{reply.language.toUpperCase()}</span>}
                  {reply.accountId !== null && <span className="saved-reply__marketplace">{marketplaceOf(reply.accountId)}</span>}
                  <span className="saved-reply__body">{reply.body}</span>
                </div>
                <div className="saved-reply__actions">
                  <button type="button" className="icon-button icon-button--small" aria-label={`Move ${reply.name} up`} disabled={index === 0} onClick={() => void run(() => client.call('updateSavedReply', { id: reply.id, position: index - 1 }), 'Moved')}>
                    <Icon name="back" size={13} className="icon--up" />
                  </button>
                  <button type="button" className="icon-button icon-button--small" aria-label={`Move ${reply.name} down`} disabled={index === items.length - 1} onClick={() => void run(() => client.call('updateSavedReply', { id: reply.id, position: index + 1 }), 'Moved')}>
                    <Icon name="back" size={13} className="icon--down" />
                  </button>
                  <button type="button" className="icon-button icon-button--small" aria-label={`Edit ${reply.name}`} onClick={() => setDraft({ id: reply.id, name: reply.name, body: reply.body, language: reply.language ?? '', accountId: reply.accountId === null ? '' : String(reply.accountId) })}>
                    <Icon name="edit" size={13} />
                  </button>
                  <button type="button" className="icon-button icon-button--small" aria-label={`Duplicate ${reply.name}`} onClick={() => void run(() => client.call('createSavedReply', { name: `${reply.name} (copy)`.slice(0, 100), body: reply.body, language: reply.language, accountId: reply.accountId, position: index + 1 }), 'Duplicated')}>
                    <Icon name="copy" size={13} />
                  </button>
                  <button type="button" className="icon-button icon-button--small" aria-label={`Delete ${reply.name}`} onClick={() => void run(() => client.call('deleteSavedReply', { id: reply.id }), 'Deleted')}>
                    <Icon name="trash" size={13} />
                  </button>
                </div>
              </li>
            ),
          )}
        </ol>
      )}
      <SignatureField preferences={preferences} onSaved={onPreferencesSaved} />
      <p className="settings-status" aria-live="polite">
        {error ? <span className="field__error">{error}</span> : status}
      </p>
    </section>
  );
}

function SavedReplyForm({ draft, connections, onChange, onSave, onCancel }: {
  draft: Draft;
  connections: readonly Connection[];
  onChange: (draft: Draft) => void;
  onSave: (draft: Draft) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const problems = templateProblems(draft.body);
  const insertVariable = (name: string) => onChange({ ...draft, body: `${draft.body}{{${name}}}` });
  return (
    <form
      className="saved-reply-form"
      aria-label={draft.id === null ? 'New saved reply' : `Edit ${draft.name}`}
      onSubmit={(event) => {
        event.preventDefault();
        if (problems.length === 0) onSave(draft);
      }}
    >
      <div className="saved-reply-form__row">
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input id={`${id}-name`} value={draft.name} maxLength={100} required onChange={(e) => onChange({ ...draft, name: e.target.value })} autoFocus />
        </div>
        <div className="field">
          <label htmlFor={`${id}-language`}>Language</label>
          <select id={`${id}-language`} value={draft.language} onChange={(e) => onChange({ ...draft, language: e.target.value })}>
            {LANGUAGES.map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-marketplace`}>Marketplace</label>
          <select id={`${id}-marketplace`} value={draft.accountId} onChange={(e) => onChange({ ...draft, accountId: e.target.value })}>
            <option value="">Every marketplace</option>
            {connections.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-body`}>Reply</label>
        <textarea
          id={`${id}-body`}
          rows={7}
          value={draft.body}
          aria-invalid={problems.length > 0 ? true : undefined}
          aria-describedby={`${id}-help`}
          onChange={(e) => onChange({ ...draft, body: e.target.value })}
        />
      </div>
      <div className="saved-reply-form__help" id={`${id}-help`}>
        {problems.length > 0 ? (
          <p className="field__error" role="alert">
            {problems[0]!.message}
          </p>
        ) : (
          <p className="settings-muted">Variables are filled from the conversation and its order; {'{{ask:Field name}}'} is filled in before sending.</p>
        )}
        <label className="sr-only" htmlFor={`${id}-variable`}>
          Insert a variable
        </label>
        <select id={`${id}-variable`} value="" onChange={(e) => e.target.value && insertVariable(e.target.value)}>
          <option value="">Insert a variable…</option>
          {TEMPLATE_VARIABLES.map((v) => (
            <option key={v.name} value={v.name}>
              {v.label} · {`{{${v.name}}}`}
            </option>
          ))}
          <option value="ask:Field name">A field to fill in · {'{{ask:…}}'}</option>
        </select>
      </div>
      <div className="saved-reply-form__actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={problems.length > 0 || draft.name.trim() === '' || draft.body.trim().length < 3}>
          Save
        </button>
      </div>
    </form>
  );
}

function SignatureField({ preferences, onSaved }: { preferences: Preferences | null; onSaved: (preferences: Preferences, confirmed: boolean) => void }) {
  const client = useClient();
  const id = useId();
  const [value, setValue] = useState(preferences?.signature ?? '');
  const [note, setNote] = useState('');
  useEffect(() => setValue(preferences?.signature ?? ''), [preferences?.signature]);
  if (!preferences) return null;
  return (
    <form
      className="field signature-field"
      onSubmit={(event) => {
        event.preventDefault();
        client.call('setPreferences', { signature: value }).then(
          (saved) => {
            onSaved(saved, true);
            setNote('Signature saved');
          },
          (e: unknown) => setNote(errorText(e)),
        );
      }}
    >
      <label htmlFor={`${id}-signature`}>Your signature ({'{{signature}}'})</label>
      <div className="signature-field__row">
        <input id={`${id}-signature`} value={value} maxLength={500} placeholder="e.g. Tom, customer service" onChange={(e) => setValue(e.target.value)} />
        <button type="submit" className="button button--small" disabled={value === preferences.signature}>
          Save
        </button>
      </div>
      <span className="settings-muted" aria-live="polite">
        {note}
      </span>
    </form>
  );
}
