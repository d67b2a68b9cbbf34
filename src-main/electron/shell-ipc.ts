// Runs in the main process. Takes ipcMain and shell as arguments (no electron import),
// tested under Node with stand-ins.
//
// The preload channels that belong to the desktop rather than to the contract: opening a
// link in the system browser, an attachment or an order document with its default
// application, and picking files for a reply with the system's picker. Each re-checks what
// the page sent (the page renders text from strangers); picking returns uploads, never
// paths: the page gets no way to name a file on disk.
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileUpload, idSchema, type Result, type Upload } from '../../src-shared/contract';
import { humanSize } from '../../src-shared/human-size';
import { OPEN_ATTACHMENT_CHANNEL, OPEN_EXTERNAL_CHANNEL, OPEN_ORDER_DOCUMENT_CHANNEL, PICK_FILES_CHANNEL } from '../../src-shared/preload-api';
import { toApiError } from '../transport/api-error';
import type { IpcMainLike } from '../ipc/register-handlers';
import { canOpenWithDefaultApp } from './attachment-opening';
import { openExternalSafely } from './navigation-guard';

export interface ShellLike {
  openExternal(url: string): Promise<void>;
  /** Resolves to an error message, '' on success (Electron's shell.openPath). */
  openPath(path: string): Promise<string>;
  showItemInFolder(path: string): void;
}

/** Electron's dialog.showOpenDialog, reduced to what picking files for a reply needs. */
export type ShowOpenDialog = (options: { title: string; properties: Array<'openFile' | 'multiSelections'> }) => Promise<{ canceled: boolean; filePaths: string[] }>;

export interface ShellIpcOptions {
  shell: ShellLike;
  /** Downloads the attachment if needed and answers where it is on disk. */
  attachmentPath(id: number): Promise<string>;
  /** The same for an order document. */
  orderDocumentPath(id: number): Promise<string>;
  /** The system's file picker. */
  showOpenDialog: ShowOpenDialog;
  /** Stores a file as an upload (the app service's uploadFile), its bytes streamed from disk. */
  upload(file: { name: string; contentType: string | null; bytes: AsyncIterable<Uint8Array> }): Promise<Upload>;
  isTrustedSender(event: unknown): boolean;
  log(message: string): void;
}

export const SHELL_CHANNELS = [OPEN_EXTERNAL_CHANNEL, OPEN_ATTACHMENT_CHANNEL, OPEN_ORDER_DOCUMENT_CHANNEL, PICK_FILES_CHANNEL] as const;

export function registerShellHandlers(ipcMain: IpcMainLike, options: ShellIpcOptions): () => void {
  ipcMain.handle(OPEN_EXTERNAL_CHANNEL, (event, url) => {
    if (!options.isTrustedSender(event)) return;
    if (!openExternalSafely(url, options.shell.openExternal)) options.log(`refused to open ${String(url).slice(0, 200)}`);
  });

  const openWithDefaultApp = (channel: string, what: string, pathOf: (id: number) => Promise<string>) =>
    ipcMain.handle(channel, async (event, input): Promise<Result<{ opened: true }>> => {
      if (!options.isTrustedSender(event)) return { ok: false, error: { code: 'forbidden', message: 'Sender not allowed' } };
      const id = idSchema.safeParse(typeof input === 'object' && input !== null ? (input as { id?: unknown }).id : input);
      if (!id.success) return { ok: false, error: { code: 'invalid_field', message: `${what} id must be a positive integer`, field: 'id' } };
      return openFile(() => pathOf(id.data), id.data, what);
    });
  openWithDefaultApp(OPEN_ATTACHMENT_CHANNEL, 'Attachment', options.attachmentPath);
  openWithDefaultApp(OPEN_ORDER_DOCUMENT_CHANNEL, 'Order document', options.orderDocumentPath);

  ipcMain.handle(PICK_FILES_CHANNEL, async (event): Promise<Result<Upload[]>> => {
    if (!options.isTrustedSender(event)) return { ok: false, error: { code: 'forbidden', message: 'Sender not allowed' } };
    const picked = await options.showOpenDialog({ title: 'Attach files to the reply', properties: ['openFile', 'multiSelections'] });
    if (picked.canceled) return { ok: true, value: [] };
    const uploads: Upload[] = [];
    try {
      for (const file of picked.filePaths) {
        const { size } = await fs.stat(file);
        if (size > fileUpload.maxBytes) {
          return { ok: false, error: { code: 'payload_too_large', message: `"${path.basename(file)}" is over ${humanSize(fileUpload.maxBytes)}, Mirakl's limit for a message and its files` } };
        }
        uploads.push(await options.upload({ name: path.basename(file), contentType: null, bytes: createReadStream(file) }));
      }
      return { ok: true, value: uploads };
    } catch (error) {
      const mapped = toApiError(error);
      if (mapped.unexpected) options.log(`attaching picked files failed: ${(error as Error)?.stack ?? String(error)}`);
      return { ok: false, error: mapped.unexpected ? { code: 'internal', message: `The file could not be read: ${(error as Error)?.message ?? String(error)}` } : mapped.error };
    }
  });

  /** Downloads the file if need be, then hands it to the system, unless it could run a program. */
  async function openFile(pathOf: () => Promise<string>, id: number, what: string): Promise<Result<{ opened: true }>> {
    try {
      const file = await pathOf();
      if (!canOpenWithDefaultApp(file)) {
        options.shell.showItemInFolder(file);
        return {
          ok: false,
          error: { code: 'forbidden', message: 'This type of file could run a program, so it was not opened. It is shown in its folder instead.' },
        };
      }
      const failure = await options.shell.openPath(file);
      if (failure !== '') return { ok: false, error: { code: 'conflict', message: `The file could not be opened: ${failure}` } };
      return { ok: true, value: { opened: true } };
    } catch (error) {
      const mapped = toApiError(error);
      if (mapped.unexpected) options.log(`opening ${what.toLowerCase()} ${id} failed: ${(error as Error)?.stack ?? String(error)}`);
      return { ok: false, error: mapped.error };
    }
  }

  return () => {
    for (const channel of SHELL_CHANNELS) ipcMain.removeHandler(channel);
  };
}
