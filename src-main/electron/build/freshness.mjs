// Are the built command line (dist/cli) and web UI (dist/renderer) older than their sources?
// Plain JavaScript, with no dependency: `npm run sync` and `npm run serve` ask before every
// start (run-cli.mjs), and an unchanged checkout must answer in milliseconds, without the
// TypeScript loader. The builds themselves are TypeScript (cli-bundle.ts, renderer-build.ts).
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

export const CLI_DIR = path.join(ROOT, 'dist', 'cli');
/** The command line users run: `npx mirakl-cs`, package.json's bin, `npm run sync|serve`. */
export const CLI_BUNDLE = path.join(CLI_DIR, 'mirakl-cs.mjs');
/** What the last CLI build read (esbuild's metafile, trimmed): `{ builtAt, inputs }`, paths relative to the root. */
export const CLI_INPUTS = path.join(CLI_DIR, 'inputs.json');

export const RENDERER_DIST = path.join(ROOT, 'dist', 'renderer');
export const RENDERER_SOURCES = [
  path.join(ROOT, 'src-renderer'),
  path.join(ROOT, 'src-shared'),
  path.join(ROOT, 'vite.config.ts'),
  // The build writes the desktop shell's Content-Security-Policy into index.html.
  path.join(ROOT, 'src-main', 'electron', 'content-security-policy.ts'),
  path.join(ROOT, 'src-main', 'electron', 'build', 'csp-meta-plugin.ts'),
];

/** The newest modification time under a file or folder; 0 when it does not exist. */
export function newestMtime(entry) {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

/** True when dist/cli is missing, or one of the files its last build read changed or went away since. */
export function cliStale(root = ROOT) {
  let built;
  try {
    built = JSON.parse(fs.readFileSync(path.join(root, 'dist', 'cli', 'inputs.json'), 'utf8'));
  } catch {
    return true;
  }
  if (!fs.existsSync(path.join(root, 'dist', 'cli', 'mirakl-cs.mjs'))) return true;
  return built.inputs.some((input) => {
    const stat = fs.statSync(path.join(root, input), { throwIfNoEntry: false });
    return !stat || stat.mtimeMs > built.builtAt;
  });
}

/** True when dist/renderer is missing or older than one of its sources. */
export function rendererStale() {
  const built = fs.statSync(path.join(RENDERER_DIST, 'index.html'), { throwIfNoEntry: false });
  return built === undefined || built.mtimeMs < Math.max(...RENDERER_SOURCES.map(newestMtime));
}
