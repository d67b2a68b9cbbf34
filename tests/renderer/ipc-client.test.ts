import { expect, test, vi } from 'vitest';
import type { AppEvent, Result } from '../../src-shared/contract';
import { InboxError } from '../../src-shared/inbox-client';
import type { PreloadApi } from '../../src-shared/preload-api';
import { IpcInboxClient } from '../../src-renderer/client/ipc-client';

function bridge(overrides: Partial<PreloadApi> = {}): PreloadApi {
  return {
    call: vi.fn(async () => ({ ok: true, value: { all: 3, replyNeeded: 1, unread: 2 } }) as Result<unknown>),
    onEvent: vi.fn(() => () => {}),
    downloadAttachment: vi.fn(async () => ({ ok: true, value: { name: 'a.pdf', contentType: 'application/pdf', bytes: new Uint8Array([1]) } }) as const),
    openAttachment: vi.fn(async () => ({ ok: true, value: { opened: true } }) as const),
    openExternal: vi.fn(async () => {}),
    downloadOrderDocument: vi.fn(async () => ({ ok: true, value: { name: 'facture.pdf', contentType: 'application/pdf', bytes: new Uint8Array([1]) } }) as const),
    openOrderDocument: vi.fn(async () => ({ ok: true, value: { opened: true } }) as const),
    uploadFile: vi.fn(async () => ({ ok: true, value: { id: 1, name: 'a.pdf', size: 1, contentType: 'application/pdf' } }) as const),
    pickFiles: vi.fn(async () => ({ ok: true, value: [] }) as Result<never[]>),
    ...overrides,
  };
}

test('results are unwrapped; errors keep their code and field', async () => {
  const ok = new IpcInboxClient(bridge());
  expect(await ok.call('countConversations', {})).toEqual({ all: 3, replyNeeded: 1, unread: 2 });
  const failing = new IpcInboxClient(bridge({ call: async () => ({ ok: false, error: { code: 'invalid_field', message: 'too short', field: 'body' } }) }));
  const error = await failing.call('sendMessage', { id: 1, body: 'x' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InboxError);
  expect([(error as InboxError).code, (error as InboxError).field]).toEqual(['invalid_field', 'body']);
});

test('a bridge that throws becomes an "unreachable" InboxError', async () => {
  const client = new IpcInboxClient(bridge({ call: async () => Promise.reject(new Error('No handler registered')) }));
  await expect(client.call('health', {})).rejects.toMatchObject({ code: 'unreachable', message: 'No handler registered' });
});

test('events come through; the link is always live', () => {
  let forward: ((event: AppEvent) => void) | null = null;
  const client = new IpcInboxClient(bridge({ onEvent: (listener) => ((forward = listener), () => (forward = null)) }));
  const seen: AppEvent[] = [];
  const off = client.subscribe((event) => seen.push(event));
  forward!({ type: 'message.deleted', messageId: 4, conversationId: 2 });
  off();
  expect(seen).toHaveLength(1);
  expect(forward).toBeNull();
  expect(client.linkState()).toBe('live');
});

test('an attachment not on disk yet is downloaded, then opened', async () => {
  let opened = 0;
  const api = bridge({
    openAttachment: vi.fn(async () => (opened++ === 0 ? { ok: false as const, error: { code: 'not_found' as const, message: 'not downloaded' } } : { ok: true as const, value: { opened: true as const } })),
  });
  await new IpcInboxClient(api).openAttachment({ id: 7, name: 'photo.jpg' });
  expect(api.downloadAttachment).toHaveBeenCalledWith(7);
  expect(api.openAttachment).toHaveBeenCalledTimes(2);
});

test('an attachment the shell refuses to open is not downloaded and retried', async () => {
  const api = bridge({
    openAttachment: vi.fn(async () => ({ ok: false as const, error: { code: 'forbidden' as const, message: 'This file type could run a program' } })),
  });
  await expect(new IpcInboxClient(api).openAttachment({ id: 9, name: 'setup.exe' })).rejects.toThrow('could run a program');
  expect(api.downloadAttachment).not.toHaveBeenCalled();
  expect(api.openAttachment).toHaveBeenCalledTimes(1);
});
