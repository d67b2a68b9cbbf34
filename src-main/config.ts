// Command-line flags and environment, parsed once into one typed config. Every bad
// value gets a one-line reason naming the flag or variable, never a stack trace.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkApiKey } from '../src-shared/api-key';
import { checkMiraklUrl } from '../src-shared/mirakl-url';

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
  /** Attachments downloaded and the API token file (--data-dir); the SQLite file's folder by default. */
  dataDir: string;
  /** The connection given by flags or environment; null: the connections saved in the store. */
  mirakl: MiraklSettings | null;
  /** The marketplace's name shown in the inbox (--marketplace); null: made from the URL. */
  marketplaceName: string | null;
  /** sync: sync the embedded demo marketplace. serve: turn the "show the demo" preference back on. */
  demo: boolean;
  /** Also log passes that changed nothing. */
  verbose: boolean;
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
  /** Between passes while no client follows the event stream (the inbox is not in use). */
  idleIntervalMs: number;
  /** Sync every --interval even with no client connected. */
  alwaysSync: boolean;
}

export type CliConfig = SyncCommandConfig | ServeCommandConfig;

export const APP_NAME = 'Mirakl Customer Service';
export const DEFAULT_PORT = 4319;
const DEFAULT_INTERVAL_MS = 60_000;
const DEFAULT_IDLE_INTERVAL_MS = 5 * 60_000;

/** Where Electron keeps this app's data (app.getPath('userData')), so the CLI and the app share one store. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_NAME);
}

/** One setting of the headless commands: its flag, its variable, its default. `--help` and the README's table list these. */
export interface SettingHelp {
  flag: string;
  /** What follows the flag, e.g. PATH; absent for a switch. */
  arg?: string;
  env: string | null;
  commands: ReadonlyArray<'sync' | 'serve'>;
  what: string;
  default: string;
}

export const SETTINGS: readonly SettingHelp[] = [
  { flag: '--db', arg: 'PATH', env: 'CS_DB', commands: ['sync', 'serve'], what: 'the database file, SQLite (its folder must exist)', default: '<data folder>/inbox.db' },
  { flag: '--database', arg: 'URL', env: 'CS_DATABASE_URL', commands: ['sync', 'serve'], what: 'a PostgreSQL database instead of the file: postgres://user@host:5432/db', default: 'none (SQLite)' },
  { flag: '--data-dir', arg: 'DIR', env: 'CS_DATA_DIR', commands: ['sync', 'serve'], what: 'the data folder: attachments, the API token (and the default database file)', default: "the --db file's folder, else <data folder>" },
  { flag: '--mirakl-url', arg: 'URL', env: 'MIRAKL_URL', commands: ['sync', 'serve'], what: 'a Mirakl base URL (https; https:// is added when left out)', default: 'the connections saved in the store' },
  { flag: '--api-key', arg: 'KEY', env: 'MIRAKL_API_KEY', commands: ['sync', 'serve'], what: 'its API key (kept in memory, never stored)', default: 'none' },
  { flag: '--shop-id', arg: 'ID', env: 'MIRAKL_SHOP_ID', commands: ['sync', 'serve'], what: 'its shop id', default: "the key's default shop" },
  { flag: '--marketplace', arg: 'NAME', env: 'MIRAKL_MARKETPLACE', commands: ['sync', 'serve'], what: 'the marketplace name shown', default: 'from the URL' },
  { flag: '--demo', env: null, commands: ['sync', 'serve'], what: 'sync: the embedded demo marketplace; serve: turn the "show the demo" preference back on', default: 'off' },
  { flag: '--since', arg: 'DATE', env: 'CS_SINCE', commands: ['sync', 'serve'], what: "a connection's first sync starts at this date", default: 'the whole history' },
  { flag: '--interval', arg: 'S', env: 'CS_SYNC_INTERVAL', commands: ['sync', 'serve'], what: 'seconds between sync passes', default: '60' },
  { flag: '--verbose', env: 'CS_VERBOSE', commands: ['sync', 'serve'], what: 'also log passes that changed nothing', default: 'off' },
  { flag: '--once', env: null, commands: ['sync'], what: 'one pass, then exit', default: 'off (sync every --interval)' },
  { flag: '--port', arg: 'N', env: 'CS_PORT', commands: ['serve'], what: 'HTTP port (0: any free port)', default: String(DEFAULT_PORT) },
  { flag: '--host', arg: 'H', env: 'CS_HOST', commands: ['serve'], what: 'HTTP interface', default: '127.0.0.1' },
  { flag: '--no-sync', env: null, commands: ['serve'], what: 'no periodic sync (POST /api/sync still runs a pass)', default: 'off' },
  {
    flag: '--idle-interval',
    arg: 'S',
    env: 'CS_IDLE_INTERVAL',
    commands: ['serve'],
    what: 'seconds between sync passes while the inbox is not in use (no client on /api/events, or idle 30 min, or hidden)',
    default: '300',
  },
  { flag: '--always-sync', env: null, commands: ['serve'], what: 'a serve with no client connected still syncs every --interval', default: 'off' },
  { flag: '(none)', env: 'CS_API_TOKEN', commands: ['serve'], what: 'the API token (24+ of A-Z a-z 0-9 . _ ~ -)', default: 'generated once, stored in <data-dir>/api-token' },
];

/** `--help`: every flag and variable of both commands, with its default. */
export function usage(env: NodeJS.ProcessEnv = process.env): string {
  const lines = [
    'usage:',
    '  sync  [--once] [--db PATH | --database URL] [--data-dir DIR] [--mirakl-url URL --api-key KEY [--shop-id ID] [--marketplace NAME] | --demo] [--since DATE] [--interval S] [--verbose]',
    '  serve [--port N] [--host H] [--no-sync] [--interval S] [--idle-interval S] [--always-sync] [--db PATH | --database URL] [--data-dir DIR] [--mirakl-url URL --api-key KEY [--shop-id ID] [--marketplace NAME] | --demo] [--since DATE] [--verbose]',
    '',
    'Without --mirakl-url, both use the connections saved in the store (Settings); serve shows',
    'the embedded demo while none exists.',
    '',
    'settings (flag, environment variable: meaning; default):',
  ];
  for (const s of SETTINGS) {
    const flag = s.arg ? `${s.flag} ${s.arg}` : s.flag;
    const names = s.env ? `${flag}, ${s.env}` : flag;
    const only = s.commands.length === 1 ? ` (${s.commands[0]} only)` : '';
    lines.push(`  ${names}: ${s.what}${only}; default: ${s.default.replace('<data folder>', defaultDataDir(env))}`);
  }
  return lines.join('\n');
}

/** A value and where it came from: the flag or the environment variable, named in any error about it. */
interface Given {
  value: string;
  name: string;
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
        verbose: { type: 'boolean' },
        port: { type: 'string' },
        host: { type: 'string' },
        'no-sync': { type: 'boolean' },
        'idle-interval': { type: 'string' },
        'always-sync': { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new ConfigError((error as Error).message.split('\n')[0] ?? 'invalid arguments');
  }
  for (const flag of Object.keys(values)) {
    if (!SETTINGS.some((s) => s.flag === `--${flag}` && s.commands.includes(command))) throw new ConfigError(`--${flag} is not an option of ${command}`);
  }
  const given = (flag: string, envName?: string): Given | undefined => {
    const v = values[flag];
    if (typeof v === 'string') return { value: v, name: `--${flag}` };
    const e = envName ? env[envName] : undefined;
    return e === undefined || e === '' || !envName ? undefined : { value: e, name: envName };
  };

  const common: CommonConfig = {
    ...parseStorage(given('db', 'CS_DB'), given('database', 'CS_DATABASE_URL'), given('data-dir', 'CS_DATA_DIR'), env),
    mirakl: null,
    marketplaceName: parseMarketplaceName(given('marketplace', 'MIRAKL_MARKETPLACE')),
    demo: values.demo === true,
    since: parseSince(given('since', 'CS_SINCE')),
    intervalMs: parseSeconds(given('interval', 'CS_SYNC_INTERVAL')) ?? DEFAULT_INTERVAL_MS,
    verbose: values.verbose === true || parseSwitch(given('verbose', 'CS_VERBOSE')),
  };
  const url = given('mirakl-url', 'MIRAKL_URL');
  const key = given('api-key', 'MIRAKL_API_KEY');
  const shopId = given('shop-id', 'MIRAKL_SHOP_ID');
  if (url !== undefined || key !== undefined) {
    if (common.demo) throw new ConfigError(`--demo cannot be combined with ${(url ?? key)!.name}`);
    if (url === undefined) throw new ConfigError(`${key!.name} given without --mirakl-url (or MIRAKL_URL)`);
    if (key === undefined) throw new ConfigError(`${url.name} given without --api-key (or MIRAKL_API_KEY)`);
    common.mirakl = { baseUrl: parseBaseUrl(url), apiKey: parseApiKey(key), shopId: parseShopId(shopId) };
  } else if (shopId !== undefined) {
    throw new ConfigError(`${shopId.name} needs --mirakl-url and --api-key`);
  } else if (common.marketplaceName !== null) {
    throw new ConfigError(`${given('marketplace', 'MIRAKL_MARKETPLACE')!.name} needs --mirakl-url and --api-key`);
  }

  if (command === 'sync') return { ...common, command, once: values.once === true };
  return {
    ...common,
    command,
    port: parsePort(given('port', 'CS_PORT')) ?? DEFAULT_PORT,
    host: given('host', 'CS_HOST')?.value.trim() || '127.0.0.1',
    sync: values['no-sync'] !== true,
    idleIntervalMs: parseSeconds(given('idle-interval', 'CS_IDLE_INTERVAL')) ?? DEFAULT_IDLE_INTERVAL_MS,
    alwaysSync: values['always-sync'] === true,
  };
}

/**
 * What the desktop app takes from its environment: a Mirakl connection given as for `serve`
 * (MIRAKL_URL, MIRAKL_API_KEY, MIRAKL_SHOP_ID, MIRAKL_MARKETPLACE; the key stays in memory,
 * for machines with no keyring or managed deployments), CS_SYNC_INTERVAL and CS_IDLE_INTERVAL. Nothing set:
 * the connections and preferences of Settings, and the demo until one exists.
 */
export interface DesktopEnvironment {
  mirakl: MiraklSettings | null;
  marketplaceName: string | null;
  /** Null: the preference (or the app's default). */
  intervalMs: number | null;
  /** Between passes while the inbox is not in use; null: 5 minutes. */
  idleIntervalMs: number | null;
}

export function parseDesktopEnvironment(env: NodeJS.ProcessEnv = process.env): DesktopEnvironment {
  const value = (name: string): Given | undefined => (env[name] === undefined || env[name] === '' ? undefined : { value: env[name], name });
  const url = value('MIRAKL_URL');
  const key = value('MIRAKL_API_KEY');
  const marketplaceName = parseMarketplaceName(value('MIRAKL_MARKETPLACE'));
  const intervalMs = parseSeconds(value('CS_SYNC_INTERVAL')) ?? null;
  const idleIntervalMs = parseSeconds(value('CS_IDLE_INTERVAL')) ?? null;
  if (url === undefined && key === undefined) {
    if (value('MIRAKL_SHOP_ID') !== undefined || marketplaceName !== null) {
      throw new ConfigError('MIRAKL_SHOP_ID and MIRAKL_MARKETPLACE need MIRAKL_URL and MIRAKL_API_KEY');
    }
    return { mirakl: null, marketplaceName: null, intervalMs, idleIntervalMs };
  }
  if (url === undefined) throw new ConfigError('MIRAKL_API_KEY is set without MIRAKL_URL');
  if (key === undefined) throw new ConfigError('MIRAKL_URL is set without MIRAKL_API_KEY');
  return {
    mirakl: { baseUrl: parseBaseUrl(url), apiKey: parseApiKey(key), shopId: parseShopId(value('MIRAKL_SHOP_ID')) },
    marketplaceName,
    intervalMs,
    idleIntervalMs,
  };
}

function parseBaseUrl({ value, name }: Given): string {
  const checked = checkMiraklUrl(value);
  if (!checked.ok) throw new ConfigError(`${name} ${JSON.stringify(value)} ${checked.reason}`);
  return checked.url;
}

function parseApiKey({ value, name }: Given): string {
  const key = checkApiKey(value);
  if (!key.ok) throw new ConfigError(`${name} ${key.reason}`);
  return key.key;
}

/**
 * Where the inbox lives. SQLite: --db (default <data folder>/inbox.db), the data folder being
 * --data-dir, else the database file's folder. PostgreSQL: --database, the data folder being
 * --data-dir, else the platform's.
 */
function parseStorage(file: Given | undefined, url: Given | undefined, dataDir: Given | undefined, env: NodeJS.ProcessEnv): Pick<CommonConfig, 'database' | 'dataDir'> {
  const folder = dataDir ? path.resolve(dataDir.value) : null;
  if (url !== undefined) {
    if (file !== undefined) throw new ConfigError(`${file.name} and ${url.name} cannot be combined: a SQLite file or a PostgreSQL URL`);
    return { database: parseDatabaseUrl(url), dataDir: folder ?? defaultDataDir(env) };
  }
  if (file !== undefined) {
    const database = parseDbPath(file);
    return { database, dataDir: folder ?? path.dirname(database) };
  }
  const home = folder ?? defaultDataDir(env);
  return { database: path.join(home, 'inbox.db'), dataDir: home };
}

function parseDatabaseUrl({ value, name }: Given): string {
  const url = value.trim();
  let valid = /^postgres(ql)?:\/\/[^/]/i.test(url);
  try {
    new URL(url);
  } catch {
    valid = false;
  }
  if (!valid) throw new ConfigError(`${name} must be a PostgreSQL URL, postgres://user@host:5432/database (a SQLite file is --db PATH)`);
  return url;
}

/** An explicit database path: its folder must exist (a typo must not create a new, empty inbox somewhere). */
function parseDbPath({ value, name }: Given): string {
  const file = path.resolve(value);
  const dir = path.dirname(file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    throw new ConfigError(`${name} ${JSON.stringify(value)}: the folder ${dir} does not exist (create it first, or check the path)`);
  }
  if (!stat.isDirectory()) throw new ConfigError(`${name} ${JSON.stringify(value)}: ${dir} is not a folder`);
  return file;
}

function parseMarketplaceName(given: Given | undefined): string | null {
  if (given === undefined) return null;
  const name = given.value.trim();
  if (name === '' || name.length > 100) throw new ConfigError(`${given.name} must be a name of 1 to 100 characters`);
  return name;
}

function parseShopId(given: Given | undefined): string | null {
  if (given === undefined) return null;
  if (!/^\d{1,18}$/.test(given.value.trim())) throw new ConfigError(`${given.name} must be a number, got ${JSON.stringify(given.value)}`);
  return given.value.trim();
}

export function parseSince(given: Given | undefined): number | null {
  if (given === undefined) return null;
  const { value, name } = given;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (!Number.isFinite(ms)) throw new ConfigError(`${name} ${JSON.stringify(value)} is not a date (use YYYY-MM-DD or ISO-8601)`);
  if (ms > Date.now()) throw new ConfigError(`${name} is in the future`);
  return ms;
}

function parseSeconds(given: Given | undefined): number | undefined {
  if (given === undefined) return undefined;
  const s = Number(given.value);
  if (given.value.trim() === '' || !Number.isFinite(s) || s < 1 || s > 86_400) {
    throw new ConfigError(`${given.name} must be a number of seconds from 1 to 86400, got ${JSON.stringify(given.value)}`);
  }
  return Math.round(s * 1000);
}

function parsePort(given: Given | undefined): number | undefined {
  if (given === undefined) return undefined;
  if (!/^\d{1,5}$/.test(given.value.trim()) || Number(given.value) > 65_535) {
    throw new ConfigError(`${given.name} must be a port number from 0 to 65535, got ${JSON.stringify(given.value)}`);
  }
  return Number(given.value);
}

function parseSwitch(given: Given | undefined): boolean {
  if (given === undefined) return false;
  const v = given.value.trim().toLowerCase();
  if (v === '1' || v === 'true' || v === 'yes') return true;
  if (v === '0' || v === 'false' || v === 'no') return false;
  throw new ConfigError(`${given.name} must be 1 or 0 (true or false), got ${JSON.stringify(given.value)}`);
}
