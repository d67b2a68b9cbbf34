// What the UI needs of a backend: the InboxClient contract, plus the state of the live
// event link (so the status line can say "reconnecting") and what only the host can do.
import type { AttachmentFile, Upload } from '../../src-shared/contract';
import type { InboxClient } from '../../src-shared/inbox-client';
import type { LinkState } from '../lib/sync-summary';

export interface AppClient extends InboxClient {
  readonly kind: 'ipc' | 'http';
  linkState(): LinkState;
  /** Returns an unsubscribe function. */
  onLinkState(listener: (state: LinkState) => void): () => void;
  /** Opens an http(s) link outside the app (system browser). */
  openExternal(url: string): void;
  /** Saves or opens an attachment the way the host does it (Electron: default app; browser: download). */
  openAttachment(attachment: { id: number; name: string }): Promise<void>;
  downloadOrderDocument(id: number): Promise<AttachmentFile>;
  /** The same for an order's document. */
  openOrderDocument(document: { id: number; name: string }): Promise<void>;
  /** Stores a file (picked, dropped or pasted) for a reply or a new thread. */
  uploadFile(file: File): Promise<Upload>;
  /**
   * The desktop's own file picker (files stored by the main process, never read by the page);
   * null where the host has none (a browser picks with <input type="file">).
   */
  pickFiles: (() => Promise<Upload[]>) | null;
}

/** Code of the InboxError thrown when the backend cannot be reached at all. */
export const UNREACHABLE = 'unreachable';
