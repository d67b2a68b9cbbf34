// A fresh folder per test file, removed afterwards (with whatever was registered for it:
// e.g. the PostgreSQL databases its tests created).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

const cleanups = new Map<string, Array<() => Promise<void> | void>>();

export function tempDir(prefix = 'mcs-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(async () => {
    for (const cleanup of cleanups.get(dir) ?? []) await cleanup();
    cleanups.delete(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

/** Runs `cleanup` when the temp dir's tests are over. */
export function onCleanup(dir: string, cleanup: () => Promise<void> | void): void {
  const list = cleanups.get(dir);
  if (list) list.push(cleanup);
  else cleanups.set(dir, [cleanup]);
}

let counter = 0;
/** A new database path inside a temp dir. */
export function dbPath(dir: string): string {
  counter += 1;
  return path.join(dir, `inbox-${process.pid}-${counter}.db`);
}
