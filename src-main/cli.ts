// Entry point of the headless commands: `sync` and `serve`.
import { parseCli, usage, ConfigError } from './config';
import { StoreError } from './db/open';
import { MiraklError } from './mirakl/errors';
import { syncCommand } from './cli/sync-command';

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${usage()}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  const config = parseCli(argv);
  if (config.command === 'sync') return syncCommand(config);
  const { serveCommand } = await import('./cli/serve-command');
  return serveCommand(config);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Expected failures get one clear line; anything else is a bug and keeps its stack.
    const known = error instanceof ConfigError || error instanceof StoreError || error instanceof MiraklError;
    process.stderr.write(known ? `error: ${(error as Error).message}\n` : `${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = error instanceof ConfigError ? 2 : 1;
  },
);
