// Build scripts and tests only (run under Node).
//
// The npm package `electron` holds no binary: Electron 45 downloads it (from GitHub, or
// ELECTRON_MIRROR) the first time `require('electron')` runs, through the package's own
// install.js. Finding it here repeats index.js's lookup WITHOUT that side effect, so a
// test can ask "is Electron there?" without starting a download.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

export function electronPackageDir(): string {
  return path.dirname(require.resolve('electron/package.json'));
}

export function electronVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(electronPackageDir(), 'package.json'), 'utf8')) as { version: string }).version;
}

/** The Electron executable if it is installed (and of this package's version), else null. */
export function installedElectronBinary(packageDir = electronPackageDir()): string | null {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  let relative: string;
  try {
    relative = fs.readFileSync(path.join(packageDir, 'path.txt'), 'utf8').trim();
  } catch {
    return null; // path.txt is written by install.js after a successful download
  }
  const executable = override ? path.join(override, relative) : path.join(packageDir, 'dist', relative);
  return fs.existsSync(executable) ? executable : null;
}

export class ElectronMissingError extends Error {
  override name = 'ElectronMissingError';
}

/**
 * The Electron executable, downloading it first if needed (what `electron .` would do on
 * its own, but with a message that says what went wrong and what to try).
 */
export function ensureElectronBinary(): string {
  const found = installedElectronBinary();
  if (found) return found;
  const version = electronVersion();
  process.stdout.write(`Electron ${version} is not downloaded yet; fetching it (once)…\n`);
  const result = spawnSync(process.execPath, [path.join(electronPackageDir(), 'install.js')], { stdio: 'inherit' });
  const installed = result.status === 0 ? installedElectronBinary() : null;
  if (installed) return installed;
  throw new ElectronMissingError(
    [
      `The Electron ${version} binary is not installed and could not be downloaded.`,
      'npm installs only a stub: the binary (about 100 MB) is fetched from GitHub at first launch.',
      'Check the network or proxy (HTTPS_PROXY), or set ELECTRON_MIRROR to a reachable mirror, then run `npm start` again.',
      'To fetch it by hand: `npx install-electron`.',
    ].join('\n'),
  );
}
