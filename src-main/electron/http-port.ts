// Runs in the main process; no electron import, tested under Node.
//
// The optional local HTTP API of the desktop app (Preferences → HTTP API): started,
// stopped or moved to another port whenever the preference changes, on 127.0.0.1 only,
// with the same token file as `serve` (beside the database).
import type { Preferences } from '../../src-shared/contract';
import type { ServicePort } from '../transport/service-port';
import type { HttpServer, HttpServerOptions } from '../http/server';

export type HttpApiPreference = Preferences['httpApi'];

export interface HttpPortOptions {
  service: ServicePort;
  /** Read when the server starts (it may be created on first start). */
  token(): string;
  staticDir: string;
  version: string;
  createServer(options: HttpServerOptions): HttpServer;
  log(message: string): void;
}

export class HttpPort {
  private server: HttpServer | null = null;
  private current: HttpApiPreference | null = null;
  /** One change at a time: a quick off/on must not start two servers. */
  private queue: Promise<void> = Promise.resolve();

  /** Where it listens now, or null when off. */
  url: string | null = null;
  /** Why it is not listening although the preference asks for it (shown in Settings); null otherwise. */
  error: string | null = null;

  constructor(private readonly options: HttpPortOptions) {}

  apply(preference: HttpApiPreference): Promise<void> {
    const next = this.queue.then(() => this.reconcile(preference));
    this.queue = next.catch(() => undefined);
    return next;
  }

  stop(): Promise<void> {
    return this.apply({ enabled: false, port: this.current?.port ?? 0 });
  }

  private async reconcile(preference: HttpApiPreference): Promise<void> {
    const wanted = preference.enabled ? preference : null;
    if (this.server && wanted && this.current?.port === wanted.port) return;
    this.error = null;
    if (this.server) {
      const server = this.server;
      this.server = null;
      this.url = null;
      this.current = null;
      await server.close();
      this.options.log('HTTP API stopped');
    }
    if (!wanted) return;
    const server = this.options.createServer({
      service: this.options.service,
      token: this.options.token(),
      host: '127.0.0.1',
      port: wanted.port,
      staticDir: this.options.staticDir,
      version: this.options.version,
    });
    try {
      const { url } = await server.listen();
      this.server = server;
      this.current = wanted;
      this.url = url;
      this.options.log(`HTTP API listening on ${url}`);
    } catch (error) {
      await server.close().catch(() => undefined);
      // Port taken (another instance, `npm run serve`): the app works without it, and Settings says why.
      this.error = listenFailure(wanted.port, error as NodeJS.ErrnoException);
      this.options.log(`HTTP API not started on port ${wanted.port}: ${(error as Error).message}`);
    }
  }
}

/** In the user's terms: what went wrong and what to do about it. */
export function listenFailure(port: number, error: NodeJS.ErrnoException): string {
  if (error.code === 'EADDRINUSE') return `Port ${port} is already in use by another program (another copy of this app, or \`serve\`?). Choose another port.`;
  if (error.code === 'EACCES') return `This computer does not allow this app to open port ${port}. Choose another port.`;
  return `The API could not start on port ${port}: ${error.message}`;
}
