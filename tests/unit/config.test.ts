import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, defaultDataDir, parseCli, parseDesktopEnvironment, SETTINGS, usage } from '../../src-main/config';

const ROOT = path.resolve(__dirname, '../..');

describe('command-line configuration', () => {
  it('reads flags, falling back to the environment', () => {
    const c = parseCli(['sync', '--once'], { MIRAKL_URL: 'https://best.mirakl.net/', MIRAKL_API_KEY: ' k ', MIRAKL_SHOP_ID: '2001', CS_DB: 'x.db' });
    expect(c).toMatchObject({ command: 'sync', once: true, demo: false, mirakl: { baseUrl: 'https://best.mirakl.net', apiKey: 'k', shopId: '2001' } });
    expect(c.database).toBe(path.resolve('x.db'));
    expect(c.dataDir).toBe(path.dirname(path.resolve('x.db')));
    expect(c.intervalMs).toBe(60_000);
    expect(c.marketplaceName).toBeNull();
  });

  it('takes the marketplace name shown in the inbox from --marketplace or MIRAKL_MARKETPLACE', () => {
    const env = { MIRAKL_URL: 'https://bestbuy-ca-prod.mirakl.net', MIRAKL_API_KEY: 'k' };
    expect(parseCli(['serve', '--marketplace', ' Best Buy Canada '], env).marketplaceName).toBe('Best Buy Canada');
    expect(parseCli(['sync'], { ...env, MIRAKL_MARKETPLACE: 'Best Buy' }).marketplaceName).toBe('Best Buy');
  });

  it('serve defaults to the saved connections (and the demo while none exists) on 127.0.0.1:4319', () => {
    const c = parseCli(['serve'], {});
    expect(c).toMatchObject({ command: 'serve', demo: false, host: '127.0.0.1', port: 4319, sync: true, mirakl: null, verbose: false });
    expect(parseCli(['sync', '--once'], {})).toMatchObject({ command: 'sync', demo: false, mirakl: null });
  });

  it('names the variable, not the flag, when a bad value comes from the environment', () => {
    const cases: Array<[string[], NodeJS.ProcessEnv, RegExp]> = [
      [['serve'], { CS_PORT: 'abc' }, /^CS_PORT must be a port number/],
      [['serve', '--port', 'abc'], {}, /^--port must be a port number/],
      [['serve'], { CS_PORT: '0x10' }, /^CS_PORT /],
      [['sync'], { CS_SYNC_INTERVAL: 'soon' }, /^CS_SYNC_INTERVAL must be/],
      [['sync'], { CS_SINCE: 'yesterday' }, /^CS_SINCE "yesterday" is not a date/],
      [['sync'], { MIRAKL_URL: 'https://a.mirakl.net', MIRAKL_API_KEY: 'k', MIRAKL_SHOP_ID: 'x' }, /^MIRAKL_SHOP_ID must be a number/],
      [['sync'], { MIRAKL_URL: 'ftp://a', MIRAKL_API_KEY: 'k' }, /^MIRAKL_URL "ftp:\/\/a" must be an https URL/],
      [['sync'], { MIRAKL_URL: 'https://a.mirakl.net' }, /^MIRAKL_URL given without --api-key/],
      [['sync'], { MIRAKL_MARKETPLACE: 'Darty' }, /^MIRAKL_MARKETPLACE needs --mirakl-url/],
      [['sync'], { CS_VERBOSE: 'loud' }, /^CS_VERBOSE must be 1 or 0/],
    ];
    for (const [args, env, message] of cases) expect(() => parseCli(args, env), JSON.stringify(env)).toThrow(message);
  });

  it('refuses a --db (or CS_DB) whose folder does not exist, instead of creating it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcs-config-'));
    try {
      const missing = path.join(dir, 'no-such-folder', 'inbox.db');
      expect(() => parseCli(['sync', '--demo', '--db', missing], {})).toThrow(/^--db ".*": the folder .*no-such-folder does not exist/);
      expect(() => parseCli(['sync', '--demo'], { CS_DB: missing })).toThrow(/^CS_DB ".*": the folder .*no-such-folder does not exist/);
      fs.writeFileSync(path.join(dir, 'a-file'), '');
      expect(() => parseCli(['sync', '--demo', '--db', path.join(dir, 'a-file', 'inbox.db')], {})).toThrow(/is not a folder/);
      expect(fs.existsSync(path.join(dir, 'no-such-folder'))).toBe(false);
      expect(parseCli(['sync', '--demo', '--db', path.join(dir, 'inbox.db')], {}).database).toBe(path.join(dir, 'inbox.db'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stores in a SQLite file by default, or in the PostgreSQL database given by --database or CS_DATABASE_URL', () => {
    expect(parseCli(['serve'], { XDG_CONFIG_HOME: '/cfg' })).toMatchObject({ database: '/cfg/Mirakl Customer Service/inbox.db', dataDir: '/cfg/Mirakl Customer Service' });
    expect(parseCli(['serve', '--data-dir', '/srv/inbox'], {})).toMatchObject({ database: path.resolve('/srv/inbox/inbox.db'), dataDir: path.resolve('/srv/inbox') });
    const url = 'postgres://cs@db.internal:5432/inbox';
    expect(parseCli(['serve', '--database', url, '--data-dir', '/srv/inbox'], {})).toMatchObject({ database: url, dataDir: path.resolve('/srv/inbox') });
    expect(parseCli(['sync', '--demo'], { CS_DATABASE_URL: url, XDG_CONFIG_HOME: '/cfg' })).toMatchObject({ database: url, dataDir: '/cfg/Mirakl Customer Service' });
    expect(() => parseCli(['serve', '--database', 'inbox.db'], {})).toThrow(/^--database must be a PostgreSQL URL/);
    expect(() => parseCli(['serve'], { CS_DATABASE_URL: 'mysql://x/y' })).toThrow(/^CS_DATABASE_URL must be a PostgreSQL URL/);
    expect(() => parseCli(['serve', '--db', 'x.db', '--database', url], {})).toThrow(/^--db and --database cannot be combined/);
  });

  it('adds https:// to a URL typed without it, and refuses http:// to another machine (the key would travel in clear)', () => {
    const sync = (url: string) => parseCli(['sync', '--mirakl-url', url, '--api-key', 'k'], {});
    expect(sync('acme.mirakl.net').mirakl?.baseUrl).toBe('https://acme.mirakl.net');
    expect(sync('acme-prod.mirakl.net/').mirakl?.baseUrl).toBe('https://acme-prod.mirakl.net');
    expect(sync('http://127.0.0.1:8080').mirakl?.baseUrl).toBe('http://127.0.0.1:8080');
    expect(sync('http://localhost:8080').mirakl?.baseUrl).toBe('http://localhost:8080');
    expect(() => sync('http://acme.mirakl.net')).toThrow(/^--mirakl-url "http:\/\/acme\.mirakl\.net" must start with https:\/\/: over http:\/\/ the API key could be read/);
    expect(() => sync('https://user:pw@acme.mirakl.net')).toThrow(/user name or password/);
    expect(() => parseCli(['sync', '--mirakl-url', 'https://a.mirakl.net', '--api-key', 'a key'], {})).toThrow(/^--api-key must be the key as Mirakl shows it/);
  });

  it('--help lists every flag and environment variable with its default', () => {
    const help = usage({ XDG_CONFIG_HOME: '/cfg' });
    // Every option parseCli declares, and every variable the CLI reads.
    const source = fs.readFileSync(path.join(ROOT, 'src-main/config.ts'), 'utf8');
    const options = /options: \{([\s\S]*?)\n\s{6}\},/.exec(source.slice(source.indexOf('export function parseCli')))![1]!;
    const flags = [...options.matchAll(/^\s*'?([a-z-]+)'?: \{ type:/gm)].map((m) => `--${m[1]}`);
    expect(flags.length).toBeGreaterThan(10);
    const variables = new Set(
      ['src-main/config.ts', 'src-main/http/api-token.ts'].flatMap((file) => [...fs.readFileSync(path.join(ROOT, file), 'utf8').matchAll(/'((?:CS|MIRAKL)_[A-Z_]+)'/g)].map((m) => m[1]!)),
    );
    variables.delete('CS_USER_DATA'); // the desktop app's, not the CLI's
    expect(variables.size).toBeGreaterThan(8);
    for (const name of [...flags, ...variables]) {
      const settingLines = help.split('\n').slice(help.split('\n').findIndex((l) => l.startsWith('settings')));
      const line = settingLines.find((l) => new RegExp(`(^|[ ,])${name}([ ,:]|$)`).test(l));
      expect(line, name).toMatch(/; default: \S/);
    }
    expect(help).toContain('default: /cfg/Mirakl Customer Service/inbox.db');
    for (const setting of SETTINGS) for (const command of setting.commands) if (setting.flag.startsWith('--')) {
      const args = setting.arg ? [setting.flag, 'x'] : [setting.flag];
      // Known to the parser (a bad value may still be refused, but never as an unknown option).
      try {
        parseCli([command, ...args], {});
      } catch (error) {
        expect((error as Error).message, setting.flag).not.toMatch(/Unknown option|not an option/);
      }
    }
    expect(() => parseCli(['serve', '--once'], {})).toThrow('--once is not an option of serve');
  });

  it("the README's settings table lists every flag and variable", () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    for (const setting of SETTINGS) {
      if (setting.flag.startsWith('--')) expect(readme, setting.flag).toMatch(new RegExp(`\\| \`${setting.flag}\` \\|`));
      if (setting.env) expect(readme, setting.env).toMatch(new RegExp(`\\| \`${setting.env}\` \\|`));
    }
  });

  it('serve polls every --idle-interval when nobody looks (5 minutes by default), every --interval with --always-sync', () => {
    const plain = parseCli(['serve', '--demo'], {});
    expect(plain).toMatchObject({ idleIntervalMs: 300_000, alwaysSync: false });
    expect(parseCli(['serve', '--demo', '--idle-interval', '600', '--always-sync'], {})).toMatchObject({ idleIntervalMs: 600_000, alwaysSync: true });
    expect(parseCli(['serve', '--demo'], { CS_IDLE_INTERVAL: '120' })).toMatchObject({ idleIntervalMs: 120_000 });
    expect(() => parseCli(['serve', '--idle-interval', 'later'], {})).toThrow(/--idle-interval must be a number of seconds/);
    expect(() => parseCli(['sync', '--always-sync'], {})).toThrow(/--always-sync is not an option of sync/);
  });

  it('parses --since as a date and --interval as seconds', () => {
    const c = parseCli(['sync', '--demo', '--since', '2024-01-31', '--interval', '15'], {});
    expect(c.since).toBe(Date.UTC(2024, 0, 31));
    expect(c.intervalMs).toBe(15_000);
  });

  it.each([
    [['sync', '--demo', '--interval', '0'], /--interval must be/],
    [['serve', '--port', '70000'], /--port must be/],
    [['sync', '--demo', '--shop-id', 'abc'], /--shop-id needs --mirakl-url/],
    [['serve', '--marketplace', 'Darty'], /--marketplace needs --mirakl-url/],
    [['sync', '--mirakl-url', 'https://x', '--api-key', 'k', '--marketplace', '  '], /--marketplace must be a name/],
    [['sync', '--mirakl-url', 'ftp://x', '--api-key', 'k'], /must be an https URL/],
    [['sync', '--mirakl-url', 'https://x', '--api-key', 'k', '--shop-id', 'abc'], /--shop-id must be a number/],
    [['sync', '--demo', '--since', '2999-01-01'], /--since is in the future/],
    [['frobnicate'], /unknown command/],
  ])('%j is refused with a clear reason', (args, message) => {
    expect(() => parseCli(args, {})).toThrow(ConfigError);
    expect(() => parseCli(args, {})).toThrow(message);
  });

  it('shares the data folder with the desktop app', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux')).toBe('/cfg/Mirakl Customer Service');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\t\\AppData\\Roaming' }, 'win32')).toContain('Mirakl Customer Service');
  });

  it('gives the desktop app a connection from the environment, or none', () => {
    expect(parseDesktopEnvironment({})).toEqual({ mirakl: null, marketplaceName: null, intervalMs: null, idleIntervalMs: null });
    expect(parseDesktopEnvironment({ MIRAKL_URL: 'https://darty.mirakl.net/', MIRAKL_API_KEY: 'k', MIRAKL_MARKETPLACE: 'Darty', CS_SYNC_INTERVAL: '30', CS_IDLE_INTERVAL: '600' })).toEqual({
      mirakl: { baseUrl: 'https://darty.mirakl.net', apiKey: 'k', shopId: null },
      marketplaceName: 'Darty',
      intervalMs: 30_000,
      idleIntervalMs: 600_000,
    });
    expect(() => parseDesktopEnvironment({ MIRAKL_URL: 'https://darty.mirakl.net' })).toThrow('MIRAKL_URL is set without MIRAKL_API_KEY');
    expect(() => parseDesktopEnvironment({ MIRAKL_URL: 'darty', MIRAKL_API_KEY: 'k' })).toThrow(/^MIRAKL_URL "darty" is not a URL/);
    expect(() => parseDesktopEnvironment({ MIRAKL_MARKETPLACE: 'Darty' })).toThrow(/need MIRAKL_URL/);
    expect(() => parseDesktopEnvironment({ CS_SYNC_INTERVAL: 'soon' })).toThrow(/CS_SYNC_INTERVAL must be/);
    expect(() => parseDesktopEnvironment({ CS_IDLE_INTERVAL: '0' })).toThrow(/CS_IDLE_INTERVAL must be/);
  });
});
