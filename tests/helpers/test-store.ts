// The store under test: a SQLite file (the `node` vitest project), or a database of the
// throwaway PostgreSQL cluster (the `postgres` project sets CS_TEST_BACKEND=postgres and
// starts the cluster once, see tests/helpers/pg-setup.ts). Every database a test asks for
// is new and empty but migrated, and gone after the test file.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CompiledQuery, sql, type Compilable, type Kysely, type RawBuilder } from 'kysely';
import pg from 'pg';
import { inject } from 'vitest';
import { openStore, type OpenStoreOptions, type Store } from '../../src-main/db/open';
import { dbPath, onCleanup } from './temp-dir';

export type TestBackend = 'sqlite' | 'postgres';
export const testBackend: TestBackend = process.env.CS_TEST_BACKEND === 'postgres' ? 'postgres' : 'sqlite';
export const onPostgres = testBackend === 'postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test cluster, connected to its maintenance database as its superuser. */
    pgAdminUrl: string;
    /** The migrated database every test database is copied from. */
    pgTemplate: string;
  }
}

/** One short-lived admin connection per statement: nothing stays open between test files. */
async function asAdmin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A new database for a test: a file path in dir (SQLite) or a PostgreSQL URL, dropped with dir. */
export async function testDatabase(dir: string): Promise<string> {
  if (!onPostgres) return dbPath(dir);
  const name = `t_${crypto.randomBytes(6).toString('hex')}`;
  await asAdmin(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
  onCleanup(dir, () => asAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  const url = new URL(inject('pgAdminUrl'));
  url.pathname = `/${name}`;
  return url.toString();
}

/** A new store of the backend under test. */
export async function openTestStore(dir: string, options: OpenStoreOptions = {}): Promise<Store> {
  return openStore(await testDatabase(dir), options);
}

/** The rows of a query (`sql` templates are written once for both dialects). */
export async function all<T>(db: Kysely<any> | Store, query: RawBuilder<T>): Promise<T[]> {
  return (await query.execute('db' in db ? db.db : db)).rows;
}

/** The first row of a query, or undefined. */
export async function one<T>(db: Kysely<any> | Store, query: RawBuilder<T>): Promise<T | undefined> {
  return (await all(db, query))[0];
}

/** Runs a statement. */
export async function run(db: Kysely<any> | Store, query: RawBuilder<unknown>): Promise<void> {
  await query.execute('db' in db ? db.db : db);
}

function isRawBuilder(query: Compilable<unknown> | RawBuilder<unknown>): query is RawBuilder<unknown> {
  return (query as { isRawBuilder?: boolean }).isRawBuilder === true;
}

/** The query's plan, one line per step: SQLite's EXPLAIN QUERY PLAN details, or PostgreSQL's EXPLAIN. */
export async function explain(on: Store | Kysely<any>, query: Compilable<unknown> | RawBuilder<unknown>): Promise<string> {
  const db = 'db' in on ? on.db : on;
  const compiled = isRawBuilder(query) ? query.compile(db) : query.compile();
  const explained = CompiledQuery.raw(`${onPostgres ? 'EXPLAIN' : 'EXPLAIN QUERY PLAN'} ${compiled.sql}`, [...compiled.parameters]);
  const { rows } = await db.executeQuery<Record<string, string>>(explained);
  return rows.map((r) => r.detail ?? r['QUERY PLAN']).join('\n');
}

export { sql };

/**
 * A new test database as the CLI takes it: `--db <dataDir>/inbox.db` on SQLite (the data
 * folder is the file's), `--database URL --data-dir <dataDir>` on PostgreSQL.
 */
export async function cliDatabase(dir: string, dataDir: string): Promise<{ target: string; flags: string[] }> {
  fs.mkdirSync(dataDir, { recursive: true });
  if (!onPostgres) {
    const target = path.join(dataDir, `inbox-${crypto.randomBytes(3).toString('hex')}.db`);
    return { target, flags: ['--db', target] };
  }
  const target = await testDatabase(dir);
  return { target, flags: ['--database', target, '--data-dir', dataDir] };
}
