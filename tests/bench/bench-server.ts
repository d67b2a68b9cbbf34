// The service and HTTP API over a benchmark store, as `serve` runs them (no sync, no demo).
import path from 'node:path';
import { openStore, type Store } from '../../src-main/db/open';
import { createAppService, plainTextSecretBox, type AppService } from '../../src-main/service/index';
import { createHttpServer } from '../../src-main/http/server';
import { generateApiToken } from '../../src-main/http/api-token';

export interface BenchServer {
  store: Store;
  service: AppService;
  url: string;
  token: string;
  close(): Promise<void>;
}

/** `now`: the service's clock (the bench data's end, so the cockpit's periods hold its waits). */
export async function startBenchServer(dbFile: string, cacheDir: string, staticDir?: string, now?: () => number): Promise<BenchServer> {
  const store = await openStore(dbFile);
  const service = createAppService({
    store,
    dataDir: path.join(cacheDir, 'data'),
    version: 'bench',
    syncIntervalMs: 3_600_000,
    sync: false,
    connections: { secretBox: plainTextSecretBox, demo: false },
    ...(now ? { now } : {}),
  });
  const token = generateApiToken();
  const server = createHttpServer({ service, token, version: 'bench', port: 0, ...(staticDir ? { staticDir } : {}) });
  const { url } = await server.listen();
  return {
    store,
    service,
    url,
    token,
    close: async () => {
      await server.close();
      await service.stop();
      await store.close();
    },
  };
}
