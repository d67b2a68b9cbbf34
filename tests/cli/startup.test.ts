// The command line starts at once: `--help` and a bad flag load the flags and nothing else
// (no database driver, no Mirakl client, no HTTP server, no contract schemas), proved by
// recording what the bundle's process loads; a command loads what it needs. The bundle is
// rebuilt only when a file it was built from changed, and `npx mirakl-cs` runs it.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cliStale } from '../../src-main/electron/build/freshness.mjs';
import { CLI_BUNDLE, ROOT, waitForExit } from '../helpers/cli-process';
import { dbPath, tempDir } from '../helpers/temp-dir';

const RECORDER = path.join(ROOT, 'tests', 'cli', 'fixtures', 'record-loads.mjs');

interface Loads {
  code: number | null;
  /** Node's own modules (http, net…). */
  builtins: string[];
  /** Native addons (better-sqlite3's .node file). */
  addons: string[];
  /** What the bundle's files loaded hold: esbuild marks each module it inlined with a `// path` line. */
  modules: string[];
}

async function loadsOf(args: string[]): Promise<Loads> {
  const record = path.join(dir, `loads-${Math.random().toString(36).slice(2)}.json`);
  const child = spawn(process.execPath, ['--import', RECORDER, CLI_BUNDLE, ...args], {
    cwd: ROOT,
    env: { ...process.env, LOAD_RECORD: record, CS_DB: '', MIRAKL_URL: '', MIRAKL_API_KEY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run = await waitForExit(child);
  const { builtins, addons } = JSON.parse(fs.readFileSync(record, 'utf8')) as Pick<Loads, 'builtins' | 'addons'>;
  const files = fs
    .readFileSync(`${record}.resolved`, 'utf8')
    .split('\n')
    .filter((url) => url.startsWith('file:'))
    .map((url) => fileURLToPath(url));
  // The bundle's own files, and the packages it leaves out of it (better-sqlite3).
  const bundled = files.filter((file) => file.startsWith(path.dirname(CLI_BUNDLE)));
  const external = files.filter((file) => !bundled.includes(file)).map((file) => path.relative(ROOT, file));
  expect(external.filter((file) => !file.startsWith('node_modules/')), 'nothing but the bundle and packages').toEqual([]);
  const inlined = bundled.flatMap((file) => [...fs.readFileSync(file, 'utf8').matchAll(/^\/\/ ((?:node_modules|src-\w+)\/\S+)$/gm)].map((m) => m[1]!));
  const modules = [...new Set([...inlined, ...external])];
  return { code: run.code, builtins, addons, modules };
}

const dir = tempDir();
/** What a command needs and `--help` must not load. */
const HEAVY = [/^node_modules\/better-sqlite3\//, /^node_modules\/kysely\//, /^node_modules\/fastify\//, /^node_modules\/axios\//, /^node_modules\/zod\//, /^node_modules\/react/, /^src-main\/db\//, /^src-main\/http\//, /^src-main\/mirakl\/client/, /^src-shared\/contract/];

describe('startup', () => {
  it.each([
    ['--help', ['--help'], 0],
    ['sync --help', ['sync', '--help'], 0],
    ['a bad flag', ['sync', '--bogus'], 2],
    ['a bad value', ['serve', '--port', 'many'], 2],
  ])('%s loads the flags only: no database driver, Mirakl client, HTTP server or schemas', async (_, args, code) => {
    const loads = await loadsOf(args as string[]);
    expect(loads.code).toBe(code);
    expect(loads.modules).toContain('src-main/config.ts');
    expect(loads.modules.filter((m) => HEAVY.some((heavy) => heavy.test(m)))).toEqual([]);
    expect(loads.addons).toEqual([]);
    expect(loads.builtins).not.toContain('http');
  });

  it('a command loads what it needs (so the check above can fail)', async () => {
    const loads = await loadsOf(['sync', '--once', '--demo', '--db', dbPath(dir)]);
    expect(loads.code).toBe(0);
    // A sync of the demo: the store, the Mirakl client and the demo's own HTTP server (no API, no page, no contract).
    for (const needed of HEAVY.filter((h) => !/react|http|contract/.test(h.source))) expect(loads.modules.some((m) => needed.test(m)), needed.source).toBe(true);
    expect(loads.addons.some((file) => file.endsWith('better_sqlite3.node'))).toBe(true);
    expect(loads.builtins).toContain('http');
  });

  it('npx mirakl-cs runs the bundle (package.json bin)', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(path.resolve(ROOT, pkg.bin['mirakl-cs']!)).toBe(CLI_BUNDLE);
    expect(fs.readFileSync(CLI_BUNDLE, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    const run = spawnSync('npx', ['--offline', '--no-install', 'mirakl-cs', 'sync', '--help'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^usage:\n {2}sync /);
  });
});

describe('the bundle is rebuilt only when what it was built from changed', () => {
  /** A checkout in miniature: a built dist/cli and the files its build read. */
  function builtCheckout(): string {
    const root = fs.mkdtempSync(path.join(dir, 'checkout-'));
    fs.mkdirSync(path.join(root, 'dist', 'cli'), { recursive: true });
    fs.mkdirSync(path.join(root, 'src-main'));
    fs.writeFileSync(path.join(root, 'src-main', 'cli.ts'), '');
    fs.writeFileSync(path.join(root, 'package.json'), '{}');
    const builtAt = Date.now();
    fs.writeFileSync(path.join(root, 'dist', 'cli', 'mirakl-cs.mjs'), '');
    fs.writeFileSync(path.join(root, 'dist', 'cli', 'inputs.json'), JSON.stringify({ builtAt, inputs: ['src-main/cli.ts', 'package.json'] }));
    const before = new Date(builtAt - 60_000);
    for (const file of ['src-main/cli.ts', 'package.json']) fs.utimesSync(path.join(root, file), before, before);
    return root;
  }

  it('fresh: nothing changed since the build', () => {
    expect(cliStale(builtCheckout())).toBe(false);
  });

  it('stale: a source edited, a source gone, the dependencies changed, or no build yet', () => {
    const edited = builtCheckout();
    fs.utimesSync(path.join(edited, 'src-main', 'cli.ts'), new Date(), new Date(Date.now() + 1_000));
    expect(cliStale(edited)).toBe(true);
    const removed = builtCheckout();
    fs.rmSync(path.join(removed, 'src-main', 'cli.ts'));
    expect(cliStale(removed)).toBe(true);
    const upgraded = builtCheckout();
    fs.writeFileSync(path.join(upgraded, 'package.json'), '{"dependencies":{}}');
    fs.utimesSync(path.join(upgraded, 'package.json'), new Date(), new Date(Date.now() + 1_000));
    expect(cliStale(upgraded)).toBe(true);
    const unbuilt = builtCheckout();
    fs.rmSync(path.join(unbuilt, 'dist'), { recursive: true });
    expect(cliStale(unbuilt)).toBe(true);
  });

  it("this checkout's bundle is fresh (the tests' global setup built it) and lists its sources", () => {
    expect(cliStale()).toBe(false);
    const { inputs } = JSON.parse(fs.readFileSync(path.join(path.dirname(CLI_BUNDLE), 'inputs.json'), 'utf8')) as { inputs: string[] };
    expect(inputs).toEqual(expect.arrayContaining(['src-main/cli.ts', 'src-main/config.ts', 'src-main/cli/serve-command.ts', 'src-main/db/open.ts', 'package.json']));
  });
});
