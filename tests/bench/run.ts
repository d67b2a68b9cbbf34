// `npm run bench [-- sync|api|ui|replies]`: every benchmark, each printing its figures beside a
// baseline measured in the same run. Not a test: nothing here passes or fails on time.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runApiBench } from './api-bench';
import { runSavedRepliesBench } from './saved-replies-bench';
import { runSyncBench } from './sync-bench';
import { runUiBench } from './ui-bench';

const HERE = path.dirname(fileURLToPath(import.meta.url));

const only = process.argv[2];
const results: Record<string, unknown> = {};

async function main() {
  if (!only || only === 'sync') results.sync = await runSyncBench();
  if (!only || only === 'api') results.api = await runApiBench();
  if (!only || only === 'ui') results.ui = await runUiBench();
  if (!only || only === 'replies') results.savedReplies = await runSavedRepliesBench();
  const outDir = path.resolve(HERE, '../../bench-results');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
}

main().catch((error: Error) => {
  console.error(error.stack);
  process.exitCode = 1;
});
