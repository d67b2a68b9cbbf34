// Runs in the sandboxed preload of the main window (bundled to dist/main/preload.cjs; a
// sandboxed preload can require 'electron' and nothing else).
//
// Exposes exactly PreloadApi as window.miraklCs: named operations of the contract, the
// event stream, attachments and external links. No generic `invoke(channel)`: the page
// can reach only the channels below, and the main process validates every argument again.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  attachmentDownload,
  channelOf,
  EVENTS_CHANNEL,
  fileUpload,
  operations,
  orderDocumentDownload,
  type AppEvent,
  type AttachmentFile,
  type OperationName,
  type Result,
  type Upload,
} from '../../src-shared/contract';
import {
  OPEN_ATTACHMENT_CHANNEL,
  OPEN_EXTERNAL_CHANNEL,
  OPEN_ORDER_DOCUMENT_CHANNEL,
  PICK_FILES_CHANNEL,
  PRELOAD_GLOBAL,
  type PreloadApi,
} from '../../src-shared/preload-api';

const isOperationName = (name: unknown): name is OperationName => typeof name === 'string' && Object.hasOwn(operations, name);

const api = {
  call(name: OperationName, input: unknown): Promise<Result<unknown>> {
    if (!isOperationName(name)) return Promise.resolve({ ok: false, error: { code: 'not_found', message: `Unknown operation ${String(name)}` } });
    return ipcRenderer.invoke(channelOf(name), input) as Promise<Result<unknown>>;
  },
  onEvent(listener: (event: AppEvent) => void): () => void {
    // The IPC event object (with its sender) never reaches the page: only the payload.
    const forward = (_event: IpcRendererEvent, payload: AppEvent) => listener(payload);
    ipcRenderer.on(EVENTS_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENTS_CHANNEL, forward);
    };
  },
  downloadAttachment(id: number): Promise<Result<AttachmentFile>> {
    return ipcRenderer.invoke(attachmentDownload.channel, { id }) as Promise<Result<AttachmentFile>>;
  },
  openAttachment(id: number): Promise<Result<{ opened: true }>> {
    return ipcRenderer.invoke(OPEN_ATTACHMENT_CHANNEL, { id }) as Promise<Result<{ opened: true }>>;
  },
  async openExternal(url: string): Promise<void> {
    await ipcRenderer.invoke(OPEN_EXTERNAL_CHANNEL, url);
  },
  downloadOrderDocument(id: number): Promise<Result<AttachmentFile>> {
    return ipcRenderer.invoke(orderDocumentDownload.channel, { id }) as Promise<Result<AttachmentFile>>;
  },
  openOrderDocument(id: number): Promise<Result<{ opened: true }>> {
    return ipcRenderer.invoke(OPEN_ORDER_DOCUMENT_CHANNEL, { id }) as Promise<Result<{ opened: true }>>;
  },
  uploadFile(file: { name: string; contentType: string; bytes: Uint8Array }): Promise<Result<Upload>> {
    // Only these three fields cross: never a path, never a handle.
    return ipcRenderer.invoke(fileUpload.channel, { name: file.name, contentType: file.contentType, bytes: file.bytes }) as Promise<Result<Upload>>;
  },
  pickFiles(): Promise<Result<Upload[]>> {
    return ipcRenderer.invoke(PICK_FILES_CHANNEL) as Promise<Result<Upload[]>>;
  },
} satisfies PreloadApi;

contextBridge.exposeInMainWorld(PRELOAD_GLOBAL, api);
