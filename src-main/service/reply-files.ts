// The files a reply or a new thread names ({uploadId} or {orderDocumentId}): found,
// checked against Mirakl's limits before anything is queued, and, for a reply, copied into
// the outbox folder before the reply is stored, so every later attempt sends them from there.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { AttachmentRef } from '../../src-shared/contract';
import type { Store } from '../db/open';
import type { ReplyFile } from '../db/outbox';
import { attachmentCountOfOrder } from '../db/outbox-files';
import { orderDocumentsByIds } from '../db/order-documents';
import { uploadsByIds } from '../db/uploads';
import { safeFileName } from './attachment-cache';
import { ServiceError } from './errors';
import { checkFileLimits } from './file-limits';
import type { OrderDocuments } from './order-documents';
import { OUTBOX_FOLDER } from './upload-store';

export interface ResolvedFile {
  name: string;
  size: number;
  contentType: string;
  /** Absolute path of the file as it is now (the upload, or the document's cached copy). */
  source: string;
  /** The upload it comes from, used up by the message. */
  uploadId: number | null;
}

export interface FileTarget {
  accountId: number;
  /** The order the message is about: Mirakl's 50 files are counted per order. */
  orderId: string | null;
  body: string;
}

export class ReplyFiles {
  constructor(
    private readonly store: Store,
    private readonly dataDir: string,
    private readonly documents: OrderDocuments,
  ) {}

  /** The named files, in order, within Mirakl's limits; order documents are downloaded first if need be. */
  async resolve(refs: readonly AttachmentRef[], target: FileTarget): Promise<ResolvedFile[]> {
    if (refs.length === 0) return [];
    const uploadIds = refs.flatMap((r) => ('uploadId' in r ? [r.uploadId] : []));
    const documentIds = refs.flatMap((r) => ('orderDocumentId' in r ? [r.orderDocumentId] : []));
    const uploads = new Map((await uploadsByIds(this.store.db, uploadIds)).map((u) => [u.id, u]));
    const documents = new Map((await orderDocumentsByIds(this.store.db, documentIds)).map((d) => [d.id, d]));
    const seen = new Set<string>();
    const files: ResolvedFile[] = [];
    for (const [index, ref] of refs.entries()) {
      const field = `attachments.${index}`;
      const key = 'uploadId' in ref ? `u${ref.uploadId}` : `d${ref.orderDocumentId}`;
      if (seen.has(key)) throw new ServiceError('invalid_field', 'The same file is attached twice', field);
      seen.add(key);
      if ('uploadId' in ref) {
        const upload = uploads.get(ref.uploadId);
        if (!upload) {
          throw new ServiceError('invalid_field', `Upload ${ref.uploadId} does not exist: uploads are kept a day, and a message uses them up. Upload the file again`, field);
        }
        files.push({ name: upload.name, size: upload.size, contentType: upload.content_type, source: path.join(this.dataDir, upload.path), uploadId: upload.id });
      } else {
        const document = documents.get(ref.orderDocumentId);
        if (!document || document.account_id !== target.accountId) {
          throw new ServiceError('invalid_field', `Order document ${ref.orderDocumentId} does not exist on this conversation's marketplace`, field);
        }
        files.push({ name: document.file_name, size: document.file_size ?? 0, contentType: document.content_type ?? 'application/pdf', source: '', uploadId: null });
      }
    }
    // Sizes Mirakl listed may be missing: the limits are checked again on the files themselves once downloaded.
    const onOrder = target.orderId === null ? null : await attachmentCountOfOrder(this.store.db, target.accountId, target.orderId);
    checkFileLimits(target.body, files, onOrder);
    for (const [index, ref] of refs.entries()) {
      if (!('orderDocumentId' in ref)) continue;
      const cached = await this.documents.file(ref.orderDocumentId);
      const stat = await fs.stat(cached.path);
      files[index] = { ...files[index]!, source: cached.path, size: stat.size, contentType: cached.contentType };
    }
    checkFileLimits(target.body, files, onOrder);
    return files;
  }

  /**
   * Copies the files into a new folder of the outbox (a hard link where the disk allows:
   * instant, and the upload may then go). Returns them as the reply lists them; on failure
   * nothing is left behind.
   */
  async copyToOutbox(files: readonly ResolvedFile[]): Promise<ReplyFile[]> {
    if (files.length === 0) return [];
    const folder = path.join(OUTBOX_FOLDER, randomUUID());
    await fs.mkdir(path.join(this.dataDir, folder), { recursive: true });
    try {
      const copied: ReplyFile[] = [];
      for (const [position, file] of files.entries()) {
        const relative = path.join(folder, `${position + 1}-${safeFileName(file.name)}`);
        const target = path.join(this.dataDir, relative);
        await fs.link(file.source, target).catch(() => fs.copyFile(file.source, target));
        copied.push({ name: file.name, size: file.size, contentType: file.contentType, path: relative });
      }
      return copied;
    } catch (error) {
      await fs.rm(path.join(this.dataDir, folder), { recursive: true, force: true });
      throw new ServiceError('internal', `Cannot store the reply's files in ${path.join(this.dataDir, OUTBOX_FOLDER)}: ${(error as Error).message}`);
    }
  }

  /** Removes a folder copyToOutbox made, when the reply could not be stored after all. */
  async discard(files: readonly ReplyFile[]): Promise<void> {
    const first = files[0];
    if (!first) return;
    await fs.rm(path.join(this.dataDir, path.dirname(first.path)), { recursive: true, force: true });
  }
}
