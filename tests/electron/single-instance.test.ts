// A second launch: the lock is held by the first instance, so this one quits at once,
// before opening the store or a window (the first instance gets focused instead).
import { describe, expect, it, vi } from 'vitest';
import { fake } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

describe('single instance', () => {
  it('quits without a window or a store when another instance holds the lock', async () => {
    fake.app.singleInstance = false;
    await import('../../src-main/electron/main');
    expect(await fake.app.exitedWith).toBe(0);
    expect(fake.app.calls).toEqual(['enableSandbox', 'requestSingleInstanceLock', 'quit', 'exit 0']);
    expect(fake.BrowserWindow.instances).toEqual([]);
    expect(fake.ipcMain.handlers.size).toBe(0);
  });
});
