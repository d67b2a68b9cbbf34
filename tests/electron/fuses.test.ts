// The Electron fuses of the packaged app, as electron-builder itself reads them from
// electron-builder.yml (its config loader and its schema, then its translation into
// @electron/fuses' wire). The packaged binary cannot be built here (no Electron download),
// so this is as close to the flipped binary as this machine gets.
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { FuseV1Options } from '@electron/fuses';
import type { Configuration, FuseOptionsV1 } from 'app-builder-lib';

const ROOT = path.resolve(__dirname, '../..');
const require = createRequire(import.meta.url);
// electron-builder's own modules: the same code `npm run dist` runs.
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string, configFromOptions: null): Promise<Configuration>;
  validateConfiguration(config: Configuration, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
const { PlatformPackager } = require('app-builder-lib') as {
  PlatformPackager: { prototype: { generateFuseConfig(fuses: FuseOptionsV1): Promise<Record<number, boolean>> } };
};

describe('Electron fuses', () => {
  it('turns off running as Node, NODE_OPTIONS and --inspect; loads the app only from a checked asar; encrypts cookies', async () => {
    const config = await getConfig(ROOT, 'electron-builder.yml', null);
    // electron-builder refuses unknown keys: a misspelt fuse would fail here, not be ignored.
    await validateConfiguration(config, new DebugLogger(false));
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
    // What electron-builder hands to @electron/fuses' flipFuses after packing.
    const wire = await PlatformPackager.prototype.generateFuseConfig.call(null, config.electronFuses!);
    expect(wire).toMatchObject({
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.EnableCookieEncryption]: true,
    });
  });
});
