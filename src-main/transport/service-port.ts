// What the transports (HTTP, IPC) need of the app service: the operations, the event
// stream and attachment bytes. Structural, so the real AppService and small test
// stand-ins both fit without the transports importing the service's internals.
import type { AppEvent, AttachmentFile, ServiceApi, Upload } from '../../src-shared/contract';

export interface ServicePort {
  api: ServiceApi;
  /** Returns an unsubscribe function. */
  subscribe(listener: (event: AppEvent) => void): () => void;
  downloadAttachment(id: number): Promise<AttachmentFile>;
  downloadOrderDocument(id: number): Promise<AttachmentFile>;
  /** A file for a reply or a new thread; its bytes arrive whole (IPC) or streamed (HTTP). */
  uploadFile(file: { name: string; contentType: string | null; bytes: Uint8Array | AsyncIterable<Uint8Array> }): Promise<Upload>;
}
