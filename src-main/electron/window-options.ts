// Runs in the main process; pure (types only from electron), tested under Node.
//
// The main window's constructor options. The webPreferences are the security boundary
// between the page (which renders text from strangers) and the machine: no Node in the
// page, the preload in its own isolated world, the renderer process sandboxed by the OS.
// Nothing here is ever relaxed, not for tests either.
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { MIN_WINDOW_SIZE, type WindowState } from './window-state';
import { APP_NAME } from '../config';

export function secureWebPreferences(preloadPath: string, devTools: boolean): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    // Dropping a file on the window would otherwise navigate to it.
    navigateOnDragDrop: false,
    safeDialogs: true,
    // The OS's checker where there is one; never a dictionary fetched from elsewhere (session-security.ts).
    spellcheck: true,
    devTools,
  };
}

export function mainWindowOptions(state: WindowState, preloadPath: string, devTools: boolean): BrowserWindowConstructorOptions {
  return {
    title: APP_NAME,
    width: state.width,
    height: state.height,
    ...(state.x !== null && state.y !== null ? { x: state.x, y: state.y } : {}),
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    // Shown on ready-to-show (main-window.ts): no blank window before the first paint.
    show: false,
    autoHideMenuBar: false,
    webPreferences: secureWebPreferences(preloadPath, devTools),
  };
}
