// Runs in the main process (electron).
//
// The one window: created with the secure options, placed where the user left it (fitted
// to today's displays), and its size and position written back when they change. (Its
// navigation guard is installed for every web contents by main.ts.)
import { BrowserWindow, screen } from 'electron';
import { mainWindowOptions } from './window-options';
import { fitToDisplays, type WindowState } from './window-state';
import { loadWindowState, saveWindowState } from './window-state-file';

export interface MainWindowOptions {
  pageUrl: string;
  preloadPath: string;
  stateFile: string;
  devTools: boolean;
  log(message: string): void;
}

/** Waits this long after the last move or resize before writing the file. */
const SAVE_DELAY_MS = 500;

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const primary = screen.getPrimaryDisplay();
  const workAreas = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
  const state = fitToDisplays(loadWindowState(options.stateFile), workAreas);
  const win = new BrowserWindow(mainWindowOptions(state, options.preloadPath, options.devTools));
  // Shown once the first paint is ready, so no blank window flashes; maximize() would show it early.
  win.once('ready-to-show', () => {
    if (state.maximized) win.maximize();
    win.show();
  });
  trackWindowState(win, options.stateFile, options.log);
  void win.loadURL(options.pageUrl);
  return win;
}

function currentState(win: BrowserWindow): WindowState {
  // The normal bounds: a maximized window remembers the size it goes back to.
  const bounds = win.getNormalBounds();
  return { ...bounds, maximized: win.isMaximized() };
}

function trackWindowState(win: BrowserWindow, file: string, log: (message: string) => void): void {
  let timer: NodeJS.Timeout | null = null;
  const save = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (win.isDestroyed() || win.isMinimized() || win.isFullScreen()) return;
    try {
      saveWindowState(file, currentState(win));
    } catch (error) {
      log(`cannot save the window state: ${(error as Error).message}`);
    }
  };
  const saveSoon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY_MS);
  };
  win.on('resize', saveSoon);
  win.on('move', saveSoon);
  win.on('maximize', saveSoon);
  win.on('unmaximize', saveSoon);
  win.on('close', save);
}
