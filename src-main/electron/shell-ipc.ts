// Runs in the main process. Takes ipcMain and shell as arguments (no electron import),
// tested under Node with stand-ins.
//
// The two preload channels that belong to the desktop rather than to the contract:
// opening a link in the system browser and an attachment with its default application.
// Both re-check what the page sent: the page renders text from strangers.
import { idSchema, type Result } from '../../src-shared/contract';
import { OPEN_ATTACHMENT_CHANNEL, OPEN_EXTERNAL_CHANNEL } from '../../src-shared/preload-api';
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

export interface ShellIpcOptions {
  shell: ShellLike;
  /** Downloads the attachment if needed and answers where it is on disk. */
  attachmentPath(id: number): Promise<string>;
  isTrustedSender(event: unknown): boolean;
  log(message: string): void;
}

export const SHELL_CHANNELS = [OPEN_EXTERNAL_CHANNEL, OPEN_ATTACHMENT_CHANNEL] as const;

export function registerShellHandlers(ipcMain: IpcMainLike, options: ShellIpcOptions): () => void {
  ipcMain.handle(OPEN_EXTERNAL_CHANNEL, (event, url) => {
    if (!options.isTrustedSender(event)) return;
    if (!openExternalSafely(url, options.shell.openExternal)) options.log(`refused to open ${String(url).slice(0, 200)}`);
  });

  ipcMain.handle(OPEN_ATTACHMENT_CHANNEL, async (event, input): Promise<Result<{ opened: true }>> => {
    if (!options.isTrustedSender(event)) return { ok: false, error: { code: 'forbidden', message: 'Sender not allowed' } };
    const id = idSchema.safeParse(typeof input === 'object' && input !== null ? (input as { id?: unknown }).id : input);
    if (!id.success) return { ok: false, error: { code: 'invalid_field', message: 'Attachment id must be a positive integer', field: 'id' } };
    try {
      const file = await options.attachmentPath(id.data);
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
      if (mapped.unexpected) options.log(`opening attachment ${id.data} failed: ${(error as Error)?.stack ?? String(error)}`);
      return { ok: false, error: mapped.error };
    }
  });

  return () => {
    for (const channel of SHELL_CHANNELS) ipcMain.removeHandler(channel);
  };
}
