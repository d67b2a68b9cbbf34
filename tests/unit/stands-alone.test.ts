// The repository stands alone: nothing in it (code, tests, benchmarks, build, config) reads
// files from beside the clone, such as the project's shared folder. What it needs of the
// Mirakl contract is kept in docs/mirakl/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'dist', 'release', 'test-results', 'bench-results', 'playwright-report', '.cache']);
const TEXT_FILE = /\.(ts|tsx|js|cjs|mjs|json|yml|yaml|html|css|md)$|^\.ci\//;
// Built from pieces so this file does not match itself.
const OUTSIDE_REFERENCE = new RegExp(['(?:\\.\\./)+', 'shared/', '|/work/', 'shared'].join(''));

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    if (statSync(full).isDirectory()) return SKIPPED_FOLDERS.has(name) ? [] : filesUnder(full);
    return [full];
  });
}

describe('the repository', () => {
  it('keeps the Mirakl contract it follows', () => {
    const spec = JSON.parse(readFileSync(path.join(ROOT, 'docs/mirakl/seller-api-subset.openapi.json'), 'utf8')) as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/inbox/threads', '/api/reasons/{reason_type}', '/api/reasons/messaging']));
  });

  it('reads nothing from outside itself', () => {
    const offenders = filesUnder(ROOT)
      .map((file) => path.relative(ROOT, file))
      .filter((file) => TEXT_FILE.test(file) && file !== 'package-lock.json')
      .filter((file) => OUTSIDE_REFERENCE.test(readFileSync(path.join(ROOT, file), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
