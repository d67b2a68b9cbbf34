// Entry point of the headless commands: `sync` and `serve`.
import { parseCli, ConfigError } from './config';
import { StoreError } from './db/open';
import { MiraklError } from './mirakl/errors';
import { syncCommand } from './cli/sync-command';

const USAGE = `usage:
  sync  [--once] [--db PATH | --database URL] [--data-dir DIR] [--mirakl-url URL --api-key KEY [--shop-id ID] [--marketplace NAME]] [--demo] [--since DATE] [--interval S]
  serve [--port N] [--host H] [--no-sync] [--interval S] [--db PATH | --database URL] [--data-dir DIR] [--demo | --mirakl-url URL --api-key KEY [--shop-id ID] [--marketplace NAME]]
  --db PATH: a SQLite file (default <data folder>/inbox.db); --database postgres://user@host:5432/db: a PostgreSQL database
environment: CS_DB, CS_DATABASE_URL, CS_DATA_DIR, MIRAKL_URL, MIRAKL_API_KEY, MIRAKL_SHOP_ID, CS_PORT, CS_API_TOKEN`;

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
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
