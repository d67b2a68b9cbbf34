// Kysely's SQLite driver prepares every query anew, and compiling the SQL costs about as
// much as running a cheap indexed query (a page of the inbox). The driver gets this view of
// the connection instead: the same connection, with prepared statements reused by SQL text.
import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Distinct query texts kept; the app has a few dozen, search adds one per number of words. */
const DEFAULT_CAPACITY = 256;

export function withStatementCache(sqlite: BetterSqlite3.Database, capacity = DEFAULT_CAPACITY): SqliteDatabase {
  // A Map iterates in insertion order: re-inserting on use makes the first key the least recently used.
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SqliteStatement {
      const cached = cache.get(sql);
      // A statement still stepping (an iterate() not finished) cannot be run again: prepare another.
      if (cached && !cached.busy) {
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = sqlite.prepare(sql);
      if (!cached) {
        cache.set(sql, statement);
        if (cache.size > capacity) cache.delete(cache.keys().next().value!);
      }
      return statement;
    },
  };
}
