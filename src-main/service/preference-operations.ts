// App preferences: read over defaults, changed field by field, applied at once (the sync
// interval reaches the running schedulers; the demo appears or goes).
import { preferencesSchema, type Preferences, type ServiceApi } from '../../src-shared/contract';
import { DEFAULT_PORT } from '../config';
import type { Store } from '../db/open';
import { readPreferences, writePreferences } from '../db/preferences';

export const MIN_SYNC_INTERVAL_SECONDS = 10;
const MAX_SYNC_INTERVAL_SECONDS = 86_400;

export interface PreferenceDeps {
  store: Store;
  /** The interval given to the service (CLI --interval, app default): used until the user sets one. */
  syncIntervalMs: number;
  defaults?: Partial<Preferences>;
  now(): number;
  /** Applies a change: the new preferences and which fields changed. */
  apply(preferences: Preferences, changed: ReadonlySet<keyof Preferences>): Promise<void>;
}

export class PreferencesController {
  constructor(private readonly deps: PreferenceDeps) {}

  get defaults(): Preferences {
    const seconds = Math.round(this.deps.syncIntervalMs / 1000);
    return {
      syncIntervalSeconds: Math.min(MAX_SYNC_INTERVAL_SECONDS, Math.max(MIN_SYNC_INTERVAL_SECONDS, seconds)),
      httpApi: { enabled: false, port: DEFAULT_PORT },
      demoEnabled: true,
      signature: '',
      ...this.deps.defaults,
    };
  }

  async current(): Promise<Preferences> {
    return (await readPreferences(this.deps.store.db, this.defaults)).preferences;
  }

  /** The stored interval once the user chose one; before that, the one the service was given (even below the UI's minimum). */
  async syncIntervalMs(): Promise<number> {
    const { preferences, stored } = await readPreferences(this.deps.store.db, this.defaults);
    return stored.has('syncIntervalSeconds') ? preferences.syncIntervalSeconds * 1000 : this.deps.syncIntervalMs;
  }

  operations(): Pick<ServiceApi, 'getPreferences' | 'setPreferences'> {
    return {
      getPreferences: async () => this.current(),
      setPreferences: async (input) => {
        const before = await this.current();
        const next = preferencesSchema.parse({
          syncIntervalSeconds: input.syncIntervalSeconds ?? before.syncIntervalSeconds,
          httpApi: { ...before.httpApi, ...input.httpApi },
          demoEnabled: input.demoEnabled ?? before.demoEnabled,
          signature: input.signature ?? before.signature,
        });
        const given: Partial<Preferences> = {
          ...(input.syncIntervalSeconds !== undefined ? { syncIntervalSeconds: next.syncIntervalSeconds } : {}),
          ...(input.httpApi !== undefined ? { httpApi: next.httpApi } : {}),
          ...(input.demoEnabled !== undefined ? { demoEnabled: next.demoEnabled } : {}),
          ...(input.signature !== undefined ? { signature: next.signature } : {}),
        };
        await writePreferences(this.deps.store.db, given, this.deps.now());
        const changed = new Set<keyof Preferences>();
        if (next.syncIntervalSeconds !== before.syncIntervalSeconds || input.syncIntervalSeconds !== undefined) changed.add('syncIntervalSeconds');
        if (JSON.stringify(next.httpApi) !== JSON.stringify(before.httpApi)) changed.add('httpApi');
        if (next.demoEnabled !== before.demoEnabled) changed.add('demoEnabled');
        if (next.signature !== before.signature) changed.add('signature');
        await this.deps.apply(next, changed);
        return next;
      },
    };
  }
}
