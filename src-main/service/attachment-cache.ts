// Attachments are fetched through Mirakl M13 the first time they are opened and kept on
// disk under <dataDir>/attachments/<account>/<attachment>/<file name>, so they open
// offline afterwards. The file keeps its own name (extension included) because the
// desktop app hands the path to the OS to open it with the right program.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { AttachmentFile } from '../../src-shared/contract';
import type { Store } from '../db/open';
import { findAttachment, setAttachmentCache } from '../db/messages';
import type { MiraklClient } from '../mirakl/client';
import { ServiceError, fromMiraklError, notFound } from './errors';

/** Where order documents are cached (service/order-documents), under the data folder. */
export const DOCUMENTS_FOLDER = 'documents';

export interface CachedAttachment {
  /** Absolute path of the cached file. */
  path: string;
  name: string;
  contentType: string;
}

export class AttachmentCache {
  /** Downloads under way, so two requests for one attachment fetch it once. */
  private readonly downloads = new Map<number, Promise<CachedAttachment>>();
  readonly root: string;

  constructor(
    private readonly store: Store,
    private readonly dataDir: string,
    private readonly clientFor: (accountId: number) => Promise<MiraklClient>,
  ) {
    this.root = path.join(dataDir, 'attachments');
  }

  async read(id: number): Promise<AttachmentFile> {
    const file = await this.file(id);
    const bytes = await fs.readFile(file.path);
    return { name: file.name, contentType: file.contentType, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  }

  /** The cached file, downloaded first if needed. */
  async file(id: number): Promise<CachedAttachment> {
    const running = this.downloads.get(id);
    if (running) return running;
    const download = this.fetchOrReuse(id).finally(() => this.downloads.delete(id));
    this.downloads.set(id, download);
    return download;
  }

  /** Removes an account's cached files, attachments and order documents alike (the account was removed). */
  async forgetAccount(accountId: number): Promise<void> {
    await fs.rm(path.join(this.root, String(accountId)), { recursive: true, force: true });
    await fs.rm(path.join(this.dataDir, DOCUMENTS_FOLDER, String(accountId)), { recursive: true, force: true });
  }

  private async fetchOrReuse(id: number): Promise<CachedAttachment> {
    const found = await findAttachment(this.store.db, id);
    if (!found) throw notFound('Attachment', id);
    const { attachment, accountId } = found;
    if (attachment.local_path !== null) {
      const cached = path.join(this.dataDir, attachment.local_path);
      if (await exists(cached)) {
        return { path: cached, name: attachment.name, contentType: attachment.content_type ?? contentTypeFor(attachment.name, null) };
      }
    }
    let downloaded;
    try {
      const client = await this.clientFor(accountId);
      downloaded = await client.downloadAttachment(attachment.mirakl_attachment_id);
    } catch (error) {
      throw fromMiraklError(error, `Downloading "${attachment.name}"`);
    }
    const relative = path.join('attachments', String(accountId), String(id), safeFileName(attachment.name));
    const target = path.join(this.dataDir, relative);
    await writeCacheFile(target, downloaded.bytes, attachment.name);
    const contentType = contentTypeFor(attachment.name, downloaded.contentType);
    await setAttachmentCache(this.store.db, id, relative, contentType);
    return { path: target, name: attachment.name, contentType };
  }
}

const TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  txt: 'text/plain',
  csv: 'text/csv',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
  mp4: 'video/mp4',
};

/** Mirakl's type when it says something useful; otherwise a guess from the extension. */
export function contentTypeFor(name: string, given: string | null): string {
  const type = given?.split(';')[0]?.trim().toLowerCase();
  if (type && type !== 'application/octet-stream' && type !== 'binary/octet-stream') return type;
  const extension = path.extname(name).slice(1).toLowerCase();
  return TYPES[extension] ?? 'application/octet-stream';
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/** A customer's file name made safe as one path segment on every OS; the extension is kept. */
export function safeFileName(name: string): string {
  let clean = name
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, '_')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '_')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (clean === '' || WINDOWS_RESERVED.test(clean)) clean = `attachment${clean ? `-${clean}` : ''}`;
  if (Buffer.byteLength(clean) > 150) {
    const extension = path.extname(clean).slice(0, 16);
    const stem = [...clean.slice(0, clean.length - extension.length)];
    while (Buffer.byteLength(stem.join('') + extension) > 150) stem.pop();
    clean = stem.join('') + extension;
  }
  return clean;
}

/** Writes a downloaded file into a cache: aside, then renamed, so a crash never leaves a half file under the real name. */
export async function writeCacheFile(target: string, bytes: Uint8Array, name: string): Promise<void> {
  const partial = `${target}.${randomUUID().slice(0, 8)}.part`;
  try {
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(partial, bytes);
    await fs.rename(partial, target);
  } catch (error) {
    await fs.rm(partial, { force: true });
    throw new ServiceError('internal', `Cannot save "${name}" in ${path.dirname(target)}: ${(error as Error).message}`);
  }
}

export async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}
