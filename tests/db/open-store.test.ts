import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Migrator, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openStore, StoreError } from '../../src-main/db/open';
import { migrateToLatest } from '../../src-main/db/migrate';
import { migrations } from '../../src-main/db/migrations/index';
import { NestedStoreUseError } from '../../src-main/db/store-driver';
import { dbPath, tempDir } from '../helpers/temp-dir';
import { all, one, onPostgres, openTestStore, run, sql, testDatabase } from '../helpers/test-store';

const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const tableNames = async (db: Kysely<any>) => (await db.introspection.getTables()).map((t) => t.name);
const insertAccount = sql`INSERT INTO accounts (name, base_url, created_at, updated_at) VALUES ('A', 'https://a.mirakl.net', 1, 1)`;

describe('the store', () => {
  const dir = tempDir();

  it('opens migrated to the latest schema', async () => {
    const store = await openTestStore(dir);
    const applied = await all<{ name: string }>(store, sql`SELECT name FROM kysely_migration ORDER BY name`);
    expect(applied.map((r) => r.name)).toEqual(Object.keys(migrations).sort());
    const tables = await tableNames(store.db);
    for (const t of ['accounts', 'customers', 'conversations', 'messages', 'attachments', 'orders', 'sync_state', 'outbox', 'settings']) expect(tables).toContain(t);
    expect(store.dialect).toBe(onPostgres ? 'postgres' : 'sqlite');
    await store.close();
  });

  it('reopens an existing database without re-running migrations', async () => {
    const target = await testDatabase(dir);
    const first = await openStore(target);
    await run(first, insertAccount);
    await first.close();
    const second = await openStore(target);
    expect(await one(second, sql`SELECT count(*) AS n FROM accounts`)).toEqual({ n: 1 });
    await second.close();
  });

  it('refuses a database from a newer version of the app, and leaves it untouched', async () => {
    const target = await testDatabase(dir);
    const store = await openStore(target);
    await run(store, sql`INSERT INTO kysely_migration (name, timestamp) VALUES ('9999-from-the-future', '2030-01-01')`);
    if (!onPostgres) await run(store, sql`PRAGMA wal_checkpoint(TRUNCATE)`);
    await store.close();
    const before = onPostgres ? null : sha(target);
    const error = await openStore(target).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('NEWER_SCHEMA');
    expect((error as Error).message).toMatch(/newer version of Mirakl Customer Service.*left untouched/);
    if (before !== null) expect(sha(target)).toBe(before);
  });

  it('rolls a failed transaction back whole', async () => {
    const store = await openTestStore(dir);
    await expect(
      store.transaction(async (trx) => {
        await run(trx, insertAccount);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await one(store, sql`SELECT count(*) AS n FROM accounts`)).toEqual({ n: 0 });
    await store.close();
  });

  it('refuses store.db and store.transaction inside a transaction instead of waiting for itself', async () => {
    const store = await openTestStore(dir);
    await expect(store.transaction(async () => store.db.selectFrom('accounts').selectAll().execute())).rejects.toThrow(NestedStoreUseError);
    await expect(store.transaction(async () => store.transaction(async () => 1))).rejects.toThrow(NestedStoreUseError);
    // Work a transaction started and that outlives it may use the store again.
    let later: Promise<unknown> = Promise.resolve();
    await store.transaction(async (trx) => {
      await run(trx, insertAccount);
      later = new Promise((resolve) => setTimeout(resolve, 10)).then(() => one(store, sql`SELECT count(*) AS n FROM accounts`));
    });
    expect(await later).toEqual({ n: 1 });
    await store.close();
  });

  it('runs a transaction alone: other queries of the process wait for its commit', async () => {
    const store = await openTestStore(dir);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const writing = store.transaction(async (trx) => {
      await run(trx, insertAccount);
      await held;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const reading = one(store, sql`SELECT count(*) AS n FROM accounts`);
    // PostgreSQL: another connection answers at once, without the uncommitted row (READ COMMITTED).
    if (onPostgres) expect(await reading).toEqual({ n: 0 });
    release();
    await writing;
    // SQLite: the read waited behind the transaction on the one connection, and saw its commit.
    if (!onPostgres) expect(await reading).toEqual({ n: 1 });
    await store.close();
  });
});

describe.skipIf(onPostgres)('the SQLite file (SQLite only: pragmas, files and folders)', () => {
  const dir = tempDir();

  it('opens in WAL mode with foreign keys and a busy timeout', async () => {
    const store = await openStore(dbPath(dir), { busyTimeoutMs: 1234 });
    expect(await one(store, sql`PRAGMA journal_mode`)).toEqual({ journal_mode: 'wal' });
    expect(await one(store, sql`PRAGMA foreign_keys`)).toEqual({ foreign_keys: 1 });
    expect(await one(store, sql`PRAGMA busy_timeout`)).toEqual({ timeout: 1234 });
    await store.close();
  });

  it('names an unwritable location clearly', async () => {
    const blocker = path.join(dir, 'not-a-dir');
    fs.writeFileSync(blocker, 'x');
    const error = await openStore(path.join(blocker, 'inbox.db')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toMatch(/Cannot write the database folder/);
  });

  it('refuses a file that is not a database', async () => {
    const file = path.join(dir, 'garbage.db');
    fs.writeFileSync(file, 'this is not sqlite at all, just text that is long enough to have a header....');
    const error = await openStore(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toMatch(/not a database/);
  });
});

describe.skipIf(!onPostgres)('the PostgreSQL database (PostgreSQL only: servers and URLs)', () => {
  const dir = tempDir();

  it('names an unreachable server without showing the password', async () => {
    const error = await openStore('postgres://someone:s3cret-pass@127.0.0.1:1/inbox').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toMatch(/Cannot open the PostgreSQL database "inbox" on 127\.0\.0\.1:1 as someone: nothing listens there/);
    expect((error as Error).message).not.toContain('s3cret-pass');
  });

  it('names a missing database', async () => {
    const url = new URL(await testDatabase(dir));
    url.pathname = '/no_such_database';
    const error = await openStore(url.toString()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toMatch(/"no_such_database".*no such database/);
  });

  it('migrates an empty database, and two processes starting at once migrate it once', async () => {
    const url = new URL(await testDatabase(dir));
    const empty = `e_${crypto.randomBytes(4).toString('hex')}`;
    const admin = await openStore(url.toString());
    await run(admin, sql`CREATE DATABASE ${sql.id(empty)}`);
    await admin.close();
    url.pathname = `/${empty}`;
    const [a, b] = await Promise.all([openStore(url.toString()), openStore(url.toString())]);
    expect(await all(a, sql`SELECT name FROM kysely_migration`)).toHaveLength(Object.keys(migrations).length);
    await a.close();
    await b.close();
    const cleanup = await openStore(await testDatabase(dir));
    await run(cleanup, sql`DROP DATABASE ${sql.id(empty)} WITH (FORCE)`);
    await cleanup.close();
  });

  it('returns times and counts as numbers', async () => {
    const store = await openTestStore(dir);
    await run(store, sql`INSERT INTO accounts (name, base_url, created_at, updated_at) VALUES ('A', 'u', ${1_800_000_000_000}, 1)`);
    expect(await one(store, sql`SELECT created_at, (SELECT count(*) FROM accounts) AS n FROM accounts`)).toEqual({ created_at: 1_800_000_000_000, n: 1 });
    await store.close();
  });
});

describe('migrations', () => {
  const dir = tempDir();

  it('run in one transaction: a migration failing halfway leaves the previous schema, and the next start succeeds', async () => {
    const target = await testDatabase(dir);
    const store = await openStore(target);
    const broken = {
      getMigrations: async () => ({
        ...migrations,
        '9000-broken': {
          up: async (db: Kysely<any>) => {
            await db.schema.createTable('half_done').addColumn('id', 'integer').execute();
            throw new Error('disk full');
          },
        },
      }),
    };
    await expect(migrateToLatest(store.db, broken)).rejects.toThrow(/9000-broken failed: disk full/);
    expect(await tableNames(store.db)).not.toContain('half_done');
    const applied = await new Migrator({ db: store.db, provider: { getMigrations: async () => migrations } }).getMigrations();
    expect(applied.every((m) => m.executedAt !== undefined)).toBe(true);
    await store.close();
    await (await openStore(target)).close();
  });
});
