// Build script (`npm start` and `npm run dist` run it; `npm run build:native` alone), run by tsx.
//
// Produces better-sqlite3's addon for Electron's ABI WITHOUT touching node_modules, which
// stays built for Node so `npm test` and the CLI keep working: the package is copied
// into .cache/electron-native/<versions>/, rebuilt there with @electron/rebuild (a
// prebuilt binary when one is published, else compiled), and the addon copied to
// dist/native/ where the main process loads it through openStore's nativeBinding.
// Needs the network the first time (Electron's headers or the prebuilt binary), so it
// runs only from start/dist, never at install time.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { nativeDir, SQLITE_ADDON_FILE, SQLITE_ADDON_STAMP } from '../sqlite-binding';
import { electronPackageDir, electronVersion } from './electron-binary';
import { distDir, electronNativeCacheDir, projectRoot } from './project-paths';

const require = createRequire(import.meta.url);

export interface NativeBuildTarget {
  electron: string;
  betterSqlite3: string;
  platform: NodeJS.Platform;
  arch: string;
}

export function currentTarget(): NativeBuildTarget {
  const pkg = JSON.parse(fs.readFileSync(require.resolve('better-sqlite3/package.json'), 'utf8')) as { version: string };
  return { electron: electronVersion(), betterSqlite3: pkg.version, platform: process.platform, arch: process.env.npm_config_arch ?? process.arch };
}

export function cacheKey(t: NativeBuildTarget): string {
  return `better-sqlite3-${t.betterSqlite3}-electron-${t.electron}-${t.platform}-${t.arch}`;
}

/**
 * The Node ABI (NODE_MODULE_VERSION) a compiled addon was built for, read from the name of
 * its registration symbol (`node_register_module_v150`): no need to load it, which only
 * the runtime it was built for could do.
 */
export function addonAbi(file: string): number | null {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return null;
  }
  const match = /node_register_module_v(\d+)/.exec(bytes.toString('latin1'));
  return match?.[1] ? Number(match[1]) : null;
}

function electronAbi(): number {
  // Electron's own record of its ABI, so a node-abi too old to know this Electron still works.
  return Number(fs.readFileSync(path.join(electronPackageDir(), 'abi_version'), 'utf8').trim());
}

/**
 * npm hands its `nodedir` setting to scripts as npm_config_nodedir; node-gyp would then
 * compile against those (Node) headers and label the result "Electron". Electron's headers
 * must come from headerURL, so the setting is hidden from the rebuild.
 */
async function withoutNodedir<T>(fn: () => Promise<T>): Promise<T> {
  const keys = Object.keys(process.env).filter((k) => k.toLowerCase() === 'npm_config_nodedir');
  const saved = keys.map((k) => [k, process.env[k]] as const);
  for (const k of keys) delete process.env[k];
  try {
    return await fn();
  } finally {
    for (const [k, v] of saved) process.env[k] = v;
  }
}

function sha256(file: string): string | null {
  try {
    return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  } catch {
    return null;
  }
}

/** Builds (or reuses) the Electron addon and returns its path in the cache. */
export async function buildElectronSqlite(root = projectRoot(), target = currentTarget()): Promise<string> {
  const workDir = path.join(electronNativeCacheDir(root), cacheKey(target));
  const moduleDir = path.join(workDir, 'node_modules', 'better-sqlite3');
  const built = path.join(moduleDir, 'build', 'Release', SQLITE_ADDON_FILE);
  const abi = electronAbi();
  if (addonAbi(built) === abi) return built;

  const source = path.dirname(require.resolve('better-sqlite3/package.json'));
  const nodeAddon = path.join(source, 'build', 'Release', SQLITE_ADDON_FILE);
  const nodeAddonBefore = sha256(nodeAddon);

  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(moduleDir), { recursive: true });
  fs.writeFileSync(
    path.join(workDir, 'package.json'),
    `${JSON.stringify({ name: 'electron-native-build', private: true, dependencies: { 'better-sqlite3': target.betterSqlite3 } }, null, 2)}\n`,
  );
  // The sources without the Node build: @electron/rebuild then has nothing to mistake for done.
  fs.cpSync(source, moduleDir, { recursive: true, filter: (src) => path.relative(source, src) !== 'build' });

  process.stdout.write(`Building better-sqlite3 ${target.betterSqlite3} for Electron ${target.electron} (${target.platform}-${target.arch}) in ${path.relative(root, workDir)}…\n`);
  const { rebuild } = await import('@electron/rebuild');
  try {
    await withoutNodedir(() =>
      rebuild({
        buildPath: workDir,
        // Stops the module search at the work folder: the project's own node_modules is never rebuilt.
        projectRootPath: workDir,
        electronVersion: target.electron,
        arch: target.arch,
        onlyModules: ['better-sqlite3'],
        force: true,
        mode: 'sequential',
        forceABI: abi,
      }),
    );
  } catch (error) {
    fs.rmSync(workDir, { recursive: true, force: true });
    throw new Error(
      `Could not build better-sqlite3 for Electron ${target.electron}: ${(error as Error).message}\n` +
        'This needs network access once (Electron headers or a prebuilt binary from GitHub) and, without a prebuilt binary, ' +
        'a C++ toolchain with Python (node-gyp). node_modules was left as it was, so `npm test` is unaffected.',
    );
  }
  if (sha256(nodeAddon) !== nodeAddonBefore) {
    throw new Error(`${nodeAddon} changed during the Electron rebuild; run \`npm rebuild better-sqlite3\` to restore the Node build.`);
  }
  const builtAbi = addonAbi(built);
  if (builtAbi !== abi) {
    fs.rmSync(workDir, { recursive: true, force: true });
    throw new Error(
      builtAbi === null
        ? `@electron/rebuild finished but ${built} is missing or unreadable`
        : `@electron/rebuild produced an addon for ABI ${builtAbi}, not Electron ${target.electron}'s ${abi} (are node-gyp's headers Node's? check npm's nodedir setting)`,
    );
  }
  return built;
}

/** Puts the Electron addon where the main bundle looks for it: dist/native/better_sqlite3.node. */
export function installIntoDist(built: string, target: NativeBuildTarget, root = projectRoot()): string {
  const dir = nativeDir(distDir(root));
  fs.mkdirSync(dir, { recursive: true });
  const dest = path.join(dir, SQLITE_ADDON_FILE);
  const temp = `${dest}.${process.pid}.tmp`;
  fs.copyFileSync(built, temp);
  fs.renameSync(temp, dest);
  // The stamp lets the app tell a stale addon (Electron upgraded since) from a broken one.
  fs.writeFileSync(path.join(dir, SQLITE_ADDON_STAMP), `${JSON.stringify(target, null, 2)}\n`);
  return dest;
}

export async function prepareElectronSqlite(root = projectRoot()): Promise<string> {
  const target = currentTarget();
  return installIntoDist(await buildElectronSqlite(root, target), target, root);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  prepareElectronSqlite().then(
    (file) => process.stdout.write(`Electron build of better-sqlite3 ready: ${path.relative(projectRoot(), file)}\n`),
    (error: unknown) => {
      process.stderr.write(`error: ${(error as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
