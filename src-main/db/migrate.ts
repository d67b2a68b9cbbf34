// Brings a database to this app's schema, on either dialect. Every pending migration runs
// in one transaction: a failure or a kill halfway leaves the previous schema intact, so a
// later start can still migrate. On PostgreSQL, Kysely's Migrator takes an advisory lock
// first, so several instances starting at once migrate one after the other.
import { Migrator, sql, type Kysely, type MigrationProvider } from 'kysely';
import { dialectOf } from './dialect';
import { migrationProvider, migrations } from './migrations/index';
import type { Database } from './schema';
import { StoreError } from './store-error';

/** A database written by a newer app has migrations this one does not know: refuse it untouched. */
export async function refuseNewerSchema(db: Kysely<Database>, location: string): Promise<void> {
  const probe =
    dialectOf(db) === 'postgres'
      ? sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'kysely_migration'`
      : sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'`;
  if ((await probe.execute(db)).rows.length === 0) return;
  const applied = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(db);
  const unknown = applied.rows.map((r) => r.name).filter((name) => !(name in migrations));
  if (unknown.length > 0) {
    throw new StoreError(
      `The database ${location} was written by a newer version of Mirakl Customer Service (schema ${unknown.at(-1)}). ` +
        'Update the app to open it; it was left untouched.',
      'NEWER_SCHEMA',
    );
  }
}

/** Runs the pending migrations in one transaction; a failure becomes a StoreError naming the migration. */
export async function migrateToLatest(db: Kysely<Database>, provider: MigrationProvider = migrationProvider): Promise<void> {
  const outcome = await new Migrator({ db, provider }).migrateToLatest();
  if (outcome.error) {
    const failed = outcome.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const reason = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
    throw new StoreError(`Database migration ${failed} failed: ${reason}`, 'MIGRATION_FAILED');
  }
}
