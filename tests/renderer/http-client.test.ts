// The HTTP client with fetch and EventSource stubbed: error mapping, bearer token, one
// shared event stream, and reconnection with a visible "reconnecting" then "offline" state.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import type { AppEvent } from '../../src-shared/contract';
import { InboxError } from '../../src-shared/inbox-client';
import { HttpInboxClient } from '../../src-renderer/client/http-client';

class FakeEventSource {
  static instances: FakeEventSource[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((message: { data: string }) => void) | null = null;
  onerror: (() => void) | null = null;
  closed = false;
  constructor(readonly url: URL) {
    FakeEventSource.instances.push(this);
  }
  close() {
    this.closed = true;
  }
}

const fetchMock = vi.fn();

beforeEach(() => {
  FakeEventSource.instances = [];
  fetchMock.mockReset();
  vi.useFakeTimers();
  vi.stubGlobal('window', { location: { origin: 'http://127.0.0.1:4319' }, addEventListener: () => {}, removeEventListener: () => {} });
  vi.stubGlobal('navigator', { onLine: true });
  vi.stubGlobal('EventSource', FakeEventSource);
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

test('calls go to the binding with the bearer token and same-origin credentials', async () => {
  fetchMock.mockResolvedValue(json(200, { items: [], nextCursor: null }));
  const client = new HttpInboxClient({ token: 'secret-token' });
  await client.call('listConversations', { limit: 20, unread: true });
  const [url, init] = fetchMock.mock.calls[0] as [URL, RequestInit];
  expect(url.href).toBe('http://127.0.0.1:4319/api/conversations?limit=20&unread=true');
  expect(init.credentials).toBe('same-origin');
  expect((init.headers as Record<string, string>).Authorization).toBe('Bearer secret-token');
});

test('error bodies become InboxErrors; a dead server becomes "unreachable"', async () => {
  fetchMock.mockResolvedValueOnce(json(422, { error: { code: 'invalid_field', message: 'must be at least 3 characters', field: 'body' } }));
  const client = new HttpInboxClient();
  await expect(client.call('sendMessage', { id: 1, body: 'x' })).rejects.toMatchObject({ code: 'invalid_field', field: 'body' });
  fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
  const error = await client.call('health', {}).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InboxError);
  expect((error as InboxError).code).toBe('unreachable');
});

test('one event stream for all listeners, closed with the last one', () => {
  const client = new HttpInboxClient({ token: 'tok' });
  const a: AppEvent[] = [];
  const b: AppEvent[] = [];
  const offA = client.subscribe((e) => a.push(e));
  const offB = client.subscribe((e) => b.push(e));
  expect(FakeEventSource.instances).toHaveLength(1);
  const source = FakeEventSource.instances[0]!;
  expect(source.url.href).toBe('http://127.0.0.1:4319/api/events?token=tok');
  source.onopen?.();
  expect(client.linkState()).toBe('live');
  source.onmessage?.({ data: JSON.stringify({ type: 'message.deleted', messageId: 1, conversationId: 2 }) });
  source.onmessage?.({ data: 'not json' });
  expect([a.length, b.length]).toEqual([1, 1]);
  offA();
  expect(source.closed).toBe(false);
  offB();
  expect(source.closed).toBe(true);
});

test('a dropped stream reconnects with backoff: reconnecting, then offline, then live again', () => {
  const client = new HttpInboxClient();
  const states: string[] = [];
  client.onLinkState((s) => states.push(s));
  client.subscribe(() => {});
  FakeEventSource.instances[0]!.onopen?.();
  for (let attempt = 0; attempt < 3; attempt += 1) {
    FakeEventSource.instances.at(-1)!.onerror?.();
    vi.advanceTimersByTime(20_000);
  }
  expect(FakeEventSource.instances).toHaveLength(4);
  expect(FakeEventSource.instances.slice(0, 3).every((s) => s.closed)).toBe(true);
  FakeEventSource.instances.at(-1)!.onopen?.();
  expect(states).toEqual(['live', 'reconnecting', 'offline', 'live']);
});
