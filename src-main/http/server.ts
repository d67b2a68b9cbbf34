// The local HTTP API and web UI. Security as in Jupyter / Actual Budget: loopback by
// default, a bearer token (or the session cookie it buys) on every /api call, Host and
// Origin checked against DNS rebinding and cross-site pages, no CORS at all, bodies capped.
import type { AddressInfo, Socket } from 'node:net';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import { bearerToken, TokenCheck } from './auth';
import { registerFileRoutes } from './file-routes';
import { apiError, mapRequestError, sendApiError, type ErrorLogger } from './errors';
import { DEFAULT_HEARTBEAT_MS, EVENTS_PATH, registerEventStream } from './event-stream';
import { HostGuard, hostForUrl } from './host-guard';
import { buildOpenApiDocument, OPENAPI_PATH } from './openapi';
import { registerOperationRoutes } from './operation-routes';
import { StaticFiles } from './static-files';
import { trackConnections } from './connection-drain';
import type { ServicePort } from '../transport/service-port';

/**
 * Big enough for any valid reply: 50,000 characters can take 300,000 bytes as JSON when
 * every character needs a `\uXXXX` escape. Far below anything that could hurt.
 */
export const BODY_LIMIT_BYTES = 512 * 1024;
export const DEFAULT_HOST = '127.0.0.1';
/** How long close() lets requests in flight finish before cutting their connections. */
export const CLOSE_GRACE_MS = 10_000;
/** A request (headers and body) must arrive within this: a client trickling a body cannot hold a connection. */
export const REQUEST_TIMEOUT_MS = 30_000;

export interface HttpServerOptions {
  service: ServicePort;
  token: string;
  /** 127.0.0.1 unless the user asked otherwise. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** The built web UI (dist/renderer), served at `/` when it holds an index.html. */
  staticDir?: string;
  version: string;
  bodyLimit?: number;
  heartbeatMs?: number;
  /** REQUEST_TIMEOUT_MS unless a test shortens it. */
  requestTimeoutMs?: number;
  /** Where unexpected failures (with their stack) are reported; stderr by default. */
  logError?: ErrorLogger;
}

export interface HttpServer {
  /** Usable with app.inject() in tests (send a Host header naming the configured port). */
  app: FastifyInstance;
  listen(): Promise<{ url: string; port: number }>;
  /** Stops accepting, ends event streams, lets in-flight requests finish. */
  close(): Promise<void>;
  /** Open event streams right now. */
  readonly eventStreamCount: number;
}

const defaultLogError: ErrorLogger = (message, error) => {
  process.stderr.write(`${new Date().toISOString()} ${message}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
};

export function createHttpServer(options: HttpServerOptions): HttpServer {
  const host = options.host ?? DEFAULT_HOST;
  const log = options.logError ?? defaultLogError;
  const tokens = new TokenCheck(options.token);
  const staticFiles = new StaticFiles(options.staticDir);

  const requestTimeout = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const app = Fastify({
    logger: false,
    bodyLimit: options.bodyLimit ?? BODY_LIMIT_BYTES,
    trustProxy: false,
    return503OnClosing: true,
    requestTimeout,
    // Node checks for expired requests every 30 s by default: often enough to matter here.
    http: { requestTimeout, headersTimeout: requestTimeout, connectionsCheckingInterval: Math.min(5_000, Math.max(100, requestTimeout / 4)) },
    // Long order ids, percent-encoded, must reach validation (422), not die in the router.
    routerOptions: { maxParamLength: 1000 },
    // Requests Node's HTTP parser rejects (bad framing, lying Content-Length, too slow) never
    // reach Fastify: answer them in the contract's error shape too.
    clientErrorHandler: answerMalformedRequest,
    // What the router refuses (a malformed %-escape, an over-long segment) goes through the
    // same Host, Origin and token checks and the same error shape as every other request.
    frameworkErrors: (error, request, reply) => {
      if (guardRequest(request, reply)) return;
      void sendApiError(reply, mapRequestError(error, log, routeLabel(request)));
    },
  });
  // JSON only: no text/plain parser, so a cross-site "simple" form post has nothing to parse.
  app.removeContentTypeParser('text/plain');
  void app.register(cookie);

  const port = () => {
    const address = app.server.address() as AddressInfo | null;
    return address?.port ?? options.port ?? 0;
  };
  // One cookie per port: two instances on one machine (cookies ignore ports) do not overwrite each other's.
  const cookieName = () => `cs_session_${port()}`;
  const guard = new HostGuard(host, port);
  const securityHeaders = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'X-Frame-Options': 'DENY' };
  const apiHeaders = { ...securityHeaders, 'Cache-Control': 'no-store' };

  /** Security headers on every answer; Host, Origin and token checked. True when it answered (refused) the request. */
  function guardRequest(request: FastifyRequest, reply: FastifyReply): boolean {
    reply.headers(securityHeaders);
    // Node keeps the first of several Host headers; which one a proxy or cache used is anyone's guess.
    if (countHeader(request.raw.rawHeaders, 'host') > 1) {
      void sendApiError(reply, apiError('bad_request', 'More than one Host header'));
      return true;
    }
    if (!guard.allowsHost(request.headers.host)) {
      void sendApiError(reply, apiError('forbidden', 'Host not allowed'));
      return true;
    }
    if (!isApiRequest(request)) return false;
    reply.header('Cache-Control', 'no-store');
    const origin = request.headers.origin;
    if ((origin !== undefined && !guard.allowsOrigin(origin)) || request.headers['sec-fetch-site'] === 'cross-site') {
      void sendApiError(reply, apiError('forbidden', 'Cross-origin requests are not allowed'));
      return true;
    }
    if (!isAuthorized(request)) {
      reply.header('WWW-Authenticate', 'Bearer');
      void sendApiError(reply, apiError('unauthorized', 'Missing or wrong API token'));
      return true;
    }
    return false;
  }

  app.addHook('onRequest', async (request, reply) => {
    if (guardRequest(request, reply)) return reply;
  });

  function isAuthorized(request: FastifyRequest): boolean {
    const bearer = bearerToken(request.headers.authorization);
    if (bearer !== undefined) return tokens.isToken(bearer);
    // Router errors come before the cookie plugin's hook: read the header here then.
    const cookies = request.cookies ?? app.parseCookie(request.headers.cookie ?? '');
    if (tokens.isSession(cookies[cookieName()])) return true;
    // EventSource cannot set headers: the event stream alone also takes ?token=.
    if (request.routeOptions.url === EVENTS_PATH) {
      const token = (request.query as Record<string, unknown>).token;
      return typeof token === 'string' && tokens.isToken(token);
    }
    return false;
  }

  app.setErrorHandler((error, request, reply) => {
    // A client that hung up mid-body is not a failure of ours: no stack in the log (and nobody to answer).
    if (clientWentAway(request, error)) return sendApiError(reply, apiError('bad_request', 'The client closed the connection before sending the whole request'));
    return sendApiError(reply, mapRequestError(error, log, routeLabel(request)));
  });
  app.setNotFoundHandler(async (request, reply) => {
    if ((request.method === 'GET' || request.method === 'HEAD') && !isApiRequest(request)) {
      if (await staticFiles.serve(pathOf(request.url), reply)) return reply;
    }
    return sendApiError(reply, apiError('not_found', 'Not found'));
  });

  // GET /?token=… trades the token for the session cookie and drops it from the address bar.
  app.get('/', async (request, reply) => {
    const token = (request.query as Record<string, unknown>).token;
    if (token === undefined) {
      await staticFiles.serve('/', reply);
      return reply;
    }
    if (typeof token !== 'string' || !tokens.isToken(token)) {
      return sendApiError(reply, apiError('unauthorized', 'Wrong token: use the address printed by the serve command'));
    }
    reply.setCookie(cookieName(), tokens.sessionValue, { httpOnly: true, sameSite: 'strict', path: '/' });
    return reply.header('Cache-Control', 'no-store').redirect('/', 302);
  });

  registerOperationRoutes(app, options.service, log);
  registerFileRoutes(app, options.service, log);
  const streams = registerEventStream(app, options.service, { heartbeatMs: options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS, log, headers: apiHeaders });
  app.get(OPENAPI_PATH, async (_request, reply) => reply.type('application/json; charset=utf-8').send(buildOpenApiDocument(options.version, cookieName())));
  const drain = trackConnections(app.server);
  app.addHook('onSend', async (_request, reply) => {
    if (drain.draining) reply.header('Connection', 'close');
  });
  // Endless streams would hold close() forever: end them first.
  app.addHook('preClose', async () => streams.closeAll());

  return {
    app,
    async listen() {
      await app.listen({ host, port: options.port ?? 0 });
      return { url: `http://${hostForUrl(host)}:${port()}/`, port: port() };
    },
    async close() {
      streams.closeAll();
      if (app.server.listening) drain.start(CLOSE_GRACE_MS);
      try {
        await app.close();
      } finally {
        drain.finish();
      }
    },
    get eventStreamCount() {
      return streams.size;
    },
  };
}

function answerMalformedRequest(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const message = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'The request did not arrive in time' : 'Malformed HTTP request';
  const body = JSON.stringify({ error: { code: 'bad_request', message } });
  socket.end(
    'HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nCache-Control: no-store\r\n' +
      'X-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\nX-Frame-Options: DENY\r\n' +
      `Connection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

function countHeader(rawHeaders: readonly string[], name: string): number {
  let count = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i]!.toLowerCase() === name) count += 1;
  return count;
}

function clientWentAway(request: FastifyRequest, error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ECONNRESET' || code === 'ECONNABORTED' || request.raw.socket?.destroyed === true;
}

/** /api and everything under it, by the matched route or, for unmatched ones, by the path itself in any case or encoding. */
function isApiRequest(request: FastifyRequest): boolean {
  const route = request.routeOptions.url;
  if (route !== undefined && route.startsWith('/api')) return true;
  let path = pathOf(request.url);
  try {
    path = decodeURIComponent(path);
  } catch {
    // keep the raw path
  }
  path = path.toLowerCase().replace(/\/{2,}/g, '/');
  return path === '/api' || path.startsWith('/api/');
}

function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/** What a log line may say about a request: the route, never the query (it may carry the token). */
function routeLabel(request: FastifyRequest): string {
  return `${request.method} ${request.routeOptions.url ?? pathOf(request.url)}`;
}
