// The backend over HTTP (`serve`): JSON operations at their contract bindings, live events
// over Server-Sent Events with reconnection, attachments as downloads. Authenticated by the
// session cookie (set when the page was opened with ?token=…) or an optional bearer token.
import { attachmentDownload, fileUpload, operations, orderDocumentDownload } from '../../src-shared/contract';
import type { AppEvent, AttachmentFile, OperationInput, OperationName, OperationOutput, Upload } from '../../src-shared/contract';
import { InboxError } from '../../src-shared/inbox-client';
import { UNREACHABLE, type AppClient } from './app-client';
import { buildHttpRequest, errorFromResponse, fileNameFromDisposition } from './http-request';
import { LinkStateBox } from './link-state';
import type { LinkState } from '../lib/sync-summary';

export interface HttpClientOptions {
  /** Server root, e.g. http://127.0.0.1:4310/ ; the page's own origin by default. */
  baseUrl?: string;
  /** Sent as `Authorization: Bearer`; without it the session cookie authenticates. */
  token?: string | null;
}

export const EVENTS_PATH = '/api/events';
/** Waits between reconnection attempts; the last one repeats. */
const RECONNECT_DELAYS_MS = [500, 1_000, 2_000, 4_000, 8_000, 15_000];
/** Failed attempts after which "reconnecting" becomes "offline". */
const OFFLINE_AFTER_FAILURES = 3;

export class HttpInboxClient implements AppClient {
  readonly kind = 'http' as const;
  private readonly base: string;
  private readonly token: string | null;
  private readonly listeners = new Set<(event: AppEvent) => void>();
  private readonly link = new LinkStateBox('connecting');
  private source: EventSource | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;

  constructor(options: HttpClientOptions = {}) {
    this.base = options.baseUrl ?? window.location.origin + '/';
    this.token = options.token ?? null;
  }

  async call<K extends OperationName>(name: K, input: OperationInput<K>): Promise<OperationOutput<K>> {
    const request = buildHttpRequest(operations[name].http, input as object);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await this.fetch(request.url, { method: request.method, headers, body: request.body });
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) throw errorFromResponse(response.status, body);
    return body as OperationOutput<K>;
  }

  subscribe(listener: (event: AppEvent) => void): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.connect();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.disconnect();
    };
  }

  downloadAttachment(id: number): Promise<AttachmentFile> {
    return this.download(attachmentDownload.http.path, id, `attachment-${id}`);
  }

  downloadOrderDocument(id: number): Promise<AttachmentFile> {
    return this.download(orderDocumentDownload.http.path, id, `document-${id}`);
  }

  async openOrderDocument(document: { id: number; name: string }): Promise<void> {
    saveFile(await this.downloadOrderDocument(document.id), document.name);
  }

  /** POST /api/uploads: the file as the one part of a multipart body. */
  async uploadFile(file: File): Promise<Upload> {
    const form = new FormData();
    form.append('file', file, file.name);
    const response = await this.fetch(fileUpload.http.path, { method: 'POST', headers: { Accept: 'application/json' }, body: form });
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) throw errorFromResponse(response.status, body);
    return body as Upload;
  }

  /** A browser picks files with <input type="file">. */
  readonly pickFiles = null;

  private async download(pathPattern: string, id: number, fallbackName: string): Promise<AttachmentFile> {
    const path = pathPattern.replace(':id', encodeURIComponent(String(id)));
    const response = await this.fetch(path, { method: 'GET', headers: {} });
    if (!response.ok) throw errorFromResponse(response.status, await response.json().catch(() => null));
    const bytes = new Uint8Array(await response.arrayBuffer());
    return {
      name: fileNameFromDisposition(response.headers.get('Content-Disposition'), fallbackName),
      contentType: response.headers.get('Content-Type') ?? 'application/octet-stream',
      bytes,
    };
  }

  linkState(): LinkState {
    return this.link.get();
  }

  onLinkState(listener: (state: LinkState) => void): () => void {
    return this.link.listen(listener);
  }

  openExternal(url: string): void {
    window.open(url, '_blank', 'noopener,noreferrer');
  }

  async openAttachment(attachment: { id: number; name: string }): Promise<void> {
    saveFile(await this.downloadAttachment(attachment.id), attachment.name);
  }

  private async fetch(path: string, init: { method: string; headers: Record<string, string>; body?: string | FormData | undefined }): Promise<Response> {
    const headers = { ...init.headers };
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    try {
      return await fetch(new URL(path.replace(/^\//, ''), this.base), {
        method: init.method,
        headers,
        body: init.body,
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch {
      throw new InboxError(UNREACHABLE, 'The inbox service cannot be reached. Is it still running?');
    }
  }

  // ---- live events ----

  private connect(): void {
    this.clearReconnect();
    const url = new URL(EVENTS_PATH.replace(/^\//, ''), this.base);
    // EventSource cannot send headers: the stream alone accepts the token in its query.
    if (this.token) url.searchParams.set('token', this.token);
    const source = new EventSource(url, { withCredentials: false });
    this.source = source;
    source.onopen = () => {
      this.failures = 0;
      this.link.set('live');
    };
    source.onmessage = (message: MessageEvent<string>) => {
      let event: AppEvent;
      try {
        event = JSON.parse(message.data) as AppEvent;
      } catch {
        return;
      }
      for (const listener of [...this.listeners]) listener(event);
    };
    source.onerror = () => {
      // The browser's own retry gives up on HTTP errors and never says why: reconnect ourselves, with backoff.
      source.close();
      if (this.source !== source) return;
      this.source = null;
      this.failures += 1;
      const offline = this.failures >= OFFLINE_AFTER_FAILURES || (typeof navigator !== 'undefined' && navigator.onLine === false);
      this.link.set(offline ? 'offline' : 'reconnecting');
      const delay = RECONNECT_DELAYS_MS[Math.min(this.failures - 1, RECONNECT_DELAYS_MS.length - 1)] ?? 15_000;
      this.reconnectTimer = setTimeout(() => this.connect(), delay);
    };
    window.addEventListener('online', this.reconnectNow);
  }

  /** The network came back: no reason to wait for the backoff. */
  private readonly reconnectNow = (): void => {
    if (this.source === null && this.listeners.size > 0) this.connect();
  };

  private disconnect(): void {
    this.clearReconnect();
    window.removeEventListener('online', this.reconnectNow);
    this.source?.close();
    this.source = null;
    this.link.set('connecting');
  }

  private clearReconnect(): void {
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
  }
}

/** Hands a downloaded file to the browser as a download. */
function saveFile(file: AttachmentFile, fallbackName: string): void {
  const blob = new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.contentType });
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = file.name || fallbackName;
  anchor.rel = 'noopener';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // The download has started from the object URL; keep it a moment for slow browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
