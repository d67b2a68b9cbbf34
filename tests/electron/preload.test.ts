// The preload under a stand-in electron: what it puts on window.miraklCs, and that the
// page can reach the contract's operations and nothing else through it.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { attachmentDownload, channelOf, EVENTS_CHANNEL, fileUpload, orderDocumentDownload, type AppEvent } from '../../src-shared/contract';
import {
  OPEN_ATTACHMENT_CHANNEL,
  OPEN_EXTERNAL_CHANNEL,
  OPEN_ORDER_DOCUMENT_CHANNEL,
  PICK_FILES_CHANNEL,
  PRELOAD_GLOBAL,
  type PreloadApi,
} from '../../src-shared/preload-api';

const bridge = vi.hoisted(() => {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  return {
    exposed: new Map<string, unknown>(),
    invoked: [] as Array<[string, unknown]>,
    listeners,
    emit(channel: string, payload: unknown) {
      for (const l of listeners.get(channel) ?? []) l({ sender: 'ipc' }, payload);
    },
  };
});

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => bridge.exposed.set(key, api) },
  ipcRenderer: {
    invoke: (channel: string, arg: unknown) => {
      bridge.invoked.push([channel, arg]);
      return Promise.resolve({ ok: true, value: null });
    },
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      if (!bridge.listeners.has(channel)) bridge.listeners.set(channel, new Set());
      bridge.listeners.get(channel)!.add(listener);
    },
    removeListener: (channel: string, listener: (...args: unknown[]) => void) => bridge.listeners.get(channel)?.delete(listener),
  },
}));

describe('preload bridge', () => {
  let api: PreloadApi;
  beforeAll(async () => {
    await import('../../src-main/electron/preload');
    api = bridge.exposed.get(PRELOAD_GLOBAL) as PreloadApi;
  });

  it('exposes exactly the PreloadApi, as window.miraklCs, and nothing else', () => {
    expect([...bridge.exposed.keys()]).toEqual(['miraklCs']);
    expect(Object.keys(api).sort()).toEqual([
      'call',
      'downloadAttachment',
      'downloadOrderDocument',
      'onEvent',
      'openAttachment',
      'openExternal',
      'openOrderDocument',
      'pickFiles',
      'uploadFile',
    ]);
  });

  it('sends operations on their contract channel', async () => {
    bridge.invoked.length = 0;
    await api.call('listConversations', { limit: 5 });
    expect(bridge.invoked).toEqual([[channelOf('listConversations'), { limit: 5 }]]);
  });

  it('does not let a made-up operation name reach another channel', async () => {
    bridge.invoked.length = 0;
    for (const name of ['open-external', 'open-attachment', 'attachment', 'event', '__proto__', 'constructor', 'toString']) {
      expect(await api.call(name as never, {})).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
    expect(bridge.invoked).toEqual([]);
  });

  it('downloads and opens attachments and links on their own channels', async () => {
    bridge.invoked.length = 0;
    await api.downloadAttachment(7);
    await api.openAttachment(8);
    await api.openExternal('https://example.com/');
    expect(bridge.invoked).toEqual([
      [attachmentDownload.channel, { id: 7 }],
      [OPEN_ATTACHMENT_CHANNEL, { id: 8 }],
      [OPEN_EXTERNAL_CHANNEL, 'https://example.com/'],
    ]);
  });

  it('reaches files only through named channels: order documents by id, uploads by bytes, the picker without arguments', async () => {
    bridge.invoked.length = 0;
    await api.downloadOrderDocument(3);
    await api.openOrderDocument(4);
    const bytes = new Uint8Array([1, 2]);
    // Extra fields a page might add (a path, a handle) never cross.
    await api.uploadFile({ name: 'photo.jpg', contentType: 'image/jpeg', bytes, path: '/etc/passwd' } as never);
    await api.pickFiles();
    expect(bridge.invoked).toEqual([
      [orderDocumentDownload.channel, { id: 3 }],
      [OPEN_ORDER_DOCUMENT_CHANNEL, { id: 4 }],
      [fileUpload.channel, { name: 'photo.jpg', contentType: 'image/jpeg', bytes }],
      [PICK_FILES_CHANNEL, undefined],
    ]);
  });

  it('passes events to the page without the IPC event object, until unsubscribed', () => {
    const seen: unknown[] = [];
    const unsubscribe = api.onEvent((event) => seen.push(event));
    const event: AppEvent = { type: 'message.deleted', messageId: 1, conversationId: 2 };
    bridge.emit(EVENTS_CHANNEL, event);
    unsubscribe();
    bridge.emit(EVENTS_CHANNEL, event);
    expect(seen).toEqual([event]);
  });
});
