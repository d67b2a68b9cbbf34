// The IPC transport with a stand-in ipcMain (a map of channel → handler) over the real
// service: every operation has its handler, answers are Result<T>, and validation errors
// keep their code and field across the boundary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attachmentDownload,
  fileUpload,
  orderDocumentDownload,
  channelOf,
  EVENTS_CHANNEL,
  operations,
  type AppEvent,
  type ConversationDetail,
  type ConversationPage,
  type OperationName,
  type Result,
} from '../../src-shared/contract';
import { IPC_CHANNELS, registerIpcHandlers, type IpcMainLike } from '../../src-main/ipc/register-handlers';
import { serviceFixture, TEST_VERSION, type ServiceFixture } from '../helpers/http-fixture';
import { tempDir } from '../helpers/temp-dir';
import { one, sql } from '../helpers/test-store';

/** Electron's ipcMain as far as the transport uses it. Refuses a second handler on a channel, as Electron does. */
class StandInIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  handle(channel: string, listener: (event: unknown, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke<T = unknown>(channel: string, ...args: unknown[]): Promise<Result<T>> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return Promise.resolve(handler({ senderFrame: { url: 'app://inbox/' } }, ...args)) as Promise<Result<T>>;
  }
}

describe('IPC transport', () => {
  const dir = tempDir();
  let f: ServiceFixture;
  const ipc = new StandInIpcMain();
  const pushed: Array<[string, AppEvent]> = [];
  let dispose: () => void;

  beforeAll(async () => {
    f = await serviceFixture(dir, { threads: 12 });
    dispose = registerIpcHandlers(ipc, f.service, (channel, event) => pushed.push([channel, event]), { isTrustedSender: () => true });
  });
  afterAll(async () => {
    dispose?.();
    await f?.close();
  });

  it('has a handler for every operation of the contract, plus the file channels, and nothing else', () => {
    for (const name of Object.keys(operations) as OperationName[]) expect(ipc.handlers.has(channelOf(name)), name).toBe(true);
    for (const channel of [attachmentDownload.channel, orderDocumentDownload.channel, fileUpload.channel]) expect(ipc.handlers.has(channel)).toBe(true);
    expect([...ipc.handlers.keys()].sort()).toEqual([...IPC_CHANNELS].sort());
    expect(IPC_CHANNELS).toHaveLength(Object.keys(operations).length + 3);
  });

  it('answers {ok: true, value} with the parsed input (defaults applied, numeric strings coerced)', async () => {
    expect(await ipc.invoke(channelOf('health'))).toEqual({ ok: true, value: { ok: true, version: TEST_VERSION } });
    const page = await ipc.invoke<ConversationPage>(channelOf('listConversations'), { limit: '5' });
    expect(page.ok && page.value.items).toHaveLength(5);
    const id = page.ok ? page.value.items[0]!.id : 0;
    const detail = await ipc.invoke<ConversationDetail>(channelOf('getConversation'), { id });
    expect(detail.ok && detail.value.conversation.id).toBe(id);
    const counts = await ipc.invoke(channelOf('countConversations'), {});
    expect(counts).toEqual({
      ok: true,
      value: { all: 12, replyNeeded: expect.any(Number), unread: expect.any(Number), snoozed: 0, accounts: [expect.objectContaining({ all: 12 })] },
    });
  });

  it('a field the contract rejects comes back as {ok: false, error: {code: invalid_field, field}}', async () => {
    const cases: Array<[OperationName, unknown, string]> = [
      ['sendMessage', { id: 1, body: 'x' }, 'body'],
      ['sendMessage', { id: 1, body: 'ok\u0000then' }, 'body'],
      ['sendMessage', { id: -1, body: 'hello' }, 'id'],
      ['getConversation', { id: 9007199254740993 }, 'id'],
      ['getConversation', { id: 'abc' }, 'id'],
      ['listConversations', { limit: 1e30 }, 'limit'],
      ['listConversations', { bogus: 1 }, 'bogus'],
      ['listConversations', { cursor: 'forged' }, 'cursor'],
      ['addConnection', { baseUrl: 'javascript:alert(1)', apiKey: 'k' }, 'baseUrl'],
      ['setPreferences', { httpApi: { port: 80 } }, 'httpApi.port'],
    ];
    const before = await one(f.store, sql`SELECT count(*) AS n FROM messages`);
    for (const [name, input, field] of cases) {
      const result = await ipc.invoke(channelOf(name), input);
      expect(result, `${name} ${JSON.stringify(input)}`).toEqual({ ok: false, error: { code: 'invalid_field', message: expect.any(String), field } });
    }
    expect(await one(f.store, sql`SELECT count(*) AS n FROM messages`)).toEqual(before);
    const notObject = await ipc.invoke(channelOf('getConversation'), 'abc');
    expect(notObject).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('service errors keep their code; unexpected ones become a generic internal error, logged', async () => {
    expect(await ipc.invoke(channelOf('getConversation'), { id: 999_999 })).toEqual({
      ok: false,
      error: { code: 'not_found', message: expect.any(String) },
    });
    const logged: unknown[] = [];
    const ipc2 = new StandInIpcMain();
    const broken = { ...f.service, api: { ...f.service.api, health: () => Promise.reject(new Error('secret detail /home/x/db')) } };
    const dispose2 = registerIpcHandlers(ipc2, broken, undefined, { isTrustedSender: () => true, logError: (_m, e) => logged.push(e) });
    const result = await ipc2.invoke(channelOf('health'));
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: expect.not.stringContaining('secret') } });
    expect(logged).toHaveLength(1);
    dispose2();
    expect(ipc2.handlers.size).toBe(0);
  });

  it('downloads an attachment on the attachment channel, by { id } or a bare id', async () => {
    const row = (await one<{ id: number }>(f.store, sql`SELECT id FROM attachments ORDER BY id LIMIT 1`))!;
    const file = await ipc.invoke<{ name: string; contentType: string; bytes: Uint8Array }>(attachmentDownload.channel, { id: row.id });
    expect(file.ok && file.value.bytes.byteLength).toBeGreaterThan(0);
    expect((await ipc.invoke(attachmentDownload.channel, row.id)).ok).toBe(true);
    expect(await ipc.invoke(attachmentDownload.channel, { id: 'abc' })).toMatchObject({ ok: false, error: { code: 'invalid_field', field: 'id' } });
    expect(await ipc.invoke(attachmentDownload.channel, { id: 999_999 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('pushes the service events on the events channel (markRead, sendMessage)', async () => {
    pushed.length = 0;
    const page = await ipc.invoke<ConversationPage>(channelOf('listConversations'), { limit: 1 });
    const id = page.ok ? page.value.items[0]!.id : 0;
    await ipc.invoke(channelOf('markRead'), { id });
    expect(pushed).toContainEqual([EVENTS_CHANNEL, { type: 'conversation.upserted', conversation: expect.objectContaining({ id, unreadCount: 0 }) }]);
    const sent = await ipc.invoke<{ id: number }>(channelOf('sendMessage'), { id, body: 'Sent through IPC' });
    expect(sent.ok).toBe(true);
    const deadline = Date.now() + 5_000;
    const delivered = () => pushed.some(([, e]) => e.type === 'message.upserted' && e.message.id === (sent.ok ? sent.value.id : 0) && e.message.status === 'delivered');
    while (!delivered() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(delivered()).toBe(true);
  });

  it('refuses calls from an untrusted sender with forbidden', async () => {
    const ipc2 = new StandInIpcMain();
    const dispose2 = registerIpcHandlers(ipc2, f.service, undefined, { isTrustedSender: () => false });
    expect(await ipc2.invoke(channelOf('health'))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await ipc2.invoke(attachmentDownload.channel, { id: 1 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    dispose2();
  });

  it('dispose removes every handler and stops forwarding events', async () => {
    const ipc2 = new StandInIpcMain();
    const received: AppEvent[] = [];
    const dispose2 = registerIpcHandlers(ipc2, f.service, (_c, e) => received.push(e), { isTrustedSender: () => true });
    dispose2();
    expect(ipc2.handlers.size).toBe(0);
    const page = await ipc.invoke<ConversationPage>(channelOf('listConversations'), { limit: 1 });
    await ipc.invoke(channelOf('markRead'), { id: page.ok ? page.value.items[0]!.id : 0 });
    expect(received).toEqual([]);
    // Registering again after dispose works (the shell re-registers after a reload).
    registerIpcHandlers(ipc2, f.service, undefined, { isTrustedSender: () => true })();
  });
});
