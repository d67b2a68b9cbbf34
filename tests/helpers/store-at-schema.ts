// A database file at an older schema, with data in it, for migration tests: the given
// migrations applied as Kysely's Migrator would, then the seed SQL.
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type Migration } from 'kysely';

export async function buildStoreAt(file: string, migrations: Record<string, Migration>, seedSql: string): Promise<void> {
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateToLatest();
    if (error) throw error;
    sqlite.exec(seedSql);
  } finally {
    await db.destroy();
  }
}
