// An order's documents (invoices, delivery bills…): listed through Mirakl OR72 when the
// order panel asks, kept in the store so the list shows offline, and downloaded once
// through OR73 into <dataDir>/documents/<account>/<document>/<file name>, where they open
// offline and from where a reply takes its copy (AttachmentCache.forgetAccount removes them with the account).
import fs from 'node:fs/promises';
import path from 'node:path';
import type { AttachmentFile, OrderDocument } from '../../src-shared/contract';
import type { Store } from '../db/open';
import type { OrderDocumentRow } from '../db/schema';
import { documentsOfOrder, findOrderDocument, saveOrderDocuments, setOrderDocumentCache } from '../db/order-documents';
import { isoOrNull } from '../db/contract-mapping';
import type { MiraklClient } from '../mirakl/client';
import { DOCUMENTS_FOLDER, contentTypeFor, exists, safeFileName, writeCacheFile, type CachedAttachment } from './attachment-cache';
import { ServiceError, fromMiraklError, notFound } from './errors';

/** Documents fetched ahead after a listing, so they open (and attach) offline later. */
const PREFETCH_MAX_BYTES = 10 * 1024 * 1024;

export class OrderDocuments {
  private readonly downloads = new Map<number, Promise<CachedAttachment>>();

  constructor(
    private readonly store: Store,
    private readonly dataDir: string,
    private readonly clientFor: (accountId: number) => Promise<MiraklClient>,
    private readonly log: (message: string, error?: unknown) => void,
  ) {}

  /** Mirakl's list (OR72), stored; when Mirakl cannot be asked, the list stored before and why. */
  async list(accountId: number, orderId: string, now: number): Promise<{ items: OrderDocument[]; error: string | null }> {
    let error: string | null = null;
    try {
      const client = await this.clientFor(accountId);
      const listed = (await client.listOrderDocuments([orderId])).filter((d) => d.order_id === orderId);
      await saveOrderDocuments(
        this.store.db,
        accountId,
        orderId,
        listed.map((d) => ({
          miraklDocumentId: d.id,
          orderId: d.order_id,
          fileName: d.file_name,
          fileSize: d.file_size ?? null,
          type: d.type,
          uploadedAt: d.date_uploaded ?? null,
        })),
        now,
      );
    } catch (failure) {
      const mapped = fromMiraklError(failure, "Listing the order's documents");
      if (!(mapped instanceof ServiceError)) throw failure;
      error = mapped.message;
    }
    const rows = await documentsOfOrder(this.store.db, accountId, orderId);
    if (error === null) this.prefetch(rows);
    return { items: rows.map(toOrderDocument), error };
  }

  async read(id: number): Promise<AttachmentFile> {
    const file = await this.file(id);
    const bytes = await fs.readFile(file.path);
    return { name: file.name, contentType: file.contentType, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  }

  /** The cached file, downloaded first (OR73) if needed. */
  file(id: number): Promise<CachedAttachment> {
    const running = this.downloads.get(id);
    if (running) return running;
    const download = this.fetchOrReuse(id).finally(() => this.downloads.delete(id));
    this.downloads.set(id, download);
    return download;
  }

  private async fetchOrReuse(id: number): Promise<CachedAttachment> {
    const row = await findOrderDocument(this.store.db, id);
    if (!row) throw notFound('Order document', id);
    if (row.local_path !== null) {
      const cached = path.join(this.dataDir, row.local_path);
      if (await exists(cached)) return { path: cached, name: row.file_name, contentType: row.content_type ?? contentTypeFor(row.file_name, null) };
    }
    let downloaded;
    try {
      const client = await this.clientFor(row.account_id);
      downloaded = await client.downloadOrderDocument(row.mirakl_document_id);
    } catch (error) {
      throw fromMiraklError(error, `Downloading "${row.file_name}"`);
    }
    const relative = path.join(DOCUMENTS_FOLDER, String(row.account_id), String(id), safeFileName(row.file_name));
    const target = path.join(this.dataDir, relative);
    await writeCacheFile(target, downloaded.bytes, row.file_name);
    const contentType = contentTypeFor(row.file_name, downloaded.contentType);
    await setOrderDocumentCache(this.store.db, id, relative, contentType);
    return { path: target, name: row.file_name, contentType };
  }

  private prefetch(rows: readonly OrderDocumentRow[]): void {
    const wanted = rows.filter((r) => r.local_path === null && (r.file_size ?? 0) <= PREFETCH_MAX_BYTES);
    void (async () => {
      for (const row of wanted) await this.file(row.id);
    })().catch((error: unknown) => this.log('Fetching order documents ahead failed', error));
  }
}

export function toOrderDocument(row: OrderDocumentRow): OrderDocument {
  return {
    id: row.id,
    accountId: row.account_id,
    orderId: row.order_id,
    name: row.file_name,
    size: row.file_size,
    type: row.type,
    uploadedAt: isoOrNull(row.uploaded_at),
    downloaded: row.local_path !== null,
  };
}
