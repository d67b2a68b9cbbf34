// Opens the store: a SQLite file (one technician, offline; the default) or a PostgreSQL
// database (a team's server), behind one asynchronous interface, migrated to this app's
// schema before anything else touches it.
import { Kysely, type Transaction } from 'kysely';
import type { Dialect } from './dialect';
import { migrateToLatest, refuseNewerSchema } from './migrate';
import { connectionError, isPostgresUrl, openPostgres, redactedUrl, type PostgresOptions } from './open-postgres';
import { openSqlite, type SqliteOptions } from './open-sqlite';
import type { Database } from './schema';
import { inTransactionScope, storeDialect } from './store-driver';
import { StoreError } from './store-error';

export { StoreError } from './store-error';
export type { Dialect } from './dialect';

export interface Store {
  readonly dialect: Dialect;
  /** Typed queries outside a transaction (on SQLite each waits its turn on the one connection). */
  readonly db: Kysely<Database>;
  /** Where it lives, for process-wide guards and messages: the file path, or the URL without its password. */
  readonly location: string;
  /** True once close() was called: background work stops quietly instead of reporting failures. */
  readonly closed: boolean;
  /**
   * Runs fn in one transaction: it commits when fn resolves and rolls back when fn rejects.
   * SQLite: BEGIN IMMEDIATE on the one connection, held for the whole transaction, so no
   * other statement of this process interleaves. PostgreSQL: a pooled connection, READ
   * COMMITTED; correctness under concurrency comes from unique constraints with ON CONFLICT,
   * and row locks (FOR UPDATE) where a decision is made on what was read.
   * Every query of fn runs on `trx`: using store.db or store.transaction inside fn is refused
   * (NestedStoreUseError), since it would wait for the transaction itself.
   */
  transaction<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A SQLite file path, or a PostgreSQL URL (postgres:// or postgresql://). */
export type StoreTarget = string;

export type OpenStoreOptions = SqliteOptions & PostgresOptions;

export { isPostgresUrl, redactedUrl };

export async function openStore(target: StoreTarget, options: OpenStoreOptions = {}): Promise<Store> {
  const owner = {};
  const postgres = isPostgresUrl(target);
  const location = postgres ? redactedUrl(target) : target;
  const db = new Kysely<Database>({
    dialect: postgres ? storeDialect(openPostgres(target, options), owner) : storeDialect(openSqlite(target, options), owner, { begin: 'BEGIN IMMEDIATE' }),
  });
  try {
    await refuseNewerSchema(db, location);
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    if (error instanceof StoreError || !postgres) throw error;
    throw connectionError(target, error);
  }
  let closed = false;
  return {
    dialect: postgres ? 'postgres' : 'sqlite',
    db,
    location,
    get closed() {
      return closed;
    },
    transaction: (fn) => db.transaction().execute((trx) => inTransactionScope(owner, () => fn(trx))),
    close: async () => {
      closed = true;
      await db.destroy();
    },
  };
}
