// The PostgreSQL side of the store: a pool of connections (node-postgres) under Kysely's
// Postgres dialect. Times and counts are int8 there; they come back as JavaScript numbers,
// as on SQLite (epoch milliseconds and row counts are far below 2^53).
import pg from 'pg';
import { PostgresDialect, type Dialect as KyselyDialect } from 'kysely';
import { StoreError } from './store-error';

export interface PostgresOptions {
  /** Connections kept at most (default 10). */
  poolSize?: number;
  /** Called when a connection breaks (the server restarted, the network dropped). */
  onConnectionError?: (error: Error) => void;
}

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/** The URL as it may be shown and logged: without its password. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '';
    return parsed.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}

const INT8 = 20;
const parseInt8 = (value: string) => Number(value);

export function openPostgres(url: string, options: PostgresOptions): KyselyDialect {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new StoreError(`The database URL is not a URL (expected postgres://user@host:5432/database)`, 'CANNOT_OPEN');
  }
  if (parsed.pathname.replace(/^\//, '') === '') {
    throw new StoreError(`The database URL ${redactedUrl(url)} names no database (expected postgres://user@host:5432/database)`, 'CANNOT_OPEN');
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    application_name: 'mirakl-customer-service',
    connectionTimeoutMillis: 10_000,
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === INT8 ? parseInt8 : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser },
  });
  // A connection that breaks must not take the process down: idle, the pool drops it and the
  // next query connects again; held (between two statements of a transaction), the next
  // statement fails and the transaction rolls back.
  const onError = (error: Error) => options.onConnectionError?.(error);
  pool.on('error', onError);
  pool.on('connect', (client) => client.on('error', onError));
  return new PostgresDialect({ pool });
}

/** A failure to reach or use the server at open, in words that name where (never the password). */
export function connectionError(url: string, error: unknown): StoreError {
  const where = describeTarget(url);
  const reason = postgresReason(error);
  return new StoreError(`Cannot open the PostgreSQL database ${where}: ${reason}`, 'CANNOT_OPEN');
}

function describeTarget(url: string): string {
  try {
    const parsed = new URL(url);
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
    const user = parsed.username ? ` as ${decodeURIComponent(parsed.username)}` : '';
    return `"${database}" on ${parsed.hostname || 'localhost'}:${parsed.port || '5432'}${user}`;
  } catch {
    return redactedUrl(url);
  }
}

function postgresReason(error: unknown): string {
  const e = error as NodeJS.ErrnoException & { code?: string };
  if (e?.code === 'ECONNREFUSED') return 'nothing listens there (is PostgreSQL running, and on that port?)';
  if (e?.code === 'ENOTFOUND' || e?.code === 'EAI_AGAIN') return 'the host name does not resolve';
  if (e?.code === '3D000') return 'no such database (create it first: createdb, or CREATE DATABASE)';
  if (e?.code === '28P01' || e?.code === '28000') return `the server refused the credentials (${e.message})`;
  return e instanceof Error ? e.message : String(error);
}
