// Runs in the main process and in the build scripts; pure apart from reading the stamp
// file, tested under Node.
//
// Where the Electron build of better-sqlite3's addon lives. node_modules/better-sqlite3
// stays built for Node (the CLI and the tests load it); `npm start` and `npm run dist`
// compile a second copy against Electron's ABI and put it in dist/native, which the
// packaged app keeps outside the asar archive (a native addon cannot load from inside it).
import fs from 'node:fs';
import path from 'node:path';

export const SQLITE_ADDON_FILE = 'better_sqlite3.node';
/** Written beside the addon by the build: which Electron it was compiled for. */
export const SQLITE_ADDON_STAMP = 'better_sqlite3.json';

/** dist/native, given dist/. */
export function nativeDir(distDir: string): string {
  return path.join(distDir, 'native');
}

/** The addon for the Electron main process whose bundle sits in mainScriptDir (dist/main). */
export function electronSqliteBinding(mainScriptDir: string): string {
  const file = path.join(nativeDir(path.join(mainScriptDir, '..')), SQLITE_ADDON_FILE);
  // Inside a packaged app the path runs through app.asar; asarUnpack put the file beside it.
  return file.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

export class SqliteBindingError extends Error {
  override name = 'SqliteBindingError';
}

/**
 * The nativeBinding to give openStore: the Electron build under Electron, nothing (the
 * node_modules build) under plain Node. Throws, saying how to fix it, when the Electron
 * build is missing or was made for another Electron.
 */
export function sqliteBindingForRuntime(mainScriptDir: string, versions: NodeJS.ProcessVersions = process.versions): string | undefined {
  const electron = versions.electron;
  if (electron === undefined) return undefined;
  const addon = electronSqliteBinding(mainScriptDir);
  if (!fs.existsSync(addon)) {
    throw new SqliteBindingError(`The Electron build of better-sqlite3 is missing (${addon}). Start the app with \`npm start\`, which builds it.`);
  }
  let builtFor: string | undefined;
  try {
    builtFor = (JSON.parse(fs.readFileSync(path.join(path.dirname(addon), SQLITE_ADDON_STAMP), 'utf8')) as { electron?: string }).electron;
  } catch {
    builtFor = undefined; // no stamp: let the loader decide
  }
  if (builtFor !== undefined && builtFor !== electron) {
    throw new SqliteBindingError(`better-sqlite3 was built for Electron ${builtFor} but this is Electron ${electron}. Run \`npm start\` again to rebuild it.`);
  }
  return addon;
}
