// Runs the real CLI in a child process, as a user or a script would: the bundle users run
// (dist/cli/mirakl-cs.mjs, built by the tests' global setup, tests/helpers/cli-setup.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { CLI_BUNDLE } from '../../src-main/electron/build/freshness.mjs';

export const ROOT = path.resolve(__dirname, '../..');
export { CLI_BUNDLE };

/** One process, node itself running the bundle: a signal sent to it reaches the one doing the work. */
export function spawnCli(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, [CLI_BUNDLE, ...args], {
    cwd: ROOT,
    env: { ...process.env, CS_DB: '', CS_DATABASE_URL: '', CS_DATA_DIR: '', MIRAKL_URL: '', MIRAKL_API_KEY: '', MIRAKL_SHOP_ID: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function waitForExit(child: ChildProcess): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return waitForExit(spawnCli(args, env));
}
