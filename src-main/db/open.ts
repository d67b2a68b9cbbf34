// Opens the local store: one better-sqlite3 connection per process, wrapped by Kysely
// for typed queries, migrated to this app's schema before anything else touches it.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql, type MigrationProvider } from 'kysely';
import { withStatementCache } from './statement-cache';
import { migrationProvider, migrations } from './migrations/index';
import type { Database } from './schema';

export interface Store {
  /** Typed queries. Never open a Kysely transaction: writes go through `transaction` below. */
  db: Kysely<Database>;
  /** The raw connection, for prepared statements on hot paths and synchronous transactions. */
  sqlite: BetterSqlite3.Database;
  path: string;
  /**
   * Runs fn inside one synchronous SQLite transaction: it commits when fn returns and rolls
   * back when fn throws. Synchronous on purpose: nothing else can interleave on the single
   * connection while it runs (an async transaction would let other callers' statements in).
   */
  transaction<T>(fn: () => T): T;
  close(): Promise<void>;
}

export class StoreError extends Error {
  constructor(
    message: string,
    readonly code: 'NEWER_SCHEMA' | 'CANNOT_OPEN' | 'MIGRATION_FAILED',
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export interface OpenStoreOptions {
  /** Milliseconds to wait on a lock held by another process before failing. */
  busyTimeoutMs?: number;
  /**
   * better-sqlite3's compiled addon to load instead of the one in node_modules. The Electron
   * app passes its Electron-ABI build here; node_modules keeps the Node build the CLI and tests use.
   */
  nativeBinding?: string;
}

export async function openStore(file: string, options: OpenStoreOptions = {}): Promise<Store> {
  const sqlite = openConnection(file, options.busyTimeoutMs ?? 5000, options.nativeBinding);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  try {
    await refuseNewerSchema(db, file);
    await migrateInTransaction(db, sqlite);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return {
    db,
    sqlite,
    path: file,
    transaction: (fn) => sqlite.transaction(fn).immediate(),
    close: () => db.destroy(),
  };
}

function openConnection(file: string, busyTimeoutMs: number, nativeBinding: string | undefined): BetterSqlite3.Database {
  if (file !== ':memory:') {
    const dir = path.dirname(path.resolve(file));
    try {
      fs.mkdirSync(dir, { recursive: true });
      fs.accessSync(dir, fs.constants.W_OK);
    } catch (error) {
      throw new StoreError(`Cannot write the database folder ${dir}: ${(error as Error).message}`, 'CANNOT_OPEN');
    }
  }
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(file, { timeout: busyTimeoutMs, nativeBinding });
    sqlite.pragma('journal_mode = WAL');
  } catch (error) {
    throw new StoreError(`Cannot open the database ${file}: ${(error as Error).message}`, 'CANNOT_OPEN');
  }
  // NORMAL is durable across application crashes in WAL mode; only an OS crash may lose
  // the last transactions, never corrupt the file.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  // A sync commits a page at a time; checkpointing the WAL every 4 MB (the default) copies
  // the same hot index pages back again and again. 40 MB between checkpoints and a 16 MB page
  // cache keep the storage work within 2x of a single bulk insert (see npm run bench).
  sqlite.pragma('wal_autocheckpoint = 10000');
  sqlite.pragma('cache_size = -16000');
  return sqlite;
}

/** A database written by a newer app has migrations this one does not know: refuse it untouched. */
async function refuseNewerSchema(db: Kysely<Database>, file: string): Promise<void> {
  const table = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'`.execute(db);
  if (table.rows.length === 0) return;
  const applied = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(db);
  const unknown = applied.rows.map((r) => r.name).filter((name) => !(name in migrations));
  if (unknown.length > 0) {
    throw new StoreError(
      `The database ${file} was written by a newer version of Mirakl Customer Service (schema ${unknown.at(-1)}). ` +
        'Update the app to open it; it was left untouched.',
      'NEWER_SCHEMA',
    );
  }
}

/**
 * Runs the pending migrations inside one transaction of our own: Kysely's SQLite adapter
 * does not claim transactional DDL, so its Migrator would run them statement by statement,
 * and a crash halfway would leave a schema no later start could migrate. SQLite does
 * support transactional DDL: a failure or a kill leaves the previous schema intact.
 */
export async function migrateInTransaction(db: Kysely<Database>, sqlite: BetterSqlite3.Database, provider: MigrationProvider = migrationProvider): Promise<void> {
  const migrator = new Migrator({ db, provider });
  sqlite.exec('BEGIN IMMEDIATE');
  let outcome: Awaited<ReturnType<Migrator['migrateToLatest']>>;
  try {
    outcome = await migrator.migrateToLatest();
  } catch (error) {
    outcome = { error };
  }
  if (outcome.error) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    const failed = outcome.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const reason = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
    throw new StoreError(`Database migration ${failed} failed: ${reason}`, 'MIGRATION_FAILED');
  }
  sqlite.exec('COMMIT');
}
