// The SQLite side of the store: one better-sqlite3 connection per process, tuned for an
// inbox that a sync writes page after page. Kysely's SQLite driver queues every query on
// that one connection and holds it for a whole transaction, so nothing interleaves.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { SqliteAdapter, SqliteDialect, type Dialect as KyselyDialect } from 'kysely';
import { StoreError } from './store-error';
import { withStatementCache } from './statement-cache';

export interface SqliteOptions {
  /** Milliseconds to wait on a lock held by another process before failing. */
  busyTimeoutMs?: number;
  /**
   * better-sqlite3's compiled addon to load instead of the one in node_modules. The Electron
   * app passes its Electron-ABI build here; node_modules keeps the Node build the CLI and tests use.
   */
  nativeBinding?: string;
}

/** SQLite runs DDL inside transactions: the Migrator may apply every pending migration in one. */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class StoreSqliteDialect extends SqliteDialect {
  override createAdapter(): SqliteAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

export function openSqlite(file: string, options: SqliteOptions): KyselyDialect {
  const sqlite = openConnection(file, options.busyTimeoutMs ?? 5000, options.nativeBinding);
  return new StoreSqliteDialect({ database: withStatementCache(sqlite) });
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
