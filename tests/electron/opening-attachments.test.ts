import { describe, expect, it } from 'vitest';
import { OPEN_ATTACHMENT_CHANNEL, OPEN_EXTERNAL_CHANNEL } from '../../src-shared/preload-api';
import { canOpenWithDefaultApp } from '../../src-main/electron/attachment-opening';
import { registerShellHandlers, SHELL_CHANNELS, type ShellLike } from '../../src-main/electron/shell-ipc';
import { ServiceError } from '../../src-main/service/errors';
import type { IpcMainLike } from '../../src-main/ipc/register-handlers';

const TRUSTED = { trusted: true };

function setup(files: Record<number, string>) {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const ipc: IpcMainLike = { handle: (c, h) => void handlers.set(c, h), removeHandler: (c) => void handlers.delete(c) };
  const did: string[] = [];
  const shell: ShellLike = {
    openExternal: async (url) => void did.push(`browser ${url}`),
    openPath: async (file) => {
      did.push(`open ${file}`);
      return file.includes('broken') ? 'No application is associated' : '';
    },
    showItemInFolder: (file) => void did.push(`reveal ${file}`),
  };
  const remove = registerShellHandlers(ipc, {
    shell,
    attachmentPath: async (id) => {
      const file = files[id];
      if (!file) throw new ServiceError('not_found', `Attachment ${id} does not exist`);
      return file;
    },
    orderDocumentPath: async (id) => {
      throw new ServiceError('not_found', `Order document ${id} does not exist`);
    },
    showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    upload: async () => {
      throw new Error('not used here');
    },
    isTrustedSender: (event) => event === TRUSTED,
    log: () => undefined,
  });
  const call = (channel: string, input: unknown, event: unknown = TRUSTED) => Promise.resolve(handlers.get(channel)!(event, input));
  return { call, did, handlers, remove };
}

describe('opening attachments', () => {
  it.each(['photo.JPG', 'invoice.pdf', 'notes.txt', 'order.xlsx'])('opens %s with the default application', (name) => {
    expect(canOpenWithDefaultApp(`/cache/attachments/1/${name}`)).toBe(true);
  });

  it.each(['setup.exe', 'run.bat', 'x.cmd', 'a.ps1', 'b.vbs', 'c.js', 'd.jar', 'e.app', 'f.desktop', 'g.command', 'h.sh', 'i.lnk', 'j.scr', 'k.msi', 'l.html', 'm.svg', 'noextension', 'invoice.pdf.exe'])(
    'never runs %s',
    (name) => {
      expect(canOpenWithDefaultApp(`/cache/attachments/1/${name}`)).toBe(false);
    },
  );

  it('opens a document, reveals a program in its folder instead, and reports failures', async () => {
    const { call, did } = setup({ 1: '/cache/1/invoice.pdf', 2: '/cache/2/invoice.pdf.exe', 3: '/cache/3/broken.pdf' });
    expect(await call(OPEN_ATTACHMENT_CHANNEL, { id: 1 })).toEqual({ ok: true, value: { opened: true } });
    expect(await call(OPEN_ATTACHMENT_CHANNEL, { id: 2 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(OPEN_ATTACHMENT_CHANNEL, { id: 3 })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('No application') } });
    expect(await call(OPEN_ATTACHMENT_CHANNEL, { id: 4 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(did).toEqual(['open /cache/1/invoice.pdf', 'reveal /cache/2/invoice.pdf.exe', 'open /cache/3/broken.pdf']);
  });

  it('validates the id and the sender', async () => {
    const { call, did } = setup({ 1: '/cache/1/invoice.pdf' });
    for (const bad of [{ id: -1 }, { id: 'x' }, {}, null, { id: 1.5 }]) {
      expect(await call(OPEN_ATTACHMENT_CHANNEL, bad)).toMatchObject({ ok: false, error: { code: 'invalid_field', field: 'id' } });
    }
    expect(await call(OPEN_ATTACHMENT_CHANNEL, { id: 1 }, { trusted: false })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await call(OPEN_EXTERNAL_CHANNEL, 'https://example.com/', { trusted: false });
    expect(did).toEqual([]);
  });

  it('removes its handlers', () => {
    const { handlers, remove } = setup({});
    expect([...handlers.keys()].sort()).toEqual([...SHELL_CHANNELS].sort());
    remove();
    expect(handlers.size).toBe(0);
  });
});
