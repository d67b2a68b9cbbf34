// `npm run sync` and `npm run serve`: run the bundled command line (dist/cli/mirakl-cs.mjs) in
// this process, building it first when its sources changed since its last build, and, for
// serve, the web UI too. Plain JavaScript: an unchanged checkout starts at once, with no
// TypeScript loader (it is used only to run the builds, when one is needed).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CLI_BUNDLE, ROOT, cliStale, rendererStale } from './freshness.mjs';

function buildWith(script) {
  const built = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src-main', 'electron', 'build', script)], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const [command, ...flags] = process.argv.slice(2);
if (cliStale()) buildWith('cli-bundle.ts');
// The web UI serve hands out; not for --help.
if (command === 'serve' && !flags.includes('--help') && !flags.includes('-h') && rendererStale()) buildWith('renderer-build.ts');
await import(pathToFileURL(CLI_BUNDLE).href);
