// A stand-in for the `electron` module, for loading the main process under plain Node
// (the Electron binary cannot run here). Each piece records what the app did with it and
// lets a test play the part of the user or the OS (emit events, call handlers). Only
// what the main process touches is here; behaviour mirrors Electron's where it matters
// (web-contents-created fires inside the BrowserWindow constructor, before-quit can be
// prevented, ipcMain refuses a second handler for a channel).
import { EventEmitter } from 'node:events';
import type { BrowserWindowConstructorOptions, HandlerDetails, MenuItemConstructorOptions, WindowOpenHandlerResponse } from 'electron';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

type Handler = (event: unknown, ...args: unknown[]) => unknown;

/** A cancellable event as Electron passes to will-navigate, before-quit… */
export function cancellableEvent<T extends object>(fields: T = {} as T): T & { defaultPrevented: boolean; preventDefault(): void } {
  const event = {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | null = null;
  readonly sent: Array<[string, unknown]> = [];
  url = '';
  destroyed = false;
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
  getURL(): string {
    return this.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

class FakeBrowserWindow extends EventEmitter {
  static readonly instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly calls: string[] = [];
  bounds: Rect;
  focused = false;
  minimized = false;
  maximized = false;
  destroyed = false;

  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 };
    FakeBrowserWindow.instances.push(this);
    // Electron announces the new web contents before the constructor returns.
    fake.app.emit('web-contents-created', cancellableEvent(), this.webContents);
  }
  loadURL(url: string): Promise<void> {
    this.calls.push(`loadURL ${url}`);
    this.webContents.url = url;
    return Promise.resolve();
  }
  show(): void {
    this.calls.push('show');
  }
  focus(): void {
    this.calls.push('focus');
    this.focused = true;
  }
  restore(): void {
    this.calls.push('restore');
    this.minimized = false;
  }
  maximize(): void {
    this.calls.push('maximize');
    this.maximized = true;
  }
  isFocused(): boolean {
    return this.focused;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isFullScreen(): boolean {
    return false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getNormalBounds(): Rect {
    return { ...this.bounds };
  }
}

class FakeIpcMain {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What ipcRenderer.invoke would get, sent from the given frame. */
  async invoke(channel: string, frameUrl: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler({ senderFrame: { url: frameUrl, parent: null } }, ...args);
  }
}

class FakeNotification extends EventEmitter {
  static readonly instances: FakeNotification[] = [];
  static isSupported(): boolean {
    return true;
  }
  shown = false;
  constructor(readonly options: { title: string; body: string }) {
    super();
    FakeNotification.instances.push(this);
  }
  show(): void {
    this.shown = true;
  }
}

class FakeApp extends EventEmitter {
  readonly paths = new Map<string, string>();
  appPath = process.cwd();
  singleInstance = true;
  badgeCounts: number[] = [];
  calls: string[] = [];
  exitCode: number | null = null;
  private exited!: (code: number) => void;
  /** Resolves with the exit code when the app calls app.exit(). */
  readonly exitedWith = new Promise<number>((resolve) => {
    this.exited = resolve;
  });
  readonly isPackaged = false;

  enableSandbox(): void {
    this.calls.push('enableSandbox');
  }
  requestSingleInstanceLock(): boolean {
    this.calls.push('requestSingleInstanceLock');
    return this.singleInstance;
  }
  setAppUserModelId(id: string): void {
    this.calls.push(`setAppUserModelId ${id}`);
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  getPath(name: string): string {
    const value = this.paths.get(name);
    if (!value) throw new Error(`Failed to get '${name}' path`);
    return value;
  }
  setPath(name: string, value: string): void {
    this.paths.set(name, value);
  }
  getAppPath(): string {
    return this.appPath;
  }
  getVersion(): string {
    return '0.1.0-test';
  }
  setBadgeCount(count: number): boolean {
    this.badgeCounts.push(count);
    return true;
  }
  /** As Electron: quit emits before-quit, which the app may prevent. */
  quit(): void {
    this.calls.push('quit');
    const event = cancellableEvent();
    this.emit('before-quit', event);
    if (!event.defaultPrevented) this.exit(0);
  }
  exit(code = 0): void {
    this.calls.push(`exit ${code}`);
    this.exitCode = code;
    this.exited(code);
  }
}

class FakeSession {
  headersListener: ((details: { responseHeaders?: Record<string, string[]> }, callback: (response: unknown) => void) => void) | null = null;
  requestListener: ((details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void) | null = null;
  spellCheckerDictionaryDownloadUrl: string | null = null;
  spellCheckerEnabled = true;
  permissionRequestHandler: ((...args: unknown[]) => void) | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  readonly webRequest = {
    onHeadersReceived: (listener: NonNullable<FakeSession['headersListener']>) => {
      this.headersListener = listener;
    },
    onBeforeRequest: (listener: NonNullable<FakeSession['requestListener']>) => {
      this.requestListener = listener;
    },
  };
  setSpellCheckerDictionaryDownloadURL(url: string): void {
    // As Electron: a URL it can parse, or it throws.
    new URL(url);
    this.spellCheckerDictionaryDownloadUrl = url;
  }
  setSpellCheckerEnabled(enabled: boolean): void {
    this.spellCheckerEnabled = enabled;
  }
  setPermissionRequestHandler(handler: (...args: unknown[]) => void): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: (...args: unknown[]) => boolean): void {
    this.permissionCheckHandler = handler;
  }
}

const primaryWorkArea: Rect = { x: 0, y: 0, width: 1440, height: 877 };

export const fake = {
  app: new FakeApp(),
  BrowserWindow: FakeBrowserWindow,
  ipcMain: new FakeIpcMain(),
  Notification: FakeNotification,
  session: { defaultSession: new FakeSession() },
  screen: {
    displays: [{ id: 1, workArea: primaryWorkArea }],
    getPrimaryDisplay() {
      return fake.screen.displays[0]!;
    },
    getAllDisplays() {
      return fake.screen.displays;
    },
  },
  shell: {
    opened: [] as string[],
    openedPaths: [] as string[],
    revealed: [] as string[],
    openExternal(url: string): Promise<void> {
      fake.shell.opened.push(url);
      return Promise.resolve();
    },
    openPath(file: string): Promise<string> {
      fake.shell.openedPaths.push(file);
      return Promise.resolve('');
    },
    showItemInFolder(file: string): void {
      fake.shell.revealed.push(file);
    },
  },
  safeStorage: {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => 'gnome_libsecret',
    encryptString: (plain: string) => Buffer.from(plain, 'utf8').reverse(),
    decryptString: (sealed: Buffer) => Buffer.from(sealed).reverse().toString('utf8'),
  },
  Menu: {
    applicationMenu: null as { template: MenuItemConstructorOptions[] } | null,
    buildFromTemplate(template: MenuItemConstructorOptions[]) {
      return { template };
    },
    setApplicationMenu(menu: { template: MenuItemConstructorOptions[] } | null) {
      fake.Menu.applicationMenu = menu;
    },
  },
  dialog: {
    errors: [] as Array<[string, string]>,
    showErrorBox(title: string, content: string) {
      fake.dialog.errors.push([title, content]);
    },
    /** What the next file picker answers (the user's choice), and the pickers shown. */
    nextOpen: { canceled: true, filePaths: [] as string[] },
    opened: [] as Array<{ title?: string; properties?: string[] }>,
    showOpenDialog(...args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> {
      fake.dialog.opened.push((args.length > 1 ? args[1] : args[0]) as { title?: string; properties?: string[] });
      return Promise.resolve(fake.dialog.nextOpen);
    },
  },
};

/** The module object `import … from 'electron'` gets. */
export const electronModule = { ...fake, default: fake };
