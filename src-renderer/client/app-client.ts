// What the UI needs of a backend: the InboxClient contract, plus the state of the live
// event link (so the status line can say "reconnecting") and what only the host can do.
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
}

/** Code of the InboxError thrown when the backend cannot be reached at all. */
export const UNREACHABLE = 'unreachable';
