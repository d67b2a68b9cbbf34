import { configDefaults, defineConfig } from 'vitest/config';
import { installedElectronBinary } from './src-main/electron/build/electron-binary';

// Everything that touches the store runs twice: on SQLite (the `node` project, every test)
// and on PostgreSQL (the `postgres` project: a throwaway cluster started once for the run,
// see tests/helpers/pg-setup.ts). Tests about one dialect itself say so and skip on the other.
const STORE_SUITES = ['tests/db', 'tests/sync', 'tests/service', 'tests/http', 'tests/ipc', 'tests/cli'].map((dir) => `${dir}/**/*.test.ts`);

// The UI suite (tests/e2e) runs in Chromium against `serve` everywhere, and a second time
// against the real Electron app where its binary is installed (it downloads on first
// launch, so a fresh checkout or this CI may not have it: tests/electron/app.e2e.test.ts
// then reports the skip). Looking for the binary never starts the download.
const electronBinary = installedElectronBinary();
const ELECTRON_SHELL_TEST = 'tests/electron/app.e2e.test.ts';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests start real servers and child processes; two cores, so keep the pool small.
    maxWorkers: 2,
    // The command line the tests spawn is the bundle users run, built once here when stale.
    globalSetup: ['tests/helpers/cli-setup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
          // With the binary, the real-Electron checks run in electron-ui, after its build.
          exclude: [...configDefaults.exclude, ...(electronBinary ? [ELECTRON_SHELL_TEST] : [])],
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: STORE_SUITES,
          // What the command line loads at start-up does not depend on the backend.
          exclude: [...configDefaults.exclude, 'tests/cli/startup.test.ts'],
          env: { CS_TEST_BACKEND: 'postgres' },
          globalSetup: ['tests/helpers/pg-setup.ts'],
        },
      },
      ...(electronBinary
        ? [
            {
              extends: true as const,
              test: {
                name: 'electron-ui',
                include: ['tests/e2e/**/*.test.ts', ELECTRON_SHELL_TEST],
                env: { E2E_TARGET: 'electron' },
                globalSetup: ['tests/e2e/fixtures/electron-setup.ts'],
                // Electron's startup and its first sync take longer than a page load.
                hookTimeout: 120_000,
              },
            },
          ]
        : []),
    ],
  },
});
