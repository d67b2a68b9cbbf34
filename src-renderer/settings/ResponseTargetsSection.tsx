// Each connection's response target: a marketplace's published rule (preset), or hours,
// warning, scoring window and business hours entered by hand.
import { useEffect, useId, useMemo, useState } from 'react';
import type { Connection, ResponseTargetEntry } from '../../src-shared/contract';
import { DEFAULT_RESPONSE_TARGET, RESPONSE_TARGET_PRESETS, WEEKDAYS, type ResponseTarget } from '../../src-shared/response-target';
import { errorText } from '../common/error-text';
import { useToast } from '../common/toasts';
import { useClient } from '../app/client-context';
import { ruleText } from '../cockpit/format';

const DAY_LABELS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const CUSTOM = 'custom';

function zones(): string[] {
  const supported = (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
  return supported ? supported('timeZone') : [Intl.DateTimeFormat().resolvedOptions().timeZone];
}

export function ResponseTargetsSection({ connections }: { connections: readonly Connection[] }) {
  const client = useClient();
  const [targets, setTargets] = useState<ReadonlyMap<number, ResponseTarget>>(new Map());
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    client.call('listResponseTargets', {}).then(
      (answer) => setTargets(new Map(answer.items.map((i) => [i.accountId, i.target]))),
      (e: unknown) => setError(errorText(e)),
    );
  }, [client, connections]);
  if (connections.length === 0) return null;
  return (
    <section className="settings-section" aria-labelledby="settings-targets">
      <h3 id="settings-targets">Response targets</h3>
      <p className="settings-muted">How fast each marketplace wants customers answered. The response-time cockpit judges every wait against its marketplace’s target.</p>
      {error && <p className="field__error">{error}</p>}
      <ul className="targets">
        {connections.map((c) => (
          <li key={c.id} className="target">
            <TargetForm
              connection={c}
              target={targets.get(c.id) ?? DEFAULT_RESPONSE_TARGET}
              onSaved={(saved) => setTargets((current) => new Map(current).set(saved.accountId, saved.target))}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

function TargetForm({ connection, target, onSaved }: { connection: Connection; target: ResponseTarget; onSaved: (entry: ResponseTargetEntry) => void }) {
  const id = useId();
  const client = useClient();
  const toast = useToast();
  const [draft, setDraft] = useState<ResponseTarget>(target);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const zoneList = useMemo(zones, []);
  useEffect(() => setDraft(target), [target]);
  const preset = draft.preset ?? CUSTOM;
  const changed = JSON.stringify(draft) !== JSON.stringify(target);
  const edit = (change: Partial<ResponseTarget>) => setDraft((d) => ({ ...d, ...change, preset: null }));
  const hours = draft.businessHours;

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const entry = await client.call('setResponseTarget', { id: connection.id, ...draft });
      onSaved(entry);
      toast(`${connection.name}: answer ${ruleText(entry.target)}`);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="target-form"
      aria-labelledby={`${id}-name`}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <div className="target-form__head">
        <strong id={`${id}-name`}>{connection.name}</strong>
        <span className="settings-muted">Answer {ruleText(draft)}, scored over {draft.scoringWindowDays} days</span>
      </div>
      <div className="target-form__row">
        <label className="stacked-field target-form__field">
          <span>Rule</span>
          <select
            value={preset}
            onChange={(e) => {
              const chosen = RESPONSE_TARGET_PRESETS.find((p) => p.id === e.target.value);
              setDraft(chosen ? chosen.target : { ...draft, preset: null });
            }}
          >
            {RESPONSE_TARGET_PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
            <option value={CUSTOM}>Custom</option>
          </select>
        </label>
        <label className="stacked-field target-form__field">
          <span>Answer within (hours)</span>
          <input type="number" min={1} max={720} step={0.5} value={draft.targetSeconds / 3600} onChange={(e) => edit({ targetSeconds: Math.round(Number(e.target.value) * 3600) })} />
        </label>
        <label className="stacked-field target-form__field">
          <span>Warn at (hours, optional)</span>
          <input
            type="number"
            min={1}
            max={720}
            step={0.5}
            value={draft.warningSeconds === null ? '' : draft.warningSeconds / 3600}
            onChange={(e) => edit({ warningSeconds: e.target.value === '' ? null : Math.round(Number(e.target.value) * 3600) })}
          />
        </label>
        <label className="stacked-field target-form__field">
          <span>Scored over (days)</span>
          <input type="number" min={1} max={365} value={draft.scoringWindowDays} onChange={(e) => edit({ scoringWindowDays: Math.round(Number(e.target.value)) })} />
        </label>
      </div>
      <label className="target-form__check">
        <input
          type="checkbox"
          checked={hours !== null}
          onChange={(e) =>
            edit({ businessHours: e.target.checked ? { timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, days: [1, 2, 3, 4, 5], opens: '09:00', closes: '18:00' } : null })
          }
        />
        Count business hours only
      </label>
      {hours && (
        <div className="target-form__row">
          <fieldset className="target-form__days">
            <legend>Open days</legend>
            {WEEKDAYS.map((day) => (
              <label key={day}>
                <input
                  type="checkbox"
                  checked={hours.days.includes(day)}
                  onChange={(e) => edit({ businessHours: { ...hours, days: e.target.checked ? [...hours.days, day].sort() : hours.days.filter((d) => d !== day) } })}
                />
                {DAY_LABELS[day - 1]}
              </label>
            ))}
          </fieldset>
          <label className="stacked-field target-form__field">
            <span>Opens (HH:MM)</span>
            <input type="text" inputMode="numeric" pattern="[0-2][0-9]:[0-5][0-9]" value={hours.opens} onChange={(e) => edit({ businessHours: { ...hours, opens: e.target.value } })} />
          </label>
          <label className="stacked-field target-form__field">
            <span>Closes (24:00 for midnight)</span>
            <input type="text" inputMode="numeric" pattern="[0-2][0-9]:[0-5][0-9]" value={hours.closes} onChange={(e) => edit({ businessHours: { ...hours, closes: e.target.value } })} />
          </label>
          <label className="stacked-field target-form__field">
            <span>Time zone</span>
            <select value={hours.timeZone} onChange={(e) => edit({ businessHours: { ...hours, timeZone: e.target.value } })}>
              {(zoneList.includes(hours.timeZone) ? zoneList : [hours.timeZone, ...zoneList]).map((z) => (
                <option key={z} value={z}>
                  {z}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      <div className="target-form__actions">
        <button type="submit" className="button button--small button--primary" disabled={!changed || saving}>
          {saving ? 'Saving…' : 'Save target'}
        </button>
      </div>
    </form>
  );
}
