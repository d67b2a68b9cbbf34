// The renderer's one view of the backend. Two implementations: IPC through the preload
// bridge (Electron) and HTTP + Server-Sent Events (a browser on `serve`).
import type { AppEvent, AttachmentFile, OperationInput, OperationName, OperationOutput } from './contract';

export interface InboxClient {
  call<K extends OperationName>(name: K, input: OperationInput<K>): Promise<OperationOutput<K>>;
  /** Live events; returns an unsubscribe function. */
  subscribe(listener: (event: AppEvent) => void): () => void;
  downloadAttachment(id: number): Promise<AttachmentFile>;
}

/** Thrown by InboxClient.call when the backend answers an error: the code survives transport. */
export class InboxError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'InboxError';
  }
}
