// close(): stops accepting, lets requests in flight finish, ends event streams, and does
// not wait for idle or spare sockets a client keeps open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../src-main/http/server';
import { httpFixture, TEST_VERSION, type HttpFixture } from '../helpers/http-fixture';
import { tempDir } from '../helpers/temp-dir';

describe('closing the HTTP server', () => {
  const dir = tempDir();
  let f: HttpFixture;
  beforeAll(async () => {
    f = await httpFixture(dir, { threads: 3 });
  });
  afterAll(() => f?.close());

  it('finishes the request in flight, closes the event stream and the spare sockets, refuses new connections', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const slow = {
      ...f.service,
      api: {
        ...f.service.api,
        health: async () => {
          entered();
          await gate;
          return f.service.api.health({});
        },
      },
    };
    const server = createHttpServer({ service: slow, token: f.token, version: TEST_VERSION });
    const { url } = await server.listen();
    const headers = { authorization: `Bearer ${f.token}` };
    // A keep-alive socket left idle, and an event stream.
    await (await fetch(`${url}api/conversations?limit=1`, { headers })).text();
    const events = await fetch(`${url}api/events`, { headers });
    const reader = events.body!.getReader();
    await reader.read();

    const inFlight = fetch(`${url}api/health`, { headers });
    await inside;
    const started = Date.now();
    const closing = server.close();
    await new Promise((r) => setTimeout(r, 50));
    await expect(fetch(`${url}api/health`, { headers })).rejects.toThrow();
    release();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, version: TEST_VERSION });
    await closing;
    expect(Date.now() - started).toBeLessThan(2_000);
    expect((await reader.read().catch(() => ({ done: true }))).done).toBe(true);
    expect(server.eventStreamCount).toBe(0);
  });
});
