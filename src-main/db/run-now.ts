// Queries built with Kysely, run at once on the store's connection. Writes inside
// Store.transaction must not await (the transaction is synchronous), so Kysely's async
// execute() cannot run them; compiling the query keeps it typed and dialect-neutral.
import type BetterSqlite3 from 'better-sqlite3';
import type { Compilable } from 'kysely';
import type { Store } from './open';

export function runNow(store: Store, query: Compilable): BetterSqlite3.RunResult {
  const { sql, parameters } = query.compile();
  return store.sqlite.prepare(sql).run(...parameters);
}

export function selectNow<R>(store: Store, query: Compilable<R>): R[] {
  const { sql, parameters } = query.compile();
  return store.sqlite.prepare(sql).all(...parameters) as R[];
}
