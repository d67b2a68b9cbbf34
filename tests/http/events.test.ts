// GET /api/events: Server-Sent Events of the service's AppEvents.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEvent, ConversationPage } from '../../src-shared/contract';
import { httpFixture, type HttpFixture } from '../helpers/http-fixture';
import { tempDir } from '../helpers/temp-dir';

/** Reads an event stream until `until` holds for one of its events (or the time runs out). */
async function readEvents(response: Response, until: (event: AppEvent) => boolean, timeoutMs = 5_000) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const events: AppEvent[] = [];
  let text = '';
  const deadline = setTimeout(() => void reader.cancel(), timeoutMs);
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = text.indexOf('\n\n')) !== -1) {
        const block = text.slice(0, end);
        text = text.slice(end + 2);
        for (const line of block.split('\n')) {
          if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)) as AppEvent);
        }
        if (events.some(until)) return { events, raw: text };
      }
    }
  } finally {
    clearTimeout(deadline);
    await reader.cancel().catch(() => undefined);
  }
  return { events, raw: text };
}

describe('Server-Sent Events', () => {
  const dir = tempDir();
  let f: HttpFixture;
  beforeAll(async () => {
    f = await httpFixture(dir, { threads: 10, heartbeatMs: 100 });
  });
  afterAll(() => f?.close());

  it('needs the token: header, ?token= or the session cookie', async () => {
    expect((await fetch(`${f.base}/api/events`)).status).toBe(401);
    expect((await fetch(`${f.base}/api/events?token=wrong`)).status).toBe(401);
  });

  it('delivers the conversation after markRead, as `data: <json>` with the contract shape', async () => {
    const response = await fetch(`${f.base}/api/events?token=${encodeURIComponent(f.token)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const [c] = (await f.json<ConversationPage>('GET', '/api/conversations?limit=1')).items;
    const reading = readEvents(response, (e) => e.type === 'conversation.upserted' && e.conversation.id === c!.id);
    await f.json('POST', `/api/conversations/${c!.id}/read`);
    const { events } = await reading;
    expect(events).toContainEqual({ type: 'conversation.upserted', conversation: expect.objectContaining({ id: c!.id, unreadCount: 0 }) });
  });

  it('delivers the reply and its delivery after sendMessage (cookie auth, as EventSource does)', async () => {
    const login = await fetch(`${f.base}/?token=${encodeURIComponent(f.token)}`, { redirect: 'manual' });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const response = await fetch(`${f.base}/api/events`, { headers: { cookie } });
    expect(response.status).toBe(200);
    const [c] = (await f.json<ConversationPage>('GET', '/api/conversations?limit=1')).items;
    const reading = readEvents(response, (e) => e.type === 'message.upserted' && e.message.status === 'delivered');
    const sent = await f.json<{ id: number }>('POST', `/api/conversations/${c!.id}/messages`, { body: 'Live reply over SSE' });
    const { events } = await reading;
    const mine = events.filter((e): e is Extract<AppEvent, { type: 'message.upserted' }> => e.type === 'message.upserted' && e.message.id === sent.id);
    expect(mine.map((e) => e.message.status)).toContain('delivered');
  });

  it('sends heartbeat comments, and drops the subscription when the client goes away', async () => {
    const controller = new AbortController();
    const response = await f.api('/api/events', { signal: controller.signal });
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes(': heartbeat')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text.startsWith(': connected\n')).toBe(true);
    expect(f.server.eventStreamCount).toBeGreaterThan(0);
    controller.abort();
    const deadline = Date.now() + 2_000;
    while (f.server.eventStreamCount > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(f.server.eventStreamCount).toBe(0);
  });

  it('close() ends open streams instead of waiting for them', async () => {
    const other = await httpFixture(dir, { threads: 2 });
    const response = await other.api('/api/events');
    const reader = response.body!.getReader();
    await reader.read();
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(3_000);
    const rest = await reader.read().catch(() => ({ done: true }));
    expect(rest.done).toBe(true);
  });
});
