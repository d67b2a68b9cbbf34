// `serve` as a user runs it: a child process on a free port with the embedded demo,
// answering with the token it prints, and exiting 0 on SIGTERM.
import fs from 'node:fs';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationPage } from '../../src-shared/contract';
import { exposureWarning } from '../../src-main/cli/serve-command';
import { runCli, spawnCli, waitForExit } from '../helpers/cli-process';
import { tempDir } from '../helpers/temp-dir';
import { cliDatabase } from '../helpers/test-store';

/** Resolves with stdout so far once `pattern` appears in it. */
function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`no ${pattern} in time; stdout: ${out}; stderr: ${err}`)), timeoutMs);
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (pattern.test(out)) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code} before ${pattern}; stdout: ${out}; stderr: ${err}`));
    });
  });
}

describe('npm run serve', () => {
  const dir = tempDir();
  let child: ChildProcess | null = null;
  afterEach(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    child = null;
  });

  it('serves the demo inbox on the port it prints, with the token it prints, and exits 0 on SIGTERM', async () => {
    const dataDir = path.join(dir, 'serve');
    child = spawnCli(['serve', '--demo', '--port', '0', ...(await cliDatabase(dir, dataDir)).flags]);
    const out = await waitForOutput(child, /Open (http:\/\/\S+)\n/);
    const url = /serving on (http:\/\/127\.0\.0\.1:(\d+)\/)\n/.exec(out);
    expect(url, out).not.toBeNull();
    expect(Number(url![2])).toBeGreaterThan(0);
    const ready = new URL(/Open (\S+)\n/.exec(out)![1]!);
    expect(ready.origin).toBe(new URL(url![1]!).origin);
    const token = ready.searchParams.get('token')!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The generated token is stored in the data folder, for this user only.
    const tokenFile = path.join(dataDir, 'api-token');
    expect(fs.readFileSync(tokenFile, 'utf8').trim()).toBe(token);
    if (process.platform !== 'win32') expect(fs.statSync(tokenFile).mode & 0o777).toBe(0o600);

    const headers = { authorization: `Bearer ${token}` };
    const health = await fetch(`${url![1]}api/health`, { headers });
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true, version: expect.any(String) });
    expect((await fetch(`${url![1]}api/health`)).status).toBe(401);
    // Settings shows where the API listens and its token, to copy into scripts.
    const access = await fetch(`${url![1]}api/access`, { headers });
    expect(await access.json()).toEqual({ url: url![1], token, error: null, controlledBy: 'command-line' });
    // The first demo sync runs in the background: the list fills within moments.
    let page: ConversationPage = { items: [], nextCursor: null };
    const deadline = Date.now() + 20_000;
    while (page.items.length === 0 && Date.now() < deadline) {
      const response = await fetch(`${url![1]}api/conversations?limit=5`, { headers });
      expect(response.status).toBe(200);
      page = (await response.json()) as ConversationPage;
      if (page.items.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(page.items.length).toBe(5);

    const exited = waitForExit(child);
    const stoppedAt = Date.now();
    child.kill('SIGTERM');
    const run = await exited;
    expect(run.code, run.stderr).toBe(0);
    expect(Date.now() - stoppedAt, `${stoppedAt}: ${run.stderr}`).toBeLessThan(5_000);
    await expect(fetch(`${url![1]}api/health`, { headers })).rejects.toThrow();
  });

  it('takes CS_API_TOKEN, serves without syncing under --no-sync, and stops on SIGINT too', async () => {
    const token = 'a-token-for-scripts-0123456789';
    child = spawnCli(['serve', '--demo', '--no-sync', '--port', '0', ...(await cliDatabase(dir, path.join(dir, 'env'))).flags], { CS_API_TOKEN: token });
    // The last line printed at start-up.
    const out = await waitForOutput(child, /Periodic sync is off \(--no-sync\)/);
    expect(out).toContain(`?token=${token}`);
    const base = /serving on (\S+)\n/.exec(out)![1]!;
    expect((await fetch(`${base}api/health`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect(fs.existsSync(path.join(dir, 'env', 'api-token'))).toBe(false);
    const exited = waitForExit(child);
    child.kill('SIGINT');
    expect((await exited).code).toBe(0);
  });

  it('warns when --host reaches beyond this machine', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1']) expect(exposureWarning(host), host).toBeNull();
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'myhost.lan']) expect(exposureWarning(host), host).toMatch(/^warning: listening on .*other machines/);
  });

  it('refuses a weak CS_API_TOKEN with one line and exit code 2', async () => {
    const run = await runCli(['serve', '--demo', '--port', '0', '--db', path.join(dir, 'inbox.db')], { CS_API_TOKEN: 'short' });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^error: CS_API_TOKEN must be/)]);
  });
});
