// A fresh folder per test file, removed afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

export function tempDir(prefix = 'mcs-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

let counter = 0;
/** A new database path inside a temp dir. */
export function dbPath(dir: string): string {
  counter += 1;
  return path.join(dir, `inbox-${process.pid}-${counter}.db`);
}
