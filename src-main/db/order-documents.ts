// An order's documents as Mirakl OR72 lists them (invoices, delivery bills…), kept so the
// order panel shows them offline, with where each one's bytes are cached after OR73.
import { sql, type Kysely } from 'kysely';
import type { Database, OrderDocumentRow } from './schema';

export interface ListedDocument {
  miraklDocumentId: string;
  orderId: string;
  fileName: string;
  fileSize: number | null;
  type: string;
  uploadedAt: number | null;
}

/**
 * Stores an OR72 answer for one order: documents listed are upserted (their cache kept), the
 * order's documents no longer listed are removed. Two statements, each atomic; a crash
 * between them leaves a document Mirakl dropped, which the next listing removes.
 */
export async function saveOrderDocuments(
  db: Kysely<Database>,
  accountId: number,
  orderId: string,
  documents: readonly ListedDocument[],
  now: number,
): Promise<void> {
  if (documents.length > 0) {
    await db
      .insertInto('order_documents')
      .values(
        documents.map((d) => ({
          account_id: accountId,
          mirakl_document_id: d.miraklDocumentId,
          order_id: d.orderId,
          file_name: d.fileName,
          file_size: d.fileSize,
          type: d.type,
          uploaded_at: d.uploadedAt,
          fetched_at: now,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['account_id', 'mirakl_document_id']).doUpdateSet({
          order_id: (eb) => eb.ref('excluded.order_id'),
          file_name: (eb) => eb.ref('excluded.file_name'),
          file_size: (eb) => eb.ref('excluded.file_size'),
          type: (eb) => eb.ref('excluded.type'),
          uploaded_at: (eb) => eb.ref('excluded.uploaded_at'),
          fetched_at: (eb) => eb.ref('excluded.fetched_at'),
        }),
      )
      .execute();
  }
  await db
    .deleteFrom('order_documents')
    .where('account_id', '=', accountId)
    .where('order_id', '=', orderId)
    .where('fetched_at', '<', now)
    .execute();
}

/** The order's documents, newest upload first. */
export async function documentsOfOrder(db: Kysely<Database>, accountId: number, orderId: string): Promise<OrderDocumentRow[]> {
  return db
    .selectFrom('order_documents')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('order_id', '=', orderId)
    .orderBy(sql`coalesce(uploaded_at, 0)`, 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function findOrderDocument(db: Kysely<Database>, id: number): Promise<OrderDocumentRow | undefined> {
  return db.selectFrom('order_documents').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function orderDocumentsByIds(db: Kysely<Database>, ids: readonly number[]): Promise<OrderDocumentRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('order_documents').selectAll().where('id', 'in', [...ids]).execute();
}

/** Records where a document's bytes are cached (relative to the data folder). */
export async function setOrderDocumentCache(db: Kysely<Database>, id: number, localPath: string, contentType: string): Promise<void> {
  await db.updateTable('order_documents').set({ local_path: localPath, content_type: contentType }).where('id', '=', id).execute();
}
