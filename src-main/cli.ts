// Entry point of the headless commands: `sync` and `serve`. It loads only what the command
// in hand needs: `--help` and a bad flag never load the database driver, the Mirakl client
// or the HTTP server (tests/cli/startup proves it), so they answer at once.
import { parseCli, usage } from './config';

/** Failures a user can act on get one line and no stack. Known by name: this entry does not load their modules. */
const EXPECTED_FAILURES = new Set(['ConfigError', 'StoreError', 'MiraklError']);

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${usage()}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  const config = parseCli(argv);
  if (config.command === 'sync') {
    const { syncCommand } = await import('./cli/sync-command');
    return syncCommand(config);
  }
  const { serveCommand } = await import('./cli/serve-command');
  return serveCommand(config);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const name = error instanceof Error ? error.name : '';
    const expected = EXPECTED_FAILURES.has(name);
    process.stderr.write(expected ? `error: ${(error as Error).message}\n` : `${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = name === 'ConfigError' ? 2 : 1;
  },
);
