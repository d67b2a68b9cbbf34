// The IPC transport, generated from the contract: one handler per operation on
// channelOf(name), the attachment channel, and AppEvents pushed on EVENTS_CHANNEL.
// Inputs are validated with the same zod schemas as HTTP; answers are Result<T>, so
// error codes survive the trip (a thrown Error would arrive as a bare message).
// No `electron` import: the shell passes its ipcMain, tests pass a stand-in.
import {
  attachmentDownload,
  channelOf,
  EVENTS_CHANNEL,
  fileUpload,
  orderDocumentDownload,
  type AppEvent,
  type AttachmentFile,
  type OperationName,
  type Result,
  type Upload,
} from '../../src-shared/contract';
import { humanSize } from '../../src-shared/human-size';
import { issuesToApiError, toApiError } from '../transport/api-error';
import { operationNames, parseOperationInput, runOperation } from '../transport/operation-call';
import type { ServicePort } from '../transport/service-port';

/** The part of Electron's ipcMain this module uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: unknown, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** Pushes an event to the page (the shell passes `(channel, e) => win.webContents.send(channel, e)`). */
export type EventSender = (channel: string, event: AppEvent) => void;

export interface IpcOptions {
  /**
   * Checked before every call (e.g. the sender frame's URL is the app's own page); refused
   * calls answer `forbidden`. Required: no default trusts every sender.
   */
  isTrustedSender: (event: unknown) => boolean;
  /** Unexpected failures, with their stack; stderr by default. */
  logError?: (message: string, error: unknown) => void;
}

/** Every channel registerIpcHandlers handles, in contract order. */
export const IPC_CHANNELS: readonly string[] = [...operationNames.map(channelOf), attachmentDownload.channel, orderDocumentDownload.channel, fileUpload.channel];

const defaultLogError = (message: string, error: unknown) => {
  process.stderr.write(`${message}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
};

/**
 * Registers every handler; with `sendEvent`, also forwards the service's events to it.
 * Returns a function that removes the handlers and stops forwarding.
 */
export function registerIpcHandlers(ipcMain: IpcMainLike, service: ServicePort, sendEvent: EventSender | undefined, options: IpcOptions): () => void {
  const log = options.logError ?? defaultLogError;
  const trusted = options.isTrustedSender;

  const guarded =
    <T>(channel: string, run: (input: unknown) => Promise<Result<T>>) =>
    async (event: unknown, input?: unknown): Promise<Result<T>> => {
      if (!trusted(event)) return { ok: false, error: { code: 'forbidden', message: 'Sender not allowed' } };
      try {
        return await run(input);
      } catch (error) {
        const mapped = toApiError(error);
        if (mapped.unexpected) log(`IPC ${channel} failed`, error);
        return { ok: false, error: mapped.error };
      }
    };

  for (const name of operationNames) {
    const channel = channelOf(name);
    ipcMain.handle(channel, guarded(channel, (input) => callOperation(service, name, input)));
  }
  for (const [spec, read] of [
    [attachmentDownload, (id: number) => service.downloadAttachment(id)],
    [orderDocumentDownload, (id: number) => service.downloadOrderDocument(id)],
  ] as const) {
    ipcMain.handle(
      spec.channel,
      guarded(spec.channel, async (input): Promise<Result<AttachmentFile>> => {
        // `{ id }` as the contract says; a bare id is accepted too, as the preload's download functions take one.
        const parsed = spec.input.safeParse(typeof input === 'number' ? { id: input } : (input ?? {}));
        if (!parsed.success) return { ok: false, error: issuesToApiError(parsed.error.issues) };
        return { ok: true, value: await read(parsed.data.id) };
      }),
    );
  }
  ipcMain.handle(
    fileUpload.channel,
    guarded(fileUpload.channel, async (input): Promise<Result<Upload>> => {
      const parsed = fileUpload.input.safeParse(input ?? {});
      if (!parsed.success) return { ok: false, error: issuesToApiError(parsed.error.issues) };
      if (parsed.data.bytes.byteLength > fileUpload.maxBytes) {
        return { ok: false, error: { code: 'payload_too_large', message: `The file is over ${humanSize(fileUpload.maxBytes)}, Mirakl's limit for a message and its files` } };
      }
      return { ok: true, value: await service.uploadFile(parsed.data) };
    }),
  );
  const stopForwarding = sendEvent ? forwardEvents(service, sendEvent) : () => undefined;

  return () => {
    stopForwarding();
    for (const channel of IPC_CHANNELS) ipcMain.removeHandler(channel);
  };
}

async function callOperation(service: ServicePort, name: OperationName, raw: unknown): Promise<Result<unknown>> {
  // An operation without fields may be called with no argument at all.
  const input = parseOperationInput(name, raw === undefined ? {} : raw);
  if (!input.ok) return { ok: false, error: input.error };
  return { ok: true, value: await runOperation(service.api, name, input.value) };
}

/** Pushes every AppEvent of the service on EVENTS_CHANNEL; returns the unsubscribe function. */
export function forwardEvents(service: Pick<ServicePort, 'subscribe'>, send: EventSender): () => void {
  return service.subscribe((event) => {
    try {
      send(EVENTS_CHANNEL, event);
    } catch {
      // The window is gone (closed or reloading); the next window subscribes afresh.
    }
  });
}
