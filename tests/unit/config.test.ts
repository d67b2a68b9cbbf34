import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, defaultDataDir, parseCli, parseDesktopEnvironment } from '../../src-main/config';

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

  it('stores in a SQLite file by default, or in the PostgreSQL database given by --database or CS_DATABASE_URL', () => {
    expect(parseCli(['serve'], { XDG_CONFIG_HOME: '/cfg' })).toMatchObject({ database: path.resolve('/cfg/Mirakl Customer Service/inbox.db'), dataDir: path.resolve('/cfg/Mirakl Customer Service') });
    expect(parseCli(['serve', '--data-dir', '/srv/inbox'], {})).toMatchObject({ database: path.resolve('/srv/inbox/inbox.db'), dataDir: path.resolve('/srv/inbox') });
    const url = 'postgres://cs@db.internal:5432/inbox';
    expect(parseCli(['serve', '--database', url, '--data-dir', '/srv/inbox'], {})).toMatchObject({ database: url, dataDir: path.resolve('/srv/inbox') });
    expect(parseCli(['sync', '--demo'], { CS_DATABASE_URL: url, XDG_CONFIG_HOME: '/cfg' })).toMatchObject({ database: url, dataDir: path.resolve('/cfg/Mirakl Customer Service') });
  });

  it('serve defaults to the demo on 127.0.0.1:4319', () => {
    const c = parseCli(['serve'], {});
    expect(c).toMatchObject({ command: 'serve', demo: true, host: '127.0.0.1', port: 4319, sync: true, mirakl: null });
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
    [['sync', '--mirakl-url', 'ftp://x', '--api-key', 'k'], /must be http\(s\)/],
    [['sync', '--mirakl-url', 'https://x', '--api-key', 'k', '--shop-id', 'abc'], /--shop-id must be a number/],
    [['sync', '--demo', '--since', '2999-01-01'], /--since is in the future/],
    [['frobnicate'], /unknown command/],
    [['serve', '--database', 'inbox.db'], /--database must be a PostgreSQL URL/],
    [['serve', '--database', 'mysql://x/y'], /--database must be a PostgreSQL URL/],
    [['serve', '--db', 'x.db', '--database', 'postgres://h/db'], /cannot be combined/],
  ])('%j is refused with a clear reason', (args, message) => {
    expect(() => parseCli(args, {})).toThrow(ConfigError);
    expect(() => parseCli(args, {})).toThrow(message);
  });

  it('shares the data folder with the desktop app', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux')).toBe('/cfg/Mirakl Customer Service');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\t\\AppData\\Roaming' }, 'win32')).toContain('Mirakl Customer Service');
  });

  it('gives the desktop app a connection from the environment, or none', () => {
    expect(parseDesktopEnvironment({})).toEqual({ mirakl: null, marketplaceName: null, intervalMs: null });
    expect(parseDesktopEnvironment({ MIRAKL_URL: 'https://darty.mirakl.net/', MIRAKL_API_KEY: 'k', MIRAKL_MARKETPLACE: 'Darty', CS_SYNC_INTERVAL: '30' })).toEqual({
      mirakl: { baseUrl: 'https://darty.mirakl.net', apiKey: 'k', shopId: null },
      marketplaceName: 'Darty',
      intervalMs: 30_000,
    });
    expect(() => parseDesktopEnvironment({ MIRAKL_URL: 'https://darty.mirakl.net' })).toThrow('MIRAKL_URL is set without MIRAKL_API_KEY');
    expect(() => parseDesktopEnvironment({ MIRAKL_URL: 'darty', MIRAKL_API_KEY: 'k' })).toThrow(/^MIRAKL_URL "darty" is not a URL/);
    expect(() => parseDesktopEnvironment({ MIRAKL_MARKETPLACE: 'Darty' })).toThrow(/need MIRAKL_URL/);
    expect(() => parseDesktopEnvironment({ CS_SYNC_INTERVAL: 'soon' })).toThrow(/CS_SYNC_INTERVAL must be/);
  });
});
