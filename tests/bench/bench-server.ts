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

export async function startBenchServer(dbFile: string, cacheDir: string, staticDir?: string): Promise<BenchServer> {
  const store = await openStore(dbFile);
  const service = createAppService({
    store,
    dataDir: path.join(cacheDir, 'data'),
    version: 'bench',
    syncIntervalMs: 3_600_000,
    sync: false,
    connections: { secretBox: plainTextSecretBox, demo: false },
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
