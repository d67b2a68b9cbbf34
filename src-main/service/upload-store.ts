// Files sent for replies and new threads. An upload is written to <dataDir>/uploads/<random>/
// (streamed, size checked as it comes) and listed in the store; a reply copies it into the
// outbox and uses it up. Unused uploads go after a day, and a regular sweep removes files
// no row names any more (a reply discarded, Mirakl's copies synced, a crash mid-way).
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MESSAGE_MAX_BYTES, type Upload } from '../../src-shared/contract';
import type { Store } from '../db/open';
import { deleteUploads, insertUpload, uploadPaths, uploadsOlderThan } from '../db/uploads';
import { forgetReplacedOutboxFiles, outboxFilePaths } from '../db/outbox-files';
import { contentTypeFor, safeFileName } from './attachment-cache';
import { ServiceError } from './errors';
import { humanSize } from '../../src-shared/human-size';

export const UPLOADS_FOLDER = 'uploads';
export const OUTBOX_FOLDER = 'outbox';
/** Uploads not used within a day are deleted. */
export const UPLOAD_LIFETIME_MS = 24 * 3_600_000;
/** A reply's own files, once delivered, are kept this long at most waiting for Mirakl's copies. */
const DELIVERED_FILES_KEPT_MS = 7 * 24 * 3_600_000;
/** A folder nobody names is only removed once this old: a reply being stored may be about to name it. */
const ORPHAN_GRACE_MS = 3_600_000;

export interface UploadSource {
  name: string;
  /** As the client said; guessed from the name when missing or generic. */
  contentType: string | null;
  bytes: Uint8Array | AsyncIterable<Uint8Array>;
}

export class UploadStore {
  constructor(
    private readonly store: Store,
    private readonly dataDir: string,
    private readonly now: () => number,
  ) {}

  /** Writes the file, then lists it. Refuses an empty file or one over Mirakl's 30 MB (nothing is kept). */
  async save(source: UploadSource): Promise<Upload> {
    const name = source.name.trim();
    if (name === '') throw new ServiceError('invalid_field', 'The file needs a name', 'name');
    const relative = path.join(UPLOADS_FOLDER, randomUUID(), safeFileName(name));
    const target = path.join(this.dataDir, relative);
    await fs.mkdir(path.dirname(target), { recursive: true });
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (size > MESSAGE_MAX_BYTES) done(new ServiceError('payload_too_large', `"${name}" is over ${humanSize(MESSAGE_MAX_BYTES)}, Mirakl's limit for a message and its files`));
        else done(null, chunk);
      },
    });
    const input = source.bytes instanceof Uint8Array ? Readable.from([Buffer.from(source.bytes.buffer, source.bytes.byteOffset, source.bytes.byteLength)]) : Readable.from(source.bytes);
    try {
      await pipeline(input, counter, createWriteStream(target, { flags: 'wx' }));
      if (size === 0) throw new ServiceError('invalid_field', `"${name}" is empty`, 'file');
    } catch (error) {
      await fs.rm(path.dirname(target), { recursive: true, force: true });
      throw error;
    }
    const row = await insertUpload(this.store.db, { name, size, contentType: contentTypeFor(name, source.contentType), path: relative }, this.now());
    return { id: row.id, name: row.name, size: row.size, contentType: row.content_type };
  }

  /** Deletes expired uploads, forgets replies' files Mirakl has replaced, and removes files nothing names. */
  async sweep(): Promise<void> {
    const now = this.now();
    for (;;) {
      const expired = await uploadsOlderThan(this.store.db, now - UPLOAD_LIFETIME_MS);
      if (expired.length === 0) break;
      await deleteUploads(this.store.db, expired.map((u) => u.id));
      if (expired.length < 500) break;
    }
    await forgetReplacedOutboxFiles(this.store.db, now - DELIVERED_FILES_KEPT_MS);
    await this.removeOrphans(UPLOADS_FOLDER, await uploadPaths(this.store.db), now);
    await this.removeOrphans(OUTBOX_FOLDER, await outboxFilePaths(this.store.db), now);
  }

  /** Folders under `folder` (one per upload or per reply) that no row names, once old enough. */
  private async removeOrphans(folder: string, named: ReadonlySet<string>, now: number): Promise<void> {
    const kept = new Set([...named].map((p) => p.split(/[\\/]/)[1]));
    let entries: string[];
    try {
      entries = await fs.readdir(path.join(this.dataDir, folder));
    } catch {
      return; // nothing stored yet
    }
    for (const entry of entries) {
      if (kept.has(entry)) continue;
      const full = path.join(this.dataDir, folder, entry);
      const stat = await fs.stat(full).catch(() => null);
      if (stat && now - stat.mtimeMs >= ORPHAN_GRACE_MS) await fs.rm(full, { recursive: true, force: true });
    }
  }
}
