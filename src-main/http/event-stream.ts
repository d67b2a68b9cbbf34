// GET /api/events: the service's AppEvents as Server-Sent Events (`data: <json>`), with
// heartbeat comments so proxies and sleeping laptops notice a dead connection, and every
// subscription dropped when the client goes away or the server closes.
import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { appEventSchema, type AppEvent } from '../../src-shared/contract';
import type { ServicePort } from '../transport/service-port';
import type { ErrorLogger } from './errors';

export const EVENTS_PATH = '/api/events';
export const DEFAULT_HEARTBEAT_MS = 15_000;

export interface EventStreams {
  /** Open streams right now. */
  readonly size: number;
  /** Ends every open stream (the server is closing). */
  closeAll(): void;
}

export function registerEventStream(
  app: FastifyInstance,
  service: ServicePort,
  options: { heartbeatMs: number; log: ErrorLogger; headers: Record<string, string>; onClients?: (count: number) => void },
): EventStreams {
  const open = new Set<() => void>();

  app.get(EVENTS_PATH, (_request, reply) => {
    // Fastify steps aside: this response is written by hand and stays open.
    reply.hijack();
    const res: ServerResponse = reply.raw;
    res.writeHead(200, {
      ...options.headers,
      'Content-Type': 'text/event-stream; charset=utf-8',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write(': connected\nretry: 3000\n\n');

    const unsubscribe = service.subscribe((event: AppEvent) => {
      const checked = appEventSchema.safeParse(event);
      if (!checked.success) {
        options.log('event outside the contract, not sent', checked.error);
        return;
      }
      res.write(`data: ${JSON.stringify(checked.data)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), options.heartbeatMs);
    heartbeat.unref();

    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(close);
      if (!res.writableEnded) res.end();
      options.onClients?.(open.size);
    };
    open.add(close);
    options.onClients?.(open.size);
    // The response's 'close' fires when the client disconnects (the request's may fire as
    // soon as its empty body is read, so it is not used).
    res.on('close', close);
    res.on('error', close);
  });

  return {
    get size() {
      return open.size;
    },
    closeAll() {
      for (const close of [...open]) close();
    },
  };
}
