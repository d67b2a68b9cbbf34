// Every migration the app knows, in order. A static list (not a folder scan) so a
// packaged app carries them inside its bundle.
import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-initial';
import * as m0002 from './0002-search-outbox-settings';
import * as m0003 from './0003-sync-write-path';
import * as m0004 from './0004-who-is-who';
import * as m0005 from './0005-what-shops-send';
import * as m0006 from './0006-search-why-and-waiting';
import * as m0008 from './0008-answer-in-seconds';
import * as m0010 from './0010-response-times';

export const migrations: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-search-outbox-settings': m0002,
  '0003-sync-write-path': m0003,
  '0004-who-is-who': m0004,
  '0005-what-shops-send': m0005,
  '0006-search-why-and-waiting': m0006,
  '0008-answer-in-seconds': m0008,
  '0010-response-times': m0010,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
