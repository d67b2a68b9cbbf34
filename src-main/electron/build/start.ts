// Build script behind `npm start` (after `npm run build`), run by tsx under Node.
//
// Makes sure the Electron binary is there (downloading it once, with a clear message if
// that fails), prepares the Electron build of better-sqlite3 beside node_modules (never
// in it), then launches the app from package.json's "main" (dist/main/electron-main.cjs).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureElectronBinary } from './electron-binary';
import { prepareElectronSqlite } from './native-sqlite';
import { projectRoot } from './project-paths';

async function start(args: readonly string[]): Promise<number> {
  const root = projectRoot();
  for (const built of ['dist/main/electron-main.cjs', 'dist/main/preload.cjs', 'dist/renderer/index.html']) {
    if (!fs.existsSync(path.join(root, built))) throw new Error(`${built} is missing: run \`npm run build\` first (npm start does).`);
  }
  const electron = ensureElectronBinary();
  await prepareElectronSqlite(root);

  const child = spawn(electron, [root, ...args], { stdio: 'inherit', cwd: root, env: { ...process.env, ELECTRON_RUN_AS_NODE: undefined } });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => {
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

start(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Expected failures (no Electron binary, no network for the native build) are one clear message.
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
