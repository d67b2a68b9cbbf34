// A TypeScript script a test or a benchmark runs in child processes, bundled to plain
// JavaScript once, as the app ships: each start then costs what the app's own start costs,
// without the TypeScript loader's time and memory.
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** What a bundled script's process needs in its environment: better-sqlite3 stays in the checkout's node_modules. */
export const BUNDLED_SCRIPT_ENV = { NODE_PATH: path.join(ROOT, 'node_modules') };

/** Bundles `entry` into `outfile` (CommonJS, better-sqlite3 left in node_modules); returns outfile. */
export async function bundleScript(entry: string, outfile: string): Promise<string> {
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    external: ['better-sqlite3'],
    nodePaths: [path.join(ROOT, 'node_modules')],
    logLevel: 'error',
  });
  return outfile;
}
