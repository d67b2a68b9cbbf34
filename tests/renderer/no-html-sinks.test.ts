// Message bodies are untrusted: the renderer must never turn a string into HTML.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const RENDERER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src-renderer');
const SINKS = /dangerouslySetInnerHTML|\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|document\.write|createContextualFragment|\beval\(|new Function\(/;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.(tsx?|html)$/.test(entry.name) ? [full] : [];
  });
}

test('no HTML sink anywhere in the renderer', () => {
  const files = sources(RENDERER);
  expect(files.length).toBeGreaterThan(20);
  const offenders = files.filter((file) => SINKS.test(fs.readFileSync(file, 'utf8')));
  expect(offenders).toEqual([]);
});
