// globalSetup of every test run: the tests run the command line users run, the bundle in
// dist/cli, built here once when its sources changed (a few milliseconds when they did not).
import { ensureCliBuilt } from '../../src-main/electron/build/cli-bundle';

export default async function setup(): Promise<void> {
  await ensureCliBuilt();
}
