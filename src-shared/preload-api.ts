// What the Electron preload exposes to the page as `window.miraklCs`, and nothing else.
// Results cross IPC as {ok, value} | {ok: false, error} so error codes survive.
import type { AppEvent, AttachmentFile, OperationName, Result } from './contract';

export interface PreloadApi {
  call(name: OperationName, input: unknown): Promise<Result<unknown>>;
  /** Live events pushed by the main process; returns an unsubscribe function. */
  onEvent(listener: (event: AppEvent) => void): () => void;
  downloadAttachment(id: number): Promise<Result<AttachmentFile>>;
  /** Opens an attachment already downloaded, with the system's default application. */
  openAttachment(id: number): Promise<Result<{ opened: true }>>;
  /** Opens an http(s) link in the system browser. */
  openExternal(url: string): Promise<void>;
}

export const PRELOAD_GLOBAL = 'miraklCs';
export const OPEN_EXTERNAL_CHANNEL = 'cs:open-external';
export const OPEN_ATTACHMENT_CHANNEL = 'cs:open-attachment';
