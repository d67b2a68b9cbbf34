// What the Electron preload exposes to the page as `window.miraklCs`, and nothing else.
// Results cross IPC as {ok, value} | {ok: false, error} so error codes survive.
import type { AppEvent, AttachmentFile, OperationName, Result, Upload } from './contract';

export interface PreloadApi {
  call(name: OperationName, input: unknown): Promise<Result<unknown>>;
  /** Live events pushed by the main process; returns an unsubscribe function. */
  onEvent(listener: (event: AppEvent) => void): () => void;
  downloadAttachment(id: number): Promise<Result<AttachmentFile>>;
  /** Opens an attachment already downloaded, with the system's default application. */
  openAttachment(id: number): Promise<Result<{ opened: true }>>;
  /** Opens an http(s) link in the system browser. */
  openExternal(url: string): Promise<void>;
  downloadOrderDocument(id: number): Promise<Result<AttachmentFile>>;
  /** Opens an order document (downloaded first if need be) with the system's default application. */
  openOrderDocument(id: number): Promise<Result<{ opened: true }>>;
  /** Stores a file the page read (a drop, a paste) for a reply; answers its upload. */
  uploadFile(file: { name: string; contentType: string; bytes: Uint8Array }): Promise<Result<Upload>>;
  /**
   * Shows the system's file picker; the main process stores the chosen files as uploads
   * (the page never sees a path). An empty list when the user cancelled.
   */
  pickFiles(): Promise<Result<Upload[]>>;
}

export const PRELOAD_GLOBAL = 'miraklCs';
export const OPEN_EXTERNAL_CHANNEL = 'cs:open-external';
export const OPEN_ATTACHMENT_CHANNEL = 'cs:open-attachment';
export const OPEN_ORDER_DOCUMENT_CHANNEL = 'cs:open-order-document';
export const PICK_FILES_CHANNEL = 'cs:pick-files';
