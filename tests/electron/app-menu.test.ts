import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { appMenuTemplate, SYNC_NOW_ACCELERATOR } from '../../src-main/electron/app-menu';

const items = (template: MenuItemConstructorOptions[]) => template.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? i.submenu : [])]);

describe('application menu', () => {
  for (const platform of ['darwin', 'win32', 'linux'] as const) {
    it(`has the usual roles and "Sync now" on ${platform}`, () => {
      let synced = 0;
      const opened: string[] = [];
      const template = appMenuTemplate({ platform, dev: false, onSyncNow: () => (synced += 1), onHelp: () => undefined, onOpen: (panel) => opened.push(panel) });
      const all = items(template);
      expect(all.map((i) => i.role).filter(Boolean)).toEqual(expect.arrayContaining(['editMenu', 'windowMenu', 'help', 'quit', 'zoomIn', 'togglefullscreen']));
      const syncNow = all.find((i) => i.id === 'sync-now')!;
      expect(syncNow.accelerator).toBe(SYNC_NOW_ACCELERATOR);
      (syncNow.click as () => void)();
      expect(synced).toBe(1);
      // Ctrl/Cmd+R belongs to "Sync now": no reload role may claim it, nor the developer tools in a release.
      expect(all.some((i) => i.role === 'reload' || i.role === 'toggleDevTools' || i.role === 'forceReload')).toBe(false);
      expect(all.filter((i) => i.accelerator === SYNC_NOW_ACCELERATOR)).toHaveLength(1);
      // Settings where each platform's users look for it (Cmd+, on macOS), and the shortcuts under Help.
      const settings = all.find((i) => i.id === 'settings')!;
      expect(settings.accelerator).toBe('CmdOrCtrl+,');
      (settings.click as () => void)();
      const help = template.find((i) => i.role === 'help')!;
      const shortcuts = (help.submenu as MenuItemConstructorOptions[]).find((i) => i.id === 'shortcuts')!;
      (shortcuts.click as () => void)();
      expect(opened).toEqual(['settings', 'shortcuts']);
    });
  }

  it('puts the app menu first on macOS only', () => {
    expect(appMenuTemplate({ platform: 'darwin', dev: false, onSyncNow: () => undefined, onHelp: () => undefined, onOpen: () => undefined })[0]!.label).toBe('Mirakl Customer Service');
    expect(appMenuTemplate({ platform: 'linux', dev: false, onSyncNow: () => undefined, onHelp: () => undefined, onOpen: () => undefined })[0]!.label).toBe('&File');
  });

  it('offers a forced reload and the developer tools in development', () => {
    const all = items(appMenuTemplate({ platform: 'linux', dev: true, onSyncNow: () => undefined, onHelp: () => undefined, onOpen: () => undefined }));
    expect(all.map((i) => i.role)).toEqual(expect.arrayContaining(['forceReload', 'toggleDevTools']));
  });
});
