// The two SQL dialects the store runs on, and the few spellings that differ between them.
// Repositories write portable SQL (Kysely's builder, `sql` templates); where a dialect needs
// its own, the two versions sit side by side in the repository's module, chosen with dialectOf.
import { PostgresAdapter, sql, type Expression, type Kysely, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

/** The dialect a Kysely instance (the store's db, or a transaction on it) speaks. */
export function dialectOf(db: Kysely<any>): Dialect {
  // Kysely's own Migrator reads the adapter the same way.
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** The larger of two values: SQLite's scalar max(), PostgreSQL's greatest(). */
export function greatest<T>(db: Kysely<any>, a: Expression<T> | T, b: Expression<T> | T): RawBuilder<T> {
  return dialectOf(db) === 'postgres' ? sql<T>`greatest(${a}, ${b})` : sql<T>`max(${a}, ${b})`;
}

/**
 * `column IN (the values)` with one bound parameter, whatever the number of values: the SQL
 * text stays the same (one prepared statement) and no parameter limit is reached.
 * SQLite reads a JSON array with json_each; PostgreSQL takes an array.
 */
export function inValues(db: Kysely<any>, column: string, values: readonly (string | number)[]): RawBuilder<SqlBool> {
  return dialectOf(db) === 'postgres'
    ? sql<SqlBool>`${sql.ref(column)} = ANY(${[...values]})`
    : sql<SqlBool>`${sql.ref(column)} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;
}

/**
 * The query's rows locked until the transaction ends (FOR UPDATE, of the given table only) on
 * PostgreSQL, where other processes may write them meanwhile; SQLite's transaction already
 * holds the database's one write lock.
 */
export function forUpdate<DB, TB extends keyof DB, O>(db: Kysely<any>, query: SelectQueryBuilder<DB, TB, O>, of?: TB & string): SelectQueryBuilder<DB, TB, O> {
  if (dialectOf(db) !== 'postgres') return query;
  return of === undefined ? query.forUpdate() : query.forUpdate(of as never);
}
