// The driver under the store's Kysely instance: the dialect's own driver, plus two things
// every store needs whatever the dialect.
// - How a transaction begins: SQLite's BEGIN IMMEDIATE takes the write lock at once, so a
//   transaction never fails halfway on a lock another process took after its first read.
// - A clear error instead of a deadlock: a query on store.db (or a nested store.transaction)
//   from inside store.transaction's fn would wait for the connection the transaction holds
//   (SQLite has one) or for row locks it holds (PostgreSQL). The transaction's fn runs in an
//   async scope; asking the driver for a connection from inside that scope is refused.
import { AsyncLocalStorage } from 'node:async_hooks';
import { CompiledQuery, type DatabaseConnection, type Dialect as KyselyDialect, type Driver, type Kysely, type TransactionSettings } from 'kysely';

interface TransactionScope {
  owner: object;
  /** False once the transaction ended: work it started and that outlives it may use the store again. */
  active: boolean;
}

const scopes = new AsyncLocalStorage<TransactionScope>();

export class NestedStoreUseError extends Error {
  constructor() {
    super('store.db or store.transaction used inside store.transaction: run every query of the transaction on its trx argument');
    this.name = 'NestedStoreUseError';
  }
}

/** Runs fn as the body of one of owner's transactions (see the module comment). */
export async function inTransactionScope<T>(owner: object, fn: () => Promise<T>): Promise<T> {
  const scope: TransactionScope = { owner, active: true };
  try {
    return await scopes.run(scope, fn);
  } finally {
    scope.active = false;
  }
}

export interface StoreDriverOptions {
  /** Statement that opens a transaction (default: the dialect's own). */
  begin?: string;
}

/** Wraps a Kysely dialect so its driver refuses nested use of `owner` and begins transactions as asked. */
export function storeDialect(inner: KyselyDialect, owner: object, options: StoreDriverOptions = {}): KyselyDialect {
  return {
    createAdapter: () => inner.createAdapter(),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createIntrospector: (db: Kysely<any>) => inner.createIntrospector(db),
    createDriver: () => new StoreDriver(inner.createDriver(), owner, options),
  };
}

class StoreDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly owner: object,
    private readonly options: StoreDriverOptions,
  ) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  acquireConnection(): Promise<DatabaseConnection> {
    const scope = scopes.getStore();
    if (scope?.active && scope.owner === this.owner) return Promise.reject(new NestedStoreUseError());
    return this.inner.acquireConnection();
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    if (this.options.begin) await connection.executeQuery(CompiledQuery.raw(this.options.begin));
    else await this.inner.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(connection);
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}
