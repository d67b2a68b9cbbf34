// A store that cannot be opened: the app says why in a dialog and exits, rather than
// showing an empty window.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { fake } from './fake-electron';
import { tempDir } from '../helpers/temp-dir';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

describe('startup failure', () => {
  it('shows the reason and exits with an error when the data folder is unusable', async () => {
    const blocker = path.join(tempDir('mcs-electron-fail-'), 'not-a-folder');
    fs.writeFileSync(blocker, 'a file where the data folder should be');
    fake.app.setPath('userData', blocker);
    fake.app.appPath = path.resolve(import.meta.dirname, '..', '..');
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await import('../../src-main/electron/main');
      expect(await fake.app.exitedWith).toBe(1);
    } finally {
      stderr.mockRestore();
    }
    expect(fake.dialog.errors).toHaveLength(1);
    expect(fake.dialog.errors[0]![0]).toBe('Mirakl Customer Service could not start');
    expect(fake.dialog.errors[0]![1]).toContain(blocker);
    expect(fake.BrowserWindow.instances).toEqual([]);
    expect(fake.ipcMain.handlers.size).toBe(0);
  });
});
