import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronSqliteBinding, SQLITE_ADDON_STAMP, sqliteBindingForRuntime } from '../../src-main/electron/sqlite-binding';
import { tempDir } from '../helpers/temp-dir';

describe('which better-sqlite3 addon the main process loads', () => {
  it('takes the Electron build from dist/native, outside app.asar once packaged', () => {
    expect(electronSqliteBinding('/repo/dist/main')).toBe(path.join('/repo/dist/native/better_sqlite3.node'));
    expect(electronSqliteBinding('/opt/Mirakl Customer Service/resources/app.asar/dist/main')).toBe(
      '/opt/Mirakl Customer Service/resources/app.asar.unpacked/dist/native/better_sqlite3.node',
    );
  });

  it("uses node_modules' own build under plain Node (tests, CLI)", () => {
    expect(sqliteBindingForRuntime('/nowhere/dist/main', { ...process.versions, electron: undefined } as unknown as NodeJS.ProcessVersions)).toBeUndefined();
  });

  it('says how to fix a missing or stale Electron build', () => {
    const dist = tempDir('mcs-native-');
    const mainDir = path.join(dist, 'main');
    const electron = (v: string) => ({ ...process.versions, electron: v }) as NodeJS.ProcessVersions;
    expect(() => sqliteBindingForRuntime(mainDir, electron('45.4.1'))).toThrow(/missing.*npm start/);
    fs.mkdirSync(path.join(dist, 'native'));
    fs.writeFileSync(path.join(dist, 'native', 'better_sqlite3.node'), '');
    expect(sqliteBindingForRuntime(mainDir, electron('45.4.1'))).toBe(path.join(dist, 'native', 'better_sqlite3.node'));
    fs.writeFileSync(path.join(dist, 'native', SQLITE_ADDON_STAMP), JSON.stringify({ electron: '44.0.0' }));
    expect(() => sqliteBindingForRuntime(mainDir, electron('45.4.1'))).toThrow(/built for Electron 44\.0\.0 but this is Electron 45\.4\.1/);
  });
});
