import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeMiraklStore } from '../../src-main/fake-mirakl/store';
import { generateDemoData } from '../../src-main/fake-mirakl/demo-data';
import { startFakeMirakl, type FakeMirakl } from '../../src-main/fake-mirakl/server';
import { openStore } from '../../src-main/db/open';
import { insertAccount } from '../../src-main/db/account-admin';
import { plainTextSecretBox } from '../../src-main/service/secret-box';
import { runCli } from '../helpers/cli-process';
import { dbPath, tempDir } from '../helpers/temp-dir';
import { cliDatabase, onPostgres } from '../helpers/test-store';

describe('npm run sync', () => {
  const dir = tempDir();
  let fake: FakeMirakl;
  beforeAll(async () => {
    const store = new FakeMiraklStore();
    generateDemoData(store, { threads: 25, seed: 5 });
    fake = await startFakeMirakl({ store, apiKey: 'key-1' });
  });
  afterAll(() => fake.close());

  it('--once syncs and prints a summary line, exit 0; settings may come from the environment', async () => {
    const { target, flags } = await cliDatabase(dir, dir);
    const run = await runCli(['sync', '--once', ...flags, '--mirakl-url', fake.url, '--api-key', 'key-1']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // Unnamed, the marketplace is named after its address (a loopback fake has no host name).
    const host = new URL(fake.url).host;
    expect(run.stdout).toMatch(new RegExp(`^synced ${host}: 25 threads, \\d+ new messages, 25 new conversations, \\d+ orders, \\d+ Mirakl calls in \\d+\\.\\d s\\n$`));
    const again = await runCli(['sync', '--once'], {
      ...(onPostgres ? { CS_DATABASE_URL: target, CS_DATA_DIR: dir } : { CS_DB: target }),
      MIRAKL_URL: fake.url,
      MIRAKL_API_KEY: 'key-1',
      MIRAKL_MARKETPLACE: 'Best Buy Canada',
    });
    expect(again.code).toBe(0);
    // Nothing new: one M11 page, no M10, OR11 or A01.
    expect(again.stdout).toMatch(/^synced Best Buy Canada: .*0 new messages, 0 new conversations, 1 Mirakl call in /);
  });

  it('without --mirakl-url, syncs every connection saved in the store, and names one whose key it cannot read', async () => {
    const { target, flags } = await cliDatabase(dir, dir);
    const store = await openStore(target);
    const saved = (into: typeof store, name: string, sealedApiKey: string) =>
      insertAccount(into.db, { name, shopName: null, baseUrl: fake.url, shopId: name === 'Saved shop' ? null : '2001', sealedApiKey, isDemo: false }, Date.now());
    await saved(store, 'Saved shop', plainTextSecretBox.seal('key-1'));
    await store.close();
    const run = await runCli(['sync', '--once', ...flags]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^synced Saved shop: 25 threads, \d+ new messages, 25 new conversations/);

    // A key sealed by the desktop app's keychain cannot be read here: said, and the others still sync.
    const again = await openStore(target);
    await saved(again, 'Keychain shop', 'safe:AAAA');
    await again.close();
    const mixed = await runCli(['sync', '--once', ...flags]);
    expect(mixed.code).toBe(1);
    expect(mixed.stdout).toMatch(/^synced Saved shop: \d+ threads, 0 new messages, 0 new conversations/);
    expect(mixed.stderr).toMatch(/^error: Keychain shop: The API key of "Keychain shop" cannot be read here: .*sealed by another secret store/);
    expect(mixed.stderr).not.toMatch(/\n\s+at /);
  }, 90_000);

  it('a bad environment variable is named, not the flag it stands for', async () => {
    const run = await runCli(['sync', '--once', '--demo', '--db', dbPath(dir)], { CS_SYNC_INTERVAL: 'often' });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('error: CS_SYNC_INTERVAL must be a number of seconds from 1 to 86400, got "often"\n');
  });

  it('--help lists every flag and variable with its default, exit 0', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const name of ['--db', 'CS_DB', '--port', 'CS_PORT', '--host', 'CS_HOST', 'CS_API_TOKEN', 'CS_SINCE', 'CS_SYNC_INTERVAL', 'MIRAKL_MARKETPLACE', '--verbose', '--no-sync', '--once']) {
      expect(run.stdout, name).toMatch(new RegExp(`${name}[ ,:].*; default: `));
    }
  });

  it('--demo runs on the embedded fake Mirakl', async () => {
    const run = await runCli(['sync', '--once', '--demo', ...(await cliDatabase(dir, dir)).flags]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^synced Demo marketplace: \d+ threads/);
  });

  it('--since limits a first sync', async () => {
    const all = fake.store.listThreads().map((t) => Date.parse(t.date_updated)).sort((a, b) => a - b);
    const since = new Date(all[Math.floor(all.length / 2)]!).toISOString();
    const run = await runCli(['sync', '--once', ...(await cliDatabase(dir, dir)).flags, '--mirakl-url', fake.url, '--api-key', 'key-1', '--since', since]);
    expect(run.code).toBe(0);
    const threads = Number(/: (\d+) threads/.exec(run.stdout)![1]);
    expect(threads).toBeLessThan(25);
    expect(threads).toBeGreaterThan(0);
  });

  it.each([
    [['sync', '--once', '--demo', '--db', 'DB', '--mirakl-url', 'https://x.mirakl.net', '--api-key', 'k'], /--demo cannot be combined/, 2],
    [['sync', '--once', '--db', 'DB'], /no Mirakl connection: pass --mirakl-url .*add one in Settings/, 2],
    [['sync', '--once', '--db', '/no/such/folder/inbox.db', '--demo'], /^error: --db "\/no\/such\/folder\/inbox.db": the folder \/no\/such\/folder does not exist/, 2],
    [['sync', '--once', '--db', 'DB', '--mirakl-url', 'http://acme.mirakl.net', '--api-key', 'k'], /must start with https:\/\//, 2],
    [['sync', '--once', '--db', 'DB', '--mirakl-url', 'not a url', '--api-key', 'k'], /--mirakl-url "not a url" is not a URL/, 2],
    [['sync', '--once', '--db', 'DB', '--mirakl-url', 'https://x.mirakl.net'], /without --api-key/, 2],
    [['sync', '--once', '--db', 'DB', '--demo', '--since', 'yesterday'], /--since "yesterday" is not a date/, 2],
    [['sync', '--once', '--bogus'], /Unknown option '--bogus'/, 2],
  ])('bad configuration %j gets one clear line', async (args, message, code) => {
    const run = await runCli(args.map((a) => (a === 'DB' ? dbPath(dir) : a)));
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('a wrong key, an unreachable URL and an unusable database fail with the reason', async () => {
    const wrongKey = await runCli(['sync', '--once', ...(await cliDatabase(dir, dir)).flags, '--mirakl-url', fake.url, '--api-key', 'nope']);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr).toMatch(/^error: A01: Mirakl answered 401.*check the API key\)\n$/);
    const unreachable = await runCli(['sync', '--once', ...(await cliDatabase(dir, dir)).flags, '--mirakl-url', 'http://127.0.0.1:9', '--api-key', 'k']);
    expect(unreachable.code).toBe(1);
    // In words: Node's ECONNREFUSED means nothing to a technician.
    expect(unreachable.stderr).toMatch(/^error: A01: cannot reach Mirakl at http:\/\/127\.0\.0\.1:9: nothing answers at that address \(check the Mirakl URL and port\)\n$/);
    if (onPostgres) {
      const url = new URL((await cliDatabase(dir, dir)).target);
      url.port = '1';
      const down = await runCli(['sync', '--once', '--database', url.toString(), '--data-dir', dir, '--demo']);
      expect(down.code).toBe(1);
      expect(down.stderr).toMatch(/^error: Cannot open the PostgreSQL database "t_\w+" on 127\.0\.0\.1:1 as postgres: nothing listens there/);
    } else {
      const file = path.join(dir, 'a-file');
      fs.writeFileSync(file, '');
      const unwritable = await runCli(['sync', '--once', '--db', path.join(file, 'inbox.db'), '--demo']);
      expect(unwritable.code).toBe(2);
      expect(unwritable.stderr).toMatch(/^error: --db ".*a-file\/inbox.db": .*a-file is not a folder\n$/);
      const folderAsDb = await runCli(['sync', '--once', '--db', dir, '--demo']);
      expect(folderAsDb.code).toBe(1);
      expect(folderAsDb.stderr).toMatch(/^error: Cannot open the database/);
    }
  }, 60_000);
});
