// App preferences in the settings table: one JSON value per key. A value that no longer
// validates (written by another version, edited by hand) reads as the default rather
// than breaking the app.
import { preferencesSchema, type Preferences } from '../../src-shared/contract';
import type { Kysely } from 'kysely';
import type { Database } from './schema';

type PreferenceKey = keyof Preferences;
const KEYS = Object.keys(preferencesSchema.shape) as PreferenceKey[];

/** Stored values over the defaults. `stored` tells which keys were actually set. */
export async function readPreferences(db: Kysely<Database>, defaults: Preferences): Promise<{ preferences: Preferences; stored: Set<PreferenceKey> }> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'in', KEYS).execute();
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

/** Writes the given preferences (already validated), in one statement. */
export async function writePreferences(db: Kysely<Database>, values: Partial<Preferences>, now: number): Promise<void> {
  const rows = KEYS.filter((key) => values[key] !== undefined).map((key) => ({ key, value: JSON.stringify(values[key]), updated_at: now }));
  if (rows.length === 0) return;
  await db
    .insertInto('settings')
    .values(rows)
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: (eb) => eb.ref('excluded.value'), updated_at: (eb) => eb.ref('excluded.updated_at') }))
    .execute();
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
