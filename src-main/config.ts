// Command-line flags and environment, parsed once into one typed config. Every bad
// value gets a one-line reason naming the flag or variable, never a stack trace.
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export interface MiraklSettings {
  baseUrl: string;
  apiKey: string;
  shopId: string | null;
}

export interface CommonConfig {
  /** The store: a SQLite file path (--db), or a PostgreSQL URL (--database). */
  database: string;
  /** Attachments downloaded, the API token file, and the SQLite file by default (--data-dir). */
  dataDir: string;
  /** Null in demo mode. */
  mirakl: MiraklSettings | null;
  /** The marketplace's name shown in the inbox (--marketplace); null: made from the URL. */
  marketplaceName: string | null;
  demo: boolean;
  /** First sync of a connection starts from here (ms) instead of the whole history. */
  since: number | null;
  intervalMs: number;
}

export interface SyncCommandConfig extends CommonConfig {
  command: 'sync';
  once: boolean;
}

export interface ServeCommandConfig extends CommonConfig {
  command: 'serve';
  port: number;
  host: string;
  sync: boolean;
}

export type CliConfig = SyncCommandConfig | ServeCommandConfig;

export const APP_NAME = 'Mirakl Customer Service';
export const DEFAULT_PORT = 4319;

/** Where Electron keeps this app's data (app.getPath('userData')), so the CLI and the app share one store. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_NAME);
}

export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): CliConfig {
  const [command, ...rest] = argv;
  if (command !== 'sync' && command !== 'serve') throw new ConfigError(`unknown command ${JSON.stringify(command ?? '')}: use "sync" or "serve"`);
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...rest],
      strict: true,
      allowPositionals: false,
      options: {
        once: { type: 'boolean' },
        db: { type: 'string' },
        database: { type: 'string' },
        'data-dir': { type: 'string' },
        'mirakl-url': { type: 'string' },
        'api-key': { type: 'string' },
        'shop-id': { type: 'string' },
        marketplace: { type: 'string' },
        demo: { type: 'boolean' },
        since: { type: 'string' },
        interval: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        'no-sync': { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new ConfigError((error as Error).message.split('\n')[0] ?? 'invalid arguments');
  }
  const str = (flag: string, envName?: string): string | undefined => {
    const v = values[flag];
    if (typeof v === 'string') return v;
    const e = envName ? env[envName] : undefined;
    return e === undefined || e === '' ? undefined : e;
  };

  const common: CommonConfig = {
    ...parseStorage(str('db', 'CS_DB'), str('database', 'CS_DATABASE_URL'), str('data-dir', 'CS_DATA_DIR'), env),
    mirakl: null,
    marketplaceName: parseMarketplaceName(str('marketplace', 'MIRAKL_MARKETPLACE')),
    demo: values.demo === true,
    since: parseSince(str('since', 'CS_SINCE')),
    intervalMs: parseSeconds(str('interval', 'CS_SYNC_INTERVAL'), '--interval') ?? 60_000,
  };
  const url = str('mirakl-url', 'MIRAKL_URL');
  const key = str('api-key', 'MIRAKL_API_KEY');
  const shopId = str('shop-id', 'MIRAKL_SHOP_ID') ?? null;
  if (url !== undefined || key !== undefined) {
    if (common.demo) throw new ConfigError('--demo cannot be combined with --mirakl-url/--api-key');
    if (url === undefined) throw new ConfigError('--api-key given without --mirakl-url (or MIRAKL_URL)');
    if (key === undefined) throw new ConfigError('--mirakl-url given without --api-key (or MIRAKL_API_KEY)');
    common.mirakl = { baseUrl: parseBaseUrl(url), apiKey: key.trim(), shopId: parseShopId(shopId) };
  } else if (shopId !== null) {
    throw new ConfigError('--shop-id needs --mirakl-url and --api-key');
  } else if (common.marketplaceName !== null) {
    throw new ConfigError('--marketplace needs --mirakl-url and --api-key');
  }

  if (command === 'sync') {
    if (!common.mirakl && !common.demo) {
      throw new ConfigError('no Mirakl connection: pass --mirakl-url URL --api-key KEY (or MIRAKL_URL, MIRAKL_API_KEY), or --demo');
    }
    return { ...common, command, once: values.once === true };
  }
  if (!common.mirakl) common.demo = true; // serve with no account configured: the embedded demo
  return {
    ...common,
    command,
    port: parsePort(str('port', 'CS_PORT')) ?? DEFAULT_PORT,
    host: str('host', 'CS_HOST') ?? '127.0.0.1',
    sync: values['no-sync'] !== true,
  };
}

/**
 * What the desktop app takes from its environment: a Mirakl connection given as for `serve`
 * (MIRAKL_URL, MIRAKL_API_KEY, MIRAKL_SHOP_ID, MIRAKL_MARKETPLACE; the key stays in memory,
 * for machines with no keyring or managed deployments) and CS_SYNC_INTERVAL. Nothing set:
 * the connections and preferences of Settings, and the demo until one exists.
 */
export interface DesktopEnvironment {
  mirakl: MiraklSettings | null;
  marketplaceName: string | null;
  /** Null: the preference (or the app's default). */
  intervalMs: number | null;
}

export function parseDesktopEnvironment(env: NodeJS.ProcessEnv = process.env): DesktopEnvironment {
  const value = (name: string) => (env[name] === undefined || env[name] === '' ? undefined : env[name]);
  const url = value('MIRAKL_URL');
  const key = value('MIRAKL_API_KEY');
  const marketplaceName = parseMarketplaceName(value('MIRAKL_MARKETPLACE'), 'MIRAKL_MARKETPLACE');
  const intervalMs = parseSeconds(value('CS_SYNC_INTERVAL'), 'CS_SYNC_INTERVAL') ?? null;
  if (url === undefined && key === undefined) {
    if (value('MIRAKL_SHOP_ID') !== undefined || marketplaceName !== null) {
      throw new ConfigError('MIRAKL_SHOP_ID and MIRAKL_MARKETPLACE need MIRAKL_URL and MIRAKL_API_KEY');
    }
    return { mirakl: null, marketplaceName: null, intervalMs };
  }
  if (url === undefined) throw new ConfigError('MIRAKL_API_KEY is set without MIRAKL_URL');
  if (key === undefined) throw new ConfigError('MIRAKL_URL is set without MIRAKL_API_KEY');
  return {
    mirakl: { baseUrl: parseBaseUrl(url, 'MIRAKL_URL'), apiKey: key.trim(), shopId: parseShopId(value('MIRAKL_SHOP_ID') ?? null, 'MIRAKL_SHOP_ID') },
    marketplaceName,
    intervalMs,
  };
}

/**
 * Where the inbox lives. SQLite: --db (default <data folder>/inbox.db), the data folder being
 * --data-dir, else the database file's folder. PostgreSQL: --database, the data folder being
 * --data-dir, else the platform's.
 */
function parseStorage(file: string | undefined, url: string | undefined, dataDir: string | undefined, env: NodeJS.ProcessEnv): Pick<CommonConfig, 'database' | 'dataDir'> {
  if (url !== undefined) {
    if (file !== undefined) throw new ConfigError('--db (CS_DB) and --database (CS_DATABASE_URL) cannot be combined: a SQLite file or a PostgreSQL URL');
    if (!/^postgres(ql)?:\/\/[^/]/i.test(url)) {
      throw new ConfigError('--database must be a PostgreSQL URL, postgres://user@host:5432/database (a SQLite file is --db PATH)');
    }
    try {
      new URL(url);
    } catch {
      throw new ConfigError('--database is not a valid URL (expected postgres://user@host:5432/database)');
    }
    return { database: url, dataDir: path.resolve(dataDir ?? defaultDataDir(env)) };
  }
  const folder = path.resolve(dataDir ?? (file !== undefined ? path.dirname(path.resolve(file)) : defaultDataDir(env)));
  return { database: file !== undefined ? path.resolve(file) : path.join(folder, 'inbox.db'), dataDir: folder };
}

function parseBaseUrl(value: string, flag = '--mirakl-url'): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new ConfigError(`${flag} ${JSON.stringify(value)} is not a URL (expected https://<instance>.mirakl.net)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError(`${flag} must be http(s), got ${url.protocol}`);
  if (url.search || url.hash) throw new ConfigError(`${flag} must not carry a query or fragment`);
  return url.toString().replace(/\/+$/, '');
}

function parseMarketplaceName(value: string | undefined, flag = '--marketplace'): string | null {
  if (value === undefined) return null;
  const name = value.trim();
  if (name === '' || name.length > 100) throw new ConfigError(`${flag} must be a name of 1 to 100 characters`);
  return name;
}

function parseShopId(value: string | null, flag = '--shop-id'): string | null {
  if (value === null) return null;
  if (!/^\d{1,18}$/.test(value.trim())) throw new ConfigError(`${flag} must be a number, got ${JSON.stringify(value)}`);
  return value.trim();
}

export function parseSince(value: string | undefined): number | null {
  if (value === undefined) return null;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (!Number.isFinite(ms)) throw new ConfigError(`--since ${JSON.stringify(value)} is not a date (use YYYY-MM-DD or ISO-8601)`);
  if (ms > Date.now()) throw new ConfigError('--since is in the future');
  return ms;
}

function parseSeconds(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const s = Number(value);
  if (!Number.isFinite(s) || s < 1 || s > 86_400) throw new ConfigError(`${flag} must be a number of seconds from 1 to 86400, got ${JSON.stringify(value)}`);
  return Math.round(s * 1000);
}

function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new ConfigError(`--port must be an integer from 0 to 65535, got ${JSON.stringify(value)}`);
  return n;
}
