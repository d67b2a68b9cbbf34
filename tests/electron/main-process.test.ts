// The Electron main process, loaded under plain Node with a stand-in `electron` module
// (the binary cannot run here). Everything else is real: the store in a temporary
// userData, the service with its embedded demo Mirakl, the IPC transport, the HTTP API.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { channelOf, EVENTS_CHANNEL, fileUpload, operations, orderDocumentDownload, type OperationName, type Result, type Upload } from '../../src-shared/contract';
import { OPEN_ATTACHMENT_CHANNEL, OPEN_EXTERNAL_CHANNEL, OPEN_ORDER_DOCUMENT_CHANNEL, PICK_FILES_CHANNEL } from '../../src-shared/preload-api';
import BetterSqlite3 from 'better-sqlite3';
import { CONTENT_SECURITY_POLICY } from '../../src-main/electron/content-security-policy';
import { SAFE_STORAGE_PREFIX } from '../../src-main/electron/safe-storage-secret-box';
import { startFakeMirakl } from '../../src-main/fake-mirakl/server';
import { cancellableEvent, fake } from './fake-electron';
import { tempDir } from '../helpers/temp-dir';
import { freePort } from '../helpers/free-port';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const root = path.resolve(import.meta.dirname, '..', '..');
const pageUrl = pathToFileURL(path.join(root, 'dist', 'renderer', 'index.html')).href;
const userData = tempDir('mcs-electron-main-');

async function until<T>(probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}


const window = () => fake.BrowserWindow.instances[0]!;
/** What the main process wrote to stderr (its log), kept out of the test output. */
const logged: string[] = [];
const invoke = (channel: string, ...args: unknown[]) => fake.ipcMain.invoke(channel, pageUrl, ...args) as Promise<Result<unknown>>;

describe('Electron main process (stand-in electron module)', () => {
  beforeAll(async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      logged.push(String(chunk));
      return true;
    });
    fake.app.setPath('userData', userData);
    fake.app.appPath = root;
    // Last time, the window was on a monitor that is now unplugged.
    fs.writeFileSync(path.join(userData, 'window-state.json'), JSON.stringify({ x: 3000, y: 200, width: 1200, height: 800, maximized: false }));
    await import('../../src-main/electron/main');
    await until(() => fake.BrowserWindow.instances.length > 0 && fake.Menu.applicationMenu, 'the window and the menu');
  });

  afterAll(async () => {
    if (fake.app.exitCode === null) {
      fake.app.quit();
      await fake.app.exitedWith;
    }
    vi.restoreAllMocks();
  });

  it('takes the single-instance lock and sandboxes every renderer before anything else', () => {
    expect(fake.app.calls.slice(0, 2)).toEqual(['enableSandbox', 'requestSingleInstanceLock']);
  });

  it('creates the window with the secure web preferences and the bundled preload', () => {
    const prefs = window().options.webPreferences!;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(prefs).toMatchObject({ nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, webviewTag: false, allowRunningInsecureContent: false });
    expect(prefs.preload).toBe(path.join(root, 'dist', 'main', 'preload.cjs'));
    expect(window().calls).toContain(`loadURL ${pageUrl}`);
    expect(window().options.show).toBe(false);
    window().emit('ready-to-show');
    expect(window().calls).toContain('show');
  });

  it('brings a window saved on a vanished monitor back onto the screen', () => {
    const { x, y, width, height } = window().options;
    expect({ width, height }).toEqual({ width: 1200, height: 800 });
    expect(x).toBeGreaterThanOrEqual(0);
    expect(x! + width!).toBeLessThanOrEqual(1440);
    expect(y).toBeGreaterThanOrEqual(0);
  });

  it('puts the strict Content-Security-Policy on every response, replacing any other', () => {
    const listener = fake.session.defaultSession.headersListener!;
    let answer: { responseHeaders?: Record<string, string[]> } = {};
    listener({ responseHeaders: { 'content-security-policy': ["default-src * 'unsafe-eval'"], 'Content-Type': ['text/html'] } }, (r) => {
      answer = r as typeof answer;
    });
    expect(answer.responseHeaders?.['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(answer.responseHeaders?.['content-security-policy']).toBeUndefined();
    expect(answer.responseHeaders?.['Content-Type']).toEqual(['text/html']);
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; media-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'; " +
        "worker-src 'self'; frame-ancestors 'none'",
    );
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
  });

  it('talks to nobody: no spell-check dictionary from a third party, every non-local request of the page cancelled', () => {
    const session = fake.session.defaultSession;
    expect(session.spellCheckerDictionaryDownloadUrl).toBe(`${pathToFileURL(root).href}/dictionaries/`);
    expect(session.spellCheckerEnabled).toBe(process.platform === 'darwin' || process.platform === 'win32');
    const answers: Array<{ cancel?: boolean }> = [];
    session.requestListener!({ url: 'https://redirector.gvt1.com/edgedl/chrome/dict/fr-FR-3-0.bdic' }, (r) => answers.push(r));
    session.requestListener!({ url: pageUrl }, (r) => answers.push(r));
    expect(answers).toEqual([{ cancel: true }, { cancel: false }]);
  });

  it('denies permission requests (camera, notifications…), allowing only clipboard writes from the app page', () => {
    const request = fake.session.defaultSession.permissionRequestHandler!;
    const check = fake.session.defaultSession.permissionCheckHandler!;
    const answers: boolean[] = [];
    const contents = { getURL: () => pageUrl };
    for (const permission of ['media', 'notifications', 'geolocation', 'openExternal', 'clipboard-read', 'fileSystem']) {
      request(contents, permission, (granted: boolean) => answers.push(granted), { requestingUrl: pageUrl });
    }
    request(contents, 'clipboard-sanitized-write', (granted: boolean) => answers.push(granted), { requestingUrl: 'https://evil.example/' });
    expect(answers).toEqual([false, false, false, false, false, false, false]);
    request(contents, 'clipboard-sanitized-write', (granted: boolean) => answers.push(granted), { requestingUrl: pageUrl });
    expect(answers.at(-1)).toBe(true);
    expect(check(contents, 'media', 'file://', { requestingUrl: pageUrl })).toBe(false);
  });

  it('cancels every navigation, sending well-formed http(s) links to the system browser and dropping the rest', () => {
    const contents = window().webContents;
    const cases: Array<[string, string | null]> = [
      ['https://www.mirakl.com/help', 'https://www.mirakl.com/help'],
      ['http://example.com/track?id=1', 'http://example.com/track?id=1'],
      ['https://evil.com@good.com', null],
      ['https://good.com@evil.com/', null],
      ['javascript:alert(1)', null],
      ['file:///etc/passwd', null],
      ['data:text/html,<script>alert(1)</script>', null],
      ['http://localhost:4319', null],
      ['http://127.0.0.1:4319/api/conversations', null],
      [`${pageUrl}#/other`, null],
    ];
    for (const [url, opened] of cases) {
      fake.shell.opened.length = 0;
      const event = cancellableEvent({ url });
      contents.emit('will-navigate', event);
      expect(event.defaultPrevented, url).toBe(true);
      expect(fake.shell.opened, url).toEqual(opened === null ? [] : [opened]);
    }
    expect(logged.some((line) => line.includes('Blocked navigation to javascript:alert(1)'))).toBe(true);
    const redirect = cancellableEvent({ url: 'https://example.com/' });
    contents.emit('will-redirect', redirect);
    expect(redirect.defaultPrevented).toBe(true);
  });

  it('denies every window.open, opening only safe http(s) links externally', () => {
    const handler = window().webContents.windowOpenHandler!;
    fake.shell.opened.length = 0;
    expect(handler({ url: 'https://example.com/a' } as never)).toEqual({ action: 'deny' });
    expect(handler({ url: 'javascript:alert(1)' } as never)).toEqual({ action: 'deny' });
    expect(handler({ url: 'https://user:pw@example.com/' } as never)).toEqual({ action: 'deny' });
    expect(handler({ url: 'file:///C:/Windows/System32/calc.exe' } as never)).toEqual({ action: 'deny' });
    expect(fake.shell.opened).toEqual(['https://example.com/a']);
  });

  it('refuses to attach a <webview>', () => {
    const event = cancellableEvent();
    window().webContents.emit('will-attach-webview', event, {}, { src: 'https://example.com/' });
    expect(event.defaultPrevented).toBe(true);
  });

  it('registers an IPC handler for every operation of the contract', () => {
    for (const name of Object.keys(operations) as OperationName[]) {
      expect(fake.ipcMain.handlers.has(channelOf(name)), name).toBe(true);
    }
    expect(fake.ipcMain.handlers.has(OPEN_EXTERNAL_CHANNEL)).toBe(true);
    expect(fake.ipcMain.handlers.has(OPEN_ATTACHMENT_CHANNEL)).toBe(true);
  });

  it('answers operations from the app page over IPC, with the real service and store', async () => {
    expect(await invoke(channelOf('health'))).toEqual({ ok: true, value: { ok: true, version: '0.1.0-test' } });
    const connections = (await invoke(channelOf('listConnections'))) as Result<{ items: Array<{ isDemo: boolean }> }>;
    expect(connections.ok && connections.value.items.map((c) => c.isDemo)).toEqual([true]); // demo until a connection is configured
    expect(fs.existsSync(path.join(userData, 'inbox.db'))).toBe(true);
  });

  it('refuses IPC calls from any other page or frame', async () => {
    const fromElsewhere = await fake.ipcMain.invoke(channelOf('health'), 'https://evil.example/');
    expect(fromElsewhere).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const handler = fake.ipcMain.handlers.get(channelOf('health'))!;
    expect(await handler({ senderFrame: { url: pageUrl, parent: {} } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('opens only safe links asked for by the page', async () => {
    fake.shell.opened.length = 0;
    await invoke(OPEN_EXTERNAL_CHANNEL, 'https://example.com/x');
    await invoke(OPEN_EXTERNAL_CHANNEL, 'javascript:alert(1)');
    await invoke(OPEN_EXTERNAL_CHANNEL, 'https://evil.com@good.com');
    expect(fake.shell.opened).toEqual(['https://example.com/x']);
  });

  it('picks files with the system picker: the main process stores them as uploads, the page gets ids, never paths', async () => {
    const folder = tempDir('mcs-picked-');
    const photo = path.join(folder, 'photo du colis.jpg');
    const note = path.join(folder, 'note.txt');
    fs.writeFileSync(photo, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
    fs.writeFileSync(note, 'Numéro de série 42');
    fake.dialog.nextOpen = { canceled: false, filePaths: [photo, note] };
    const picked = (await invoke(PICK_FILES_CHANNEL)) as Result<Upload[]>;
    expect(picked).toEqual({
      ok: true,
      value: [
        { id: expect.any(Number), name: 'photo du colis.jpg', size: 7, contentType: 'image/jpeg' },
        { id: expect.any(Number), name: 'note.txt', size: Buffer.byteLength('Numéro de série 42'), contentType: 'text/plain' },
      ],
    });
    expect(JSON.stringify(picked)).not.toContain(folder);
    expect(fake.dialog.opened.at(-1)).toMatchObject({ properties: ['openFile', 'multiSelections'] });
    fake.dialog.nextOpen = { canceled: true, filePaths: [] };
    expect(await invoke(PICK_FILES_CHANNEL)).toEqual({ ok: true, value: [] });
    expect(await fake.ipcMain.invoke(PICK_FILES_CHANNEL, 'https://evil.example/')).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    // A dropped file, read by the page: its bytes and name only.
    const dropped = (await invoke(fileUpload.channel, { name: 'scan.pdf', contentType: 'application/pdf', bytes: new TextEncoder().encode('%PDF-1.4') })) as Result<Upload>;
    expect(dropped).toMatchObject({ ok: true, value: { name: 'scan.pdf', size: 8 } });
    expect(await invoke(fileUpload.channel, { name: 'x', contentType: 'text/plain', bytes: 'not bytes', path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'invalid_field' } });

    // Picked and dropped files go with a reply (once the demo inbox has synced).
    const conversation = await until(async () => {
      const list = (await invoke(channelOf('listConversations'), { limit: 50 })) as Result<{ items: Array<{ id: number; customer: unknown }> }>;
      return list.ok && list.value.items.find((c) => c.customer !== null);
    }, 'the demo inbox');
    const uploads = [...(picked.ok ? picked.value : []), ...(dropped.ok ? [dropped.value] : [])];
    const sent = await invoke(channelOf('sendMessage'), { id: conversation!.id, body: 'Voici les fichiers.', attachments: uploads.map((u) => ({ uploadId: u.id })) });
    expect(sent).toMatchObject({ ok: true, value: { outboxFiles: [{ name: 'photo du colis.jpg' }, { name: 'note.txt' }, { name: 'scan.pdf' }] } });
  });

  it("lists an order's documents and opens one with the default application", async () => {
    const list = (await invoke(channelOf('listConversations'), { limit: 200 })) as Result<{ items: Array<{ orderId: string | null }> }>;
    let opened = false;
    for (const conversation of list.ok ? list.value.items : []) {
      if (conversation.orderId === null) continue;
      const documents = (await invoke(channelOf('listOrderDocuments'), { orderId: conversation.orderId })) as Result<{ items: Array<{ id: number; name: string }> }>;
      const first = documents.ok ? documents.value.items[0] : undefined;
      if (!first) continue;
      fake.shell.openedPaths.length = 0;
      expect(await invoke(OPEN_ORDER_DOCUMENT_CHANNEL, { id: first.id })).toEqual({ ok: true, value: { opened: true } });
      expect(fake.shell.openedPaths).toEqual([expect.stringContaining(path.join(userData, 'documents'))]);
      expect(fake.shell.openedPaths[0]!.endsWith(first.name)).toBe(true);
      const bytes = (await invoke(orderDocumentDownload.channel, { id: first.id })) as Result<{ bytes: Uint8Array }>;
      expect(bytes.ok && Buffer.from(bytes.value.bytes).subarray(0, 5).toString()).toBe('%PDF-');
      opened = true;
      break;
    }
    expect(opened).toBe(true);
  });

  it('stores API keys sealed by safeStorage, never in clear, and never answers them', async () => {
    const mirakl = await startFakeMirakl({ apiKey: 'secret-key-123' });
    try {
      const added = await invoke(channelOf('addConnection'), { baseUrl: mirakl.url, apiKey: 'secret-key-123' });
      expect(added).toMatchObject({ ok: true, value: { hasApiKey: true, isDemo: false } });
      expect(JSON.stringify(added)).not.toContain('secret-key-123');
      const listed = await invoke(channelOf('listConnections'));
      expect(JSON.stringify(listed)).not.toContain('secret-key-123');
      const db = new BetterSqlite3(path.join(userData, 'inbox.db'), { readonly: true });
      try {
        const { api_key } = db.prepare('SELECT api_key FROM accounts WHERE is_demo = 0').get() as { api_key: string };
        expect(api_key.startsWith(SAFE_STORAGE_PREFIX)).toBe(true);
        expect(api_key).not.toContain('secret-key-123');
      } finally {
        db.close();
      }
      await invoke(channelOf('removeConnection'), { id: (added as { value: { id: number } }).value.id });
    } finally {
      await mirakl.close();
    }
  });

  it('has an application menu with the usual roles and "Sync now" on Ctrl/Cmd+R', async () => {
    const template = fake.Menu.applicationMenu!.template;
    const roles = template.map((item) => item.role ?? item.label);
    expect(roles).toEqual(expect.arrayContaining(['editMenu', 'windowMenu', 'help', 'View']));
    const items = template.flatMap((item) => (Array.isArray(item.submenu) ? item.submenu : []));
    const syncNow = items.find((item) => item.id === 'sync-now')!;
    expect(syncNow.accelerator).toBe('CmdOrCtrl+R');
    expect(items.some((item) => item.role === 'reload')).toBe(false);
    const before = window().webContents.sent.length;
    (syncNow.click as () => void)();
    await until(
      () => window().webContents.sent.slice(before).some(([channel, e]) => channel === EVENTS_CHANNEL && (e as { type: string }).type === 'sync.status'),
      'a sync status event pushed to the page',
    );
  });

  it('keeps the dock/taskbar badge at the unread count', async () => {
    await until(() => fake.app.badgeCounts.length > 0, 'a badge update');
    expect(Number.isInteger(fake.app.badgeCounts.at(-1))).toBe(true);
  });

  it('starts the local HTTP API when the preference says so, and stops it when it no longer does', async () => {
    const port = await freePort();
    await invoke(channelOf('setPreferences'), { httpApi: { enabled: true, port } });
    const token = await until(() => fs.existsSync(path.join(userData, 'api-token')) && fs.readFileSync(path.join(userData, 'api-token'), 'utf8').trim(), 'the token file');
    const health = await until(
      async () => {
        try {
          return await fetch(`http://127.0.0.1:${port}/api/health`, { headers: { authorization: `Bearer ${token}` } });
        } catch {
          return null;
        }
      },
      'the HTTP API',
    );
    expect((await health).status).toBe(200);
    // Settings can show the address and the token to copy while the port is open.
    expect(await invoke(channelOf('getApiAccess'), {})).toEqual({ ok: true, value: { url: `http://127.0.0.1:${port}/`, token, error: null, controlledBy: 'preferences' } });
    await invoke(channelOf('setPreferences'), { httpApi: { enabled: false } });
    await until(
      async () => {
        try {
          await fetch(`http://127.0.0.1:${port}/api/health`);
          return false;
        } catch {
          return true;
        }
      },
      'the HTTP API to stop',
    );
    expect(await invoke(channelOf('getApiAccess'), {})).toEqual({ ok: true, value: { url: null, token: null, error: null, controlledBy: 'preferences' } });
  });

  it('says in Settings why the HTTP API is not running when its port is taken, and runs once moved to a free one', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const takenPort = (taken.address() as net.AddressInfo).port;
    try {
      await invoke(channelOf('setPreferences'), { httpApi: { enabled: true, port: takenPort } });
      const failed = await until(async () => {
        const access = (await invoke(channelOf('getApiAccess'), {})) as { value: { error: string | null } };
        return access.value.error !== null && access.value;
      }, 'the failure to show');
      expect(failed).toEqual({ url: null, token: null, error: expect.stringContaining(`Port ${takenPort} is already in use`), controlledBy: 'preferences' });
      const port = await freePort();
      await invoke(channelOf('setPreferences'), { httpApi: { port } });
      const running = await until(async () => {
        const access = (await invoke(channelOf('getApiAccess'), {})) as { value: { url: string | null } };
        return access.value.url !== null && access.value;
      }, 'the API on the free port');
      expect(running).toMatchObject({ url: `http://127.0.0.1:${port}/`, error: null });
    } finally {
      await invoke(channelOf('setPreferences'), { httpApi: { enabled: false } });
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('focuses the existing window when the app is launched a second time', () => {
    window().minimized = true;
    window().calls.length = 0;
    fake.app.emit('second-instance', cancellableEvent(), [], root);
    expect(window().calls).toEqual(['restore', 'show', 'focus']);
  });

  it('saves the window size and position when the window closes', () => {
    window().bounds = { x: 40, y: 50, width: 1111, height: 700 };
    window().emit('close');
    expect(JSON.parse(fs.readFileSync(path.join(userData, 'window-state.json'), 'utf8'))).toEqual({ x: 40, y: 50, width: 1111, height: 700, maximized: false });
  });

  it('on quit, stops the service and the store before exiting, and removes its IPC handlers', async () => {
    fake.app.quit();
    expect(await fake.app.exitedWith).toBe(0);
    expect(fake.ipcMain.handlers.size).toBe(0);
    expect(fake.dialog.errors).toEqual([]);
    expect(logged.filter((line) => /failed/i.test(line))).toEqual([]);
  });
});
