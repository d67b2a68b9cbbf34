import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_TOKEN_FILE, apiTokenFile, resolveApiToken } from '../../src-main/http/api-token';
import { ConfigError } from '../../src-main/config';
import { tempDir } from '../helpers/temp-dir';

describe('the API token', () => {
  const dir = tempDir();
  let n = 0;
  const dataDir = () => path.join(dir, `d${++n}`);

  it('is generated once in the data folder, readable by its owner only, then reused', () => {
    const db = dataDir();
    const first = resolveApiToken(db, {});
    expect(first.source).toBe('generated');
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.file).toBe(path.join(db, API_TOKEN_FILE));
    if (process.platform !== 'win32') expect(fs.statSync(first.file!).mode & 0o777).toBe(0o600);
    const second = resolveApiToken(db, {});
    expect(second).toEqual({ ...first, source: 'file' });
  });

  it('comes from CS_API_TOKEN when set, and no file is written', () => {
    const db = dataDir();
    const token = 'a-token-chosen-by-the-user-0123';
    expect(resolveApiToken(db, { CS_API_TOKEN: token })).toEqual({ token, source: 'env', file: null });
    expect(fs.existsSync(apiTokenFile(db))).toBe(false);
  });

  it('refuses a weak or unsafe CS_API_TOKEN with a one-line reason', () => {
    for (const bad of ['short', 'has spaces in it and is long enough', 'x'.repeat(23), 'tok"en'.repeat(6)]) {
      expect(() => resolveApiToken(dataDir(), { CS_API_TOKEN: bad })).toThrow(ConfigError);
    }
  });

  it('replaces a malformed file and a file others can read', () => {
    const db = dataDir();
    const file = apiTokenFile(db);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, 'not a token\n', { mode: 0o600 });
    const replaced = resolveApiToken(db, {});
    expect(replaced.source).toBe('generated');
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(replaced.token);
    if (process.platform !== 'win32') {
      fs.chmodSync(file, 0o644);
      const again = resolveApiToken(db, {});
      expect(again.source).toBe('generated');
      expect(again.token).not.toBe(replaced.token);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    }
  });
});
