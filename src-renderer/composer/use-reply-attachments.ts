// The files going with the next reply of each conversation: picked, dropped or pasted files
// (uploaded at once, so sending is instant), and the order's documents. Kept per
// conversation while the app runs, so switching conversations loses nothing.
import { useCallback, useEffect, useState } from 'react';
import { MESSAGE_MAX_BYTES, type AttachmentRef, type OrderDocument, type Upload } from '../../src-shared/contract';
import { humanSize } from '../../src-shared/human-size';
import { errorText } from '../common/error-text';
import { useClient } from '../app/client-context';

export type ReplyAttachment =
  | { key: string; kind: 'upload'; name: string; size: number; state: 'uploading' | 'ready'; uploadId: number | null }
  | { key: string; kind: 'document'; name: string; size: number | null; documentId: number };

export interface ReplyAttachments {
  items: readonly ReplyAttachment[];
  /** Why the last file could not be added (too big, upload failed); null otherwise. */
  error: string | null;
  addFiles(files: readonly File[]): void;
  addUploads(uploads: readonly Upload[]): void;
  addDocument(document: OrderDocument): void;
  remove(key: string): void;
  clear(): void;
  /** What sendMessage names; null while a file is still uploading. */
  refs(): AttachmentRef[] | null;
}

interface Slot {
  items: ReplyAttachment[];
  error: string | null;
}

const slots = new Map<number, Slot>();
const listeners = new Map<number, Set<() => void>>();
let keys = 0;

function slotOf(conversationId: number): Slot {
  let slot = slots.get(conversationId);
  if (!slot) slots.set(conversationId, (slot = { items: [], error: null }));
  return slot;
}

function update(conversationId: number, change: (slot: Slot) => Slot): void {
  slots.set(conversationId, change(slotOf(conversationId)));
  for (const listener of listeners.get(conversationId) ?? []) listener();
}

export function useReplyAttachments(conversationId: number): ReplyAttachments {
  const client = useClient();
  const [, rerender] = useState(0);
  useEffect(() => {
    const listener = () => rerender((n) => n + 1);
    if (!listeners.has(conversationId)) listeners.set(conversationId, new Set());
    listeners.get(conversationId)!.add(listener);
    return () => void listeners.get(conversationId)?.delete(listener);
  }, [conversationId]);
  const slot = slotOf(conversationId);

  const addFiles = useCallback(
    (files: readonly File[]) => {
      for (const file of files) {
        // Mirakl's limit, said at once rather than after a 30 MB upload.
        const weight = slotOf(conversationId).items.reduce((sum, a) => sum + (a.size ?? 0), 0);
        if (weight + file.size > MESSAGE_MAX_BYTES) {
          update(conversationId, (s) => ({ ...s, error: `"${file.name}" (${humanSize(file.size)}) would take the message over Mirakl's ${humanSize(MESSAGE_MAX_BYTES)}` }));
          continue;
        }
        const key = `f${++keys}`;
        update(conversationId, (s) => ({ items: [...s.items, { key, kind: 'upload', name: file.name || 'pasted image.png', size: file.size, state: 'uploading', uploadId: null }], error: null }));
        client.uploadFile(file).then(
          (upload) =>
            update(conversationId, (s) => ({
              ...s,
              items: s.items.map((a) => (a.key === key ? { ...a, name: upload.name, size: upload.size, state: 'ready' as const, uploadId: upload.id } : a)),
            })),
          (error: unknown) => update(conversationId, (s) => ({ items: s.items.filter((a) => a.key !== key), error: `"${file.name}" was not attached: ${errorText(error)}` })),
        );
      }
    },
    [client, conversationId],
  );

  const addUploads = useCallback(
    (uploads: readonly Upload[]) =>
      update(conversationId, (s) => ({
        items: [...s.items, ...uploads.map((u): ReplyAttachment => ({ key: `u${u.id}`, kind: 'upload', name: u.name, size: u.size, state: 'ready', uploadId: u.id }))],
        error: null,
      })),
    [conversationId],
  );

  const addDocument = useCallback(
    (document: OrderDocument) =>
      update(conversationId, (s) =>
        s.items.some((a) => a.kind === 'document' && a.documentId === document.id)
          ? s
          : { items: [...s.items, { key: `d${document.id}`, kind: 'document', name: document.name, size: document.size, documentId: document.id }], error: null },
      ),
    [conversationId],
  );

  const remove = useCallback((key: string) => update(conversationId, (s) => ({ items: s.items.filter((a) => a.key !== key), error: null })), [conversationId]);
  const clear = useCallback(() => update(conversationId, () => ({ items: [], error: null })), [conversationId]);

  const refs = useCallback((): AttachmentRef[] | null => {
    const items = slotOf(conversationId).items;
    if (items.some((a) => a.kind === 'upload' && a.uploadId === null)) return null;
    return items.map((a) => (a.kind === 'document' ? { orderDocumentId: a.documentId } : { uploadId: a.uploadId! }));
  }, [conversationId]);

  return { items: slot.items, error: slot.error, addFiles, addUploads, addDocument, remove, clear, refs };
}
