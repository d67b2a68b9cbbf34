// The built web UI as `serve` hands it out: the page at an open conversation's address
// (/c/812) loads its files from the root, and the icon browsers ask for is there.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureRendererBuilt, RENDERER_DIST } from '../../src-main/electron/build/renderer-build';
import { httpFixture, type HttpFixture } from '../helpers/http-fixture';
import { tempDir } from '../helpers/temp-dir';

describe('the web UI files', () => {
  const dir = tempDir();
  let f: HttpFixture;
  beforeAll(async () => {
    await ensureRendererBuilt();
    f = await httpFixture(dir, { threads: 2, staticDir: RENDERER_DIST });
  }, 180_000);
  afterAll(() => f?.close());

  it('serves the icon at /favicon.ico, and the page links it', async () => {
    const icon = await fetch(`${f.base}/favicon.ico`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/x-icon');
    const bytes = Buffer.from(await icon.arrayBuffer());
    // An ICO file: reserved 0, type 1, at least one image.
    expect([bytes.readUInt16LE(0), bytes.readUInt16LE(2)]).toEqual([0, 1]);
    expect(bytes.readUInt16LE(4)).toBeGreaterThan(0);
    expect(await (await fetch(`${f.base}/`)).text()).toMatch(/<link rel="icon" href="\/favicon\.ico"/);
  });

  it("serves the app at a conversation's address, its files linked from the root", async () => {
    const page = await fetch(`${f.base}/c/812`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    const files = [...html.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) {
      expect(file.startsWith('/'), file).toBe(true);
      expect((await fetch(`${f.base}${file}`)).status, file).toBe(200);
    }
    // The desktop app loads the same build from disk: there the links stay relative.
    expect(fs.readFileSync(path.join(RENDERER_DIST, 'index.html'), 'utf8')).toMatch(/src="\.\/assets\//);
    // A missing file is still a 404, under a conversation's address too.
    expect((await fetch(`${f.base}/c/assets/nothing.js`)).status).toBe(404);
  });
});
