// Graceful close that really ends. Node's server.close() waits for every socket, and
// closeIdleConnections() spares sockets that never sent a request: browsers (and undici)
// open such spare sockets ahead of time and keep them for minutes. So sockets are
// tracked here: on close, those without a request in flight are ended at once, the
// others right after their response, and anything left is cut after a grace period.
import type { Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface ConnectionDrain {
  /** True once draining started: responses should carry `Connection: close`. */
  readonly draining: boolean;
  /** Ends idle sockets now, busy ones after their response; cuts everything after graceMs. */
  start(graceMs: number): void;
  /** Stops the grace timer (the server closed in time). */
  finish(): void;
}

export function trackConnections(server: Server): ConnectionDrain {
  const inFlight = new Map<Socket, number>();
  let draining = false;
  let deadline: NodeJS.Timeout | null = null;

  server.on('connection', (socket: Socket) => {
    inFlight.set(socket, 0);
    socket.once('close', () => inFlight.delete(socket));
  });
  server.on('request', (request: { socket: Socket }, response: ServerResponse) => {
    const socket = request.socket;
    inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1);
    response.once('close', () => {
      const left = (inFlight.get(socket) ?? 1) - 1;
      inFlight.set(socket, left);
      if (draining && left === 0) socket.end();
    });
  });

  return {
    get draining() {
      return draining;
    },
    start(graceMs) {
      draining = true;
      for (const [socket, count] of inFlight) if (count === 0) socket.end();
      deadline = setTimeout(() => server.closeAllConnections(), graceMs);
      deadline.unref();
    },
    finish() {
      if (deadline) clearTimeout(deadline);
      deadline = null;
    },
  };
}
