// Files clients sent for a reply or a new thread, waiting to be used (a day at most).
// Their bytes live under <dataDir>/uploads; a reply that takes one copies it into the
// outbox and removes the upload in the transaction that stores the reply.
import type { Kysely } from 'kysely';
import type { Database, UploadRow } from './schema';

export interface NewUpload {
  name: string;
  size: number;
  contentType: string;
  /** Relative to the data folder. */
  path: string;
}

export async function insertUpload(db: Kysely<Database>, upload: NewUpload, now: number): Promise<UploadRow> {
  return db
    .insertInto('uploads')
    .values({ name: upload.name, size: upload.size, content_type: upload.contentType, path: upload.path, created_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function uploadsByIds(db: Kysely<Database>, ids: readonly number[]): Promise<UploadRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('uploads').selectAll().where('id', 'in', [...ids]).execute();
}

/** Uploads older than `before` (never used): the caller deletes their files, then their rows. */
export async function uploadsOlderThan(db: Kysely<Database>, before: number, limit = 500): Promise<UploadRow[]> {
  return db.selectFrom('uploads').selectAll().where('created_at', '<', before).orderBy('created_at').limit(limit).execute();
}

export async function deleteUploads(db: Kysely<Database>, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom('uploads').where('id', 'in', [...ids]).execute();
}

/** Every path an upload row still names (relative to the data folder): the files to keep. */
export async function uploadPaths(db: Kysely<Database>): Promise<Set<string>> {
  const rows = await db.selectFrom('uploads').select('path').execute();
  return new Set(rows.map((r) => r.path));
}
