// The bundle, not only the sources: dist/main/electron-main.cjs as esbuild makes it, run
// by plain Node in a child process with the stand-in electron module, opens its store,
// syncs the demo, answers IPC and quits cleanly. Catches what bundling alone can break
// (a dependency loading files at run time, an ESM-only feature in CommonJS output).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { bundleMain } from '../../src-main/electron/build/bundle';
import { tempDir } from '../helpers/temp-dir';

const root = path.resolve(import.meta.dirname, '..', '..');

const RUNNER = `
const Module = require('node:module');
const { fake, electronModule } = require('./fake-electron.cjs');
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'electron' ? electronModule : load.call(this, request, ...rest); };
const [appPath, userData] = process.argv.slice(2);
fake.app.appPath = appPath;
fake.app.setPath('userData', userData);
require(appPath + '/dist/main/electron-main.cjs');
(async () => {
  const page = require('node:url').pathToFileURL(appPath + '/dist/renderer/index.html').href;
  const report = {};
  for (let i = 0; i < 300; i++) {
    if (fake.BrowserWindow.instances.length > 0) {
      const list = await fake.ipcMain.invoke('cs:listConversations', page, { limit: 5 });
      if (list.ok && list.value.items.length > 0) { report.conversations = list.value.items.length; break; }
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  report.health = await fake.ipcMain.invoke('cs:health', page);
  report.sandbox = fake.app.calls.includes('enableSandbox');
  fake.app.quit();
  report.exitCode = await fake.app.exitedWith;
  process.stdout.write(JSON.stringify(report));
})();
`;

describe('the bundled main process', () => {
  it('starts, syncs the demo inbox, answers IPC and quits', async () => {
    const dir = tempDir('mcs-bundle-');
    const appPath = path.join(dir, 'app');
    await bundleMain(root, path.join(appPath, 'dist', 'main'));
    await build({ entryPoints: [path.join(import.meta.dirname, 'fake-electron.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: path.join(dir, 'fake-electron.cjs'), logLevel: 'warning' });
    fs.writeFileSync(path.join(dir, 'runner.cjs'), RUNNER);

    const run = spawnSync(process.execPath, [path.join(dir, 'runner.cjs'), appPath, path.join(dir, 'user-data')], {
      // better-sqlite3 stays outside the bundle: found through NODE_PATH from the temporary folder.
      env: { ...process.env, NODE_PATH: path.join(root, 'node_modules') },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      conversations: 5,
      health: { ok: true, value: { ok: true, version: '0.1.0-test' } },
      sandbox: true,
      exitCode: 0,
    });
  });
});
