// Build script: bundles the command line (`sync`, `serve`) into dist/cli/mirakl-cs.mjs, the
// file users run (package.json's bin, `npm run sync|serve` through run-cli.mjs), as the
// Electron main process is bundled: no TypeScript loader at run time, one file to parse.
//
// ES modules with code splitting: the entry holds only the flags and --help, and each
// command is a chunk loaded when asked for, so `--help` and a bad flag load no database
// driver, no HTTP server and no Mirakl client. better-sqlite3 (a native addon) stays in
// node_modules. The build records the files it read (esbuild's metafile) in inputs.json:
// freshness.mjs compares their times with the build's to rebuild only when one changed.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { buildWhenStale } from './build-lock';
import { cliStale, CLI_DIR, ROOT } from './freshness.mjs';

const ENTRY = 'mirakl-cs';
/** Files that decide what the bundle holds besides the sources esbuild reads: the dependencies installed, this script. */
const BUILD_INPUTS = ['package.json', 'node_modules/.package-lock.json', 'src-main/electron/build/cli-bundle.ts'];

/** Builds dist/cli (or outdir): the entry, its chunks, inputs.json. */
export async function bundleCli(root = ROOT, outdir = path.join(root, 'dist', 'cli')): Promise<void> {
  const builtAt = Date.now();
  const result = await build({
    absWorkingDir: root,
    entryPoints: { [ENTRY]: path.join(root, 'src-main', 'cli.ts') },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir,
    outExtension: { '.js': '.mjs' },
    // Beside the entry: serve finds the web UI from its own file (dist/cli → the root).
    chunkNames: '[name]-[hash]',
    external: ['better-sqlite3', 'pg-native'],
    // Bundled CommonJS dependencies call require(); an ES module has none of its own.
    banner: { js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);" },
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  });
  const outputs = new Set(Object.keys(result.metafile.outputs).map((file) => path.resolve(root, file)));
  // Chunks of earlier builds: their names carry another hash.
  for (const file of fs.readdirSync(outdir)) {
    const full = path.join(outdir, file);
    if (file.endsWith('.mjs') && !outputs.has(full)) fs.rmSync(full);
  }
  fs.chmodSync(path.join(outdir, `${ENTRY}.mjs`), 0o755);
  const sources = Object.keys(result.metafile.inputs).filter((input) => !input.split(/[\\/]/).includes('node_modules'));
  const inputs = [...sources, ...BUILD_INPUTS.filter((file) => fs.existsSync(path.join(root, file)))];
  fs.writeFileSync(path.join(outdir, 'inputs.json'), `${JSON.stringify({ builtAt, inputs }, null, 1)}\n`);
}

/** Builds dist/cli when it is missing or older than one of its inputs (see freshness.mjs); tests' global setup and run-cli.mjs call it. */
export async function ensureCliBuilt(): Promise<void> {
  fs.mkdirSync(CLI_DIR, { recursive: true });
  await buildWhenStale(path.join(path.dirname(CLI_DIR), '.cli-build.lock'), () => cliStale(), () => bundleCli());
}

// Run directly (`npm run build:cli`): build if stale; `--force` builds anyway.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  (process.argv.includes('--force') ? bundleCli() : ensureCliBuilt()).then(
    () => process.stdout.write('dist/cli/mirakl-cs.mjs is up to date\n'),
    (error: unknown) => {
      process.stderr.write(`${(error as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
