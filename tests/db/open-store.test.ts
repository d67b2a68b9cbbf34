import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore, StoreError } from '../../src-main/db/open';
import { migrations } from '../../src-main/db/migrations/index';
import { dbPath, tempDir } from '../helpers/temp-dir';

const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('the local store', () => {
  const dir = tempDir();

  it('opens in WAL mode with foreign keys and a busy timeout, migrated to the latest schema', async () => {
    const store = await openStore(dbPath(dir), { busyTimeoutMs: 1234 });
    expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.sqlite.pragma('busy_timeout', { simple: true })).toBe(1234);
    const applied = store.sqlite.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as Array<{ name: string }>;
    expect(applied.map((r) => r.name)).toEqual(Object.keys(migrations).sort());
    const tables = (store.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((r) => r.name);
    for (const t of ['accounts', 'customers', 'conversations', 'messages', 'attachments', 'orders', 'sync_state']) expect(tables).toContain(t);
    await store.close();
  });

  it('reopens an existing database without re-running migrations', async () => {
    const file = dbPath(dir);
    const first = await openStore(file);
    first.sqlite.prepare("INSERT INTO accounts (name, base_url, created_at, updated_at) VALUES ('A', 'https://a.mirakl.net', 1, 1)").run();
    await first.close();
    const second = await openStore(file);
    expect(second.sqlite.prepare('SELECT count(*) AS n FROM accounts').get()).toEqual({ n: 1 });
    await second.close();
  });

  it('refuses a database from a newer version of the app, and leaves it untouched', async () => {
    const file = dbPath(dir);
    const store = await openStore(file);
    store.sqlite.prepare("INSERT INTO kysely_migration (name, timestamp) VALUES ('9999-from-the-future', '2030-01-01')").run();
    store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    await store.close();
    const before = sha(file);
    const error = await openStore(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('NEWER_SCHEMA');
    expect((error as Error).message).toMatch(/newer version of Mirakl Customer Service.*left untouched/);
    expect(sha(file)).toBe(before);
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

  it('rolls a failed synchronous transaction back whole', async () => {
    const store = await openStore(dbPath(dir));
    expect(() =>
      store.transaction(() => {
        store.sqlite.prepare("INSERT INTO accounts (name, base_url, created_at, updated_at) VALUES ('A', 'u', 1, 1)").run();
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(store.sqlite.prepare('SELECT count(*) AS n FROM accounts').get()).toEqual({ n: 0 });
    await store.close();
  });
});

describe('migrations', () => {
  const dir = tempDir();

  it('run in one transaction: a migration failing halfway leaves the previous schema, and the next start succeeds', async () => {
    const file = dbPath(dir);
    const store = await openStore(file);
    const { Migrator } = await import('kysely');
    const { migrateInTransaction } = await import('../../src-main/db/open');
    const broken = {
      getMigrations: async () => ({
        ...migrations,
        '9000-broken': {
          up: async (db: import('kysely').Kysely<any>) => {
            await db.schema.createTable('half_done').addColumn('id', 'integer').execute();
            throw new Error('disk full');
          },
        },
      }),
    };
    await expect(migrateInTransaction(store.db, store.sqlite, broken)).rejects.toThrow(/9000-broken failed: disk full/);
    const tables = (store.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((r) => r.name);
    expect(tables).not.toContain('half_done');
    const applied = await new Migrator({ db: store.db, provider: { getMigrations: async () => migrations } }).getMigrations();
    expect(applied.every((m) => m.executedAt !== undefined)).toBe(true);
    await store.close();
    await (await openStore(file)).close();
  });
});
