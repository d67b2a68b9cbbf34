// globalSetup of the `postgres` vitest project: one throwaway cluster for the whole run, and
// a migrated template database; each test database is a copy of it (tests/helpers/test-store),
// which costs a file copy instead of running every migration again.
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openStore } from '../../src-main/db/open';
import { startPgCluster } from './pg-cluster';

const TEMPLATE = 'cs_template';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startPgCluster();
  try {
    const admin = new pg.Client({ connectionString: cluster.adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${TEMPLATE}`);
    await admin.end();
    await (await openStore(cluster.urlOf(TEMPLATE))).close();
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  project.provide('pgAdminUrl', cluster.adminUrl);
  project.provide('pgTemplate', TEMPLATE);
  return () => cluster.stop();
}
