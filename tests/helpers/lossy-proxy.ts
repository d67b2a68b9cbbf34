// A real HTTP proxy on loopback in front of the fake Mirakl that can lose or hold the
// answer of a request Mirakl has already processed: what a dropped connection or a
// slow network does to a POST, which the fake alone cannot show (its faults act before
// the request is handled).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type AnswerFate =
  /** Mirakl processes the request; its answer never reaches the client (connection reset). */
  | { kind: 'drop' }
  /** Mirakl processes the request; its answer is held this long before being passed on. */
  | { kind: 'hold'; ms: number };

export interface LossyProxy {
  url: string;
  /** Decides the fate of the next matching requests, in order; then they pass normally. */
  next(pattern: RegExp, ...fates: AnswerFate[]): void;
  /** Requests seen (method and path). */
  seen: Array<{ method: string; path: string }>;
  close(): Promise<void>;
}

export async function startLossyProxy(upstream: string): Promise<LossyProxy> {
  const target = new URL(upstream);
  const rules: Array<{ pattern: RegExp; fate: AnswerFate }> = [];
  const seen: LossyProxy['seen'] = [];

  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    seen.push({ method: req.method ?? 'GET', path: path.split('?')[0] ?? path });
    const index = rules.findIndex((r) => r.pattern.test(path.split('?')[0] ?? path));
    const fate = index >= 0 ? rules.splice(index, 1)[0]!.fate : null;
    const forward = http.request(
      { host: target.hostname, port: target.port, method: req.method, path, headers: { ...req.headers, host: target.host } },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          const pass = () => {
            if (res.destroyed) return;
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(Buffer.concat(chunks));
          };
          if (fate?.kind === 'drop') req.socket.destroy();
          else if (fate?.kind === 'hold') setTimeout(pass, fate.ms);
          else pass();
        });
      },
    );
    forward.on('error', () => req.socket.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    next: (pattern, ...fates) => {
      for (const fate of fates) rules.push({ pattern, fate });
    },
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
