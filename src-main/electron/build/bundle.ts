// Build script (`npm run build:main`), run by tsx under Node.
//
// Bundles the Electron main process and its preload into CommonJS files in dist/main.
// Everything is inlined except `electron` (provided by the runtime) and `better-sqlite3`
// (a native addon, loaded from node_modules with the Electron build of its binary), and
// pg's optional native binding `pg-native`, which the store never asks for.
import path from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { projectRoot } from './project-paths';

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // Electron 45 runs Node 22 in the main process and Chromium 142 in the preload.
  target: 'node22',
  external: ['electron', 'better-sqlite3', 'pg-native'],
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': JSON.stringify(process.env.NODE_ENV ?? 'production') },
};

/** Writes dist/main/electron-main.cjs and dist/main/preload.cjs (or the same names in outdir). */
export async function bundleMain(root = projectRoot(), outdir = path.join(root, 'dist', 'main')): Promise<void> {
  await Promise.all([
    build({ ...common, entryPoints: [path.join(root, 'src-main/electron/main.ts')], outfile: path.join(outdir, 'electron-main.cjs') }),
    // A sandboxed preload can require('electron') and nothing else: everything else (the
    // contract, with zod) is inlined, and minified since it is parsed on every page load.
    build({
      ...common,
      entryPoints: [path.join(root, 'src-main/electron/preload.ts')],
      outfile: path.join(outdir, 'preload.cjs'),
      external: ['electron'],
      target: 'chrome140',
      minify: true,
    }),
  ]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  bundleMain().then(
    () => process.stdout.write('built dist/main/electron-main.cjs and dist/main/preload.cjs\n'),
    (error: unknown) => {
      process.stderr.write(`${(error as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
