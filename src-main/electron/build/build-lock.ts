// Builds something only when it is stale, under a lock folder, so that parallel test workers
// and commands started at once never build the same output twice or read it half written.
import fs from 'node:fs';

const STALE_LOCK_MS = 180_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function buildWhenStale(lock: string, isStale: () => boolean, build: () => Promise<void> | void): Promise<void> {
  for (;;) {
    if (!isStale()) return;
    try {
      fs.mkdirSync(lock, { recursive: false });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw error;
      // Another process is building: wait for it (or clear a lock its crash left behind).
      const held = fs.statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > STALE_LOCK_MS) fs.rmSync(lock, { recursive: true, force: true });
      await sleep(250);
      continue;
    }
    try {
      if (isStale()) await build();
      return;
    } finally {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
}
