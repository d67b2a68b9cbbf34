// Runs in the main process; pure (types only from electron), tested under Node.
//
// The application menu: the platform's usual roles plus "Sync now", Settings (Cmd/Ctrl+,
// where each platform's users look for it) and the keyboard shortcuts. Ctrl/Cmd+R is "Sync
// now", as in mail clients, so the view menu has no plain reload (a reload would only
// drop the technician's draft); a forced reload stays for development.
import type { MenuItemConstructorOptions } from 'electron';
import { APP_NAME } from '../config';

export interface AppMenuOptions {
  platform: NodeJS.Platform;
  /** Development build: adds reload and the developer tools. */
  dev: boolean;
  onSyncNow(): void;
  /** Opens the project's help page in the browser. */
  onHelp(): void;
  /** Asks the page to open a panel of its own. */
  onOpen(panel: 'settings' | 'shortcuts'): void;
}

export const SYNC_NOW_ACCELERATOR = 'CmdOrCtrl+R';

export function appMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const syncNow: MenuItemConstructorOptions = { id: 'sync-now', label: 'Sync Now', accelerator: SYNC_NOW_ACCELERATOR, click: () => options.onSyncNow() };
  const settings: MenuItemConstructorOptions = {
    id: 'settings',
    label: mac ? 'Settings…' : '&Settings…',
    accelerator: 'CmdOrCtrl+,',
    click: () => options.onOpen('settings'),
  };
  const shortcuts: MenuItemConstructorOptions = { id: 'shortcuts', label: 'Keyboard Shortcuts', accelerator: 'CmdOrCtrl+/', click: () => options.onOpen('shortcuts') };
  const devItems: MenuItemConstructorOptions[] = options.dev ? [{ role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }] : [];

  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: APP_NAME,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        settings,
        syncNow,
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  } else {
    template.push({ label: '&File', submenu: [syncNow, settings, { type: 'separator' }, { role: 'quit' }] });
  }
  template.push(
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [...devItems, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [shortcuts, { type: 'separator' }, { label: 'Learn More', click: () => options.onHelp() }] },
  );
  return template;
}
