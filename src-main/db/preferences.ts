// App preferences in the settings table: one JSON value per key. A value that no longer
// validates (written by another version, edited by hand) reads as the default rather
// than breaking the app.
import { preferencesSchema, type Preferences } from '../../src-shared/contract';
import type { Store } from './open';

type PreferenceKey = keyof Preferences;
const KEYS = Object.keys(preferencesSchema.shape) as PreferenceKey[];

/** Stored values over the defaults. `stored` tells which keys were actually set. */
export function readPreferences(store: Store, defaults: Preferences): { preferences: Preferences; stored: Set<PreferenceKey> } {
  const rows = store.sqlite
    .prepare('SELECT key, value FROM settings WHERE key IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(KEYS)) as Array<{ key: string; value: string }>;
  const preferences: Preferences = { ...defaults, httpApi: { ...defaults.httpApi } };
  const stored = new Set<PreferenceKey>();
  for (const row of rows) {
    const key = row.key as PreferenceKey;
    const parsed = preferencesSchema.shape[key].safeParse(parseJson(row.value));
    if (!parsed.success) continue;
    stored.add(key);
    (preferences as Record<PreferenceKey, unknown>)[key] = parsed.data;
  }
  return { preferences, stored };
}

/** Writes the given preferences (already validated), in one transaction. */
export function writePreferences(store: Store, values: Partial<Preferences>, now: number): void {
  const upsert = store.sqlite.prepare(
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
  store.transaction(() => {
    for (const key of KEYS) {
      if (values[key] !== undefined) upsert.run(key, JSON.stringify(values[key]), now);
    }
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
