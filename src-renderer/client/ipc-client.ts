// The backend inside Electron, through the preload bridge (window.miraklCs): results come
// back as {ok, value} | {ok: false, error} and are unwrapped here into values or InboxErrors.
import type { AppEvent, AttachmentFile, OperationInput, OperationName, OperationOutput, Result, Upload } from '../../src-shared/contract';
import { InboxError } from '../../src-shared/inbox-client';
import type { PreloadApi } from '../../src-shared/preload-api';
import { PRELOAD_GLOBAL } from '../../src-shared/preload-api';
import type { AppClient } from './app-client';
import { UNREACHABLE } from './app-client';
import type { LinkState } from '../lib/sync-summary';

export class IpcInboxClient implements AppClient {
  readonly kind = 'ipc' as const;

  constructor(private readonly bridge: PreloadApi) {}

  async call<K extends OperationName>(name: K, input: OperationInput<K>): Promise<OperationOutput<K>> {
    return unwrap((await this.invoke(() => this.bridge.call(name, input))) as Result<OperationOutput<K>>);
  }

  subscribe(listener: (event: AppEvent) => void): () => void {
    return this.bridge.onEvent(listener);
  }

  async downloadAttachment(id: number): Promise<AttachmentFile> {
    return unwrap(await this.invoke(() => this.bridge.downloadAttachment(id)));
  }

  /** The main process pushes events as long as the window exists: the link cannot drop. */
  linkState(): LinkState {
    return 'live';
  }

  onLinkState(): () => void {
    return () => {};
  }

  openExternal(url: string): void {
    void this.bridge.openExternal(url);
  }

  async openAttachment(attachment: { id: number; name: string }): Promise<void> {
    const first = await this.invoke(() => this.bridge.openAttachment(attachment.id));
    if (first.ok) return;
    // Refused (e.g. a file type that could run a program: the shell showed its folder instead).
    if (first.error.code !== 'not_found') unwrap(first);
    // Not on disk yet: fetch it (the main process caches it), then open it.
    await this.downloadAttachment(attachment.id);
    unwrap(await this.invoke(() => this.bridge.openAttachment(attachment.id)));
  }

  async downloadOrderDocument(id: number): Promise<AttachmentFile> {
    return unwrap(await this.invoke(() => this.bridge.downloadOrderDocument(id)));
  }

  /** The main process downloads the document if need be (OR73), then opens it. */
  async openOrderDocument(document: { id: number; name: string }): Promise<void> {
    unwrap(await this.invoke(() => this.bridge.openOrderDocument(document.id)));
  }

  /** A dropped or pasted file: its bytes, read here, cross as bytes (never as a path). */
  async uploadFile(file: File): Promise<Upload> {
    const bytes = new Uint8Array(await file.arrayBuffer());
    return unwrap(await this.invoke(() => this.bridge.uploadFile({ name: file.name, contentType: file.type || 'application/octet-stream', bytes })));
  }

  readonly pickFiles = async (): Promise<Upload[]> => unwrap(await this.invoke(() => this.bridge.pickFiles()));

  /** A rejected invoke (main process gone, channel missing) becomes an InboxError like any other. */
  private async invoke<T>(action: () => Promise<Result<T>>): Promise<Result<T>> {
    try {
      return await action();
    } catch (error) {
      throw new InboxError(UNREACHABLE, error instanceof Error ? error.message : 'The app backend did not answer');
    }
  }
}

function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new InboxError(result.error.code, result.error.message, result.error.field);
}

/** The preload bridge when running inside Electron, else null. */
export function preloadBridge(): PreloadApi | null {
  const bridge = (window as unknown as Record<string, unknown>)[PRELOAD_GLOBAL];
  return bridge && typeof bridge === 'object' ? (bridge as PreloadApi) : null;
}
