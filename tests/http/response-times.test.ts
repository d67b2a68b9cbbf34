// The response-time API on hand-made threads of two marketplaces with different rules (24 h;
// 8 business hours, Paris, Monday to Friday 09:00–18:00), the service's clock fixed:
// GET /api/stats/response-times, the list's breachWithinHours and waitAge filters, the
// about-to-breach list and the targets, over real HTTP.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BreachingConversation, ConversationPage, ResponseTargetEntry, ResponseTimes } from '../../src-shared/contract';
import type { Store } from '../../src-main/db/open';
import { seedAccount } from '../helpers/seed-inbox';
import { openTestStore } from '../helpers/test-store';
import { writeThreads } from '../../src-main/db/thread-writer';
import { createAppService, plainTextSecretBox, type AppService } from '../../src-main/service/index';
import { createHttpServer, type HttpServer } from '../../src-main/http/server';
import { generateApiToken } from '../../src-main/http/api-token';
import type { MappedMessage, MappedThread } from '../../src-main/sync/map-thread';
import { tempDir } from '../helpers/temp-dir';

const NOW = Date.parse('2026-11-09T11:00:00Z'); // Monday 12:00 in Paris
const H = 3600;

let seq = 0;
const message = (senderType: string, at: string): MappedMessage => ({
  miraklMessageId: `m-${++seq}`, direction: senderType === 'SHOP_USER' ? 'outbound' : 'inbound', senderType, senderName: senderType,
  body: 'texte', bodyText: 'texte', sentAt: Date.parse(at), attachments: [],
});
const customer = (at: string) => message('CUSTOMER_USER', at);
const shop = (at: string) => message('SHOP_USER', at);
const operator = (at: string) => message('OPERATOR_USER', at);
const thread = (id: string, messages: MappedMessage[]): MappedThread => ({
  miraklThreadId: id, subject: `Subject ${id}`, topicType: 'FREE_TEXT', topicValue: `Subject ${id}`, orderId: null, customer: null, createdAt: messages[0]!.sentAt,
  updatedAt: messages.at(-1)!.sentAt, lastMessageAt: messages.at(-1)!.sentAt, replyNeededSince: null, totalCount: messages.length, messages,
});

describe('response times over HTTP', () => {
  const dir = tempDir();
  let store: Store;
  let service: AppService;
  let server: HttpServer;
  let origin: string;
  let token: string;
  const ids = new Map<string, number>();
  let accountA: number;
  let accountB: number;

  const get = async <T>(pathAndQuery: string): Promise<T> => {
    const response = await fetch(`${origin}${pathAndQuery}`, { headers: { authorization: `Bearer ${token}` } });
    const text = await response.text();
    if (!response.ok) throw new Error(`${response.status} ${text}`);
    return JSON.parse(text) as T;
  };
  const errorOf = async (pathAndQuery: string, init: RequestInit = {}) => {
    const response = await fetch(`${origin}${pathAndQuery}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
    return { status: response.status, body: (await response.json()) as { error: { code: string; field?: string } } };
  };
  const put = async <T>(pathAndQuery: string, body: unknown): Promise<T> => {
    const response = await fetch(`${origin}${pathAndQuery}`, {
      method: 'PUT', body: JSON.stringify(body), headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${response.status} ${text}`);
    return JSON.parse(text) as T;
  };
  const listed = async (query: string) => (await get<ConversationPage>(`/api/conversations?${query}`)).items.map((c) => c.miraklThreadId).sort();

  beforeAll(async () => {
    store = await openTestStore(dir);
    accountA = await seedAccount(store, 'Marketplace A', 'https://a.mirakl.net');
    accountB = await seedAccount(store, 'Marketplace B', 'https://b.mirakl.net');
    const write = async (accountId: number, threads: MappedThread[]) => {
      const changed: number[] = [];
      await store.transaction((trx) => writeThreads(trx, accountId, threads, { firstPass: false, now: NOW }, changed));
      threads.forEach((t, i) => ids.set(t.miraklThreadId, changed[i]!));
    };
    await write(accountA, [
      thread('t1', [customer('2026-11-02T08:00:00Z'), shop('2026-11-02T10:00:00Z')]), // 2 h: within
      thread('t2', [customer('2026-11-02T09:00:00Z'), operator('2026-11-02T12:00:00Z'), shop('2026-11-03T12:00:00Z')]), // 27 h: late
      thread('t3', [customer('2026-11-08T14:00:00Z')]), // open 21 h: pending, breaches at 14:00Z
      thread('t4', [customer('2026-11-05T10:00:00Z')]), // open 97 h: missed
    ]);
    await write(accountB, [
      thread('u1', [customer('2026-11-06T16:00:00+01:00'), shop('2026-11-09T10:00:00+01:00')]), // Fri 16:00 → Mon 10:00: 3 business hours
      thread('u2', [customer('2026-11-07T10:00:00+01:00')]), // Saturday, open: 3 business hours old at Monday 12:00
    ]);
    service = createAppService({
      store,
      dataDir: path.join(dir, 'data'),
      version: 'test',
      syncIntervalMs: 3_600_000,
      sync: false,
      connections: { secretBox: plainTextSecretBox, demo: false },
      now: () => NOW,
      timeZone: 'Europe/Paris',
    });
    token = generateApiToken();
    server = createHttpServer({ service, token, port: 0, version: 'test' });
    origin = `http://127.0.0.1:${(await server.listen()).port}`;
    await put(`/api/connections/${accountB}/response-target`, {
      targetSeconds: 8 * H,
      warningSeconds: null,
      scoringWindowDays: 30,
      businessHours: { timeZone: 'Europe/Paris', days: [1, 2, 3, 4, 5], opens: '09:00', closes: '18:00' },
      preset: null,
    });
  });
  afterAll(async () => {
    await server?.close();
    await service?.stop();
    await store?.close();
  });

  it('judges every marketplace by its own rule, days in the zone asked for', async () => {
    const all = await get<ResponseTimes>('/api/stats/response-times?from=2026-11-02&to=2026-11-10&tz=Europe/Paris');
    expect(all).toMatchObject({
      targetSeconds: null,
      waits: 6,
      answeredWithinTarget: 2,
      answeredLate: 1,
      missed: 2,
      pending: 2,
      onTimeRate: 0.5,
      // Answered: 2 h, 3 h (business), 27 h → nearest rank: median rank 2, p90 rank 3.
      medianSeconds: 3 * H,
      p90Seconds: 27 * H,
    });
    expect(all.days.map((d) => d.date)).toEqual(['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-07', '2026-11-08', '2026-11-09']);
    const day = (date: string) => all.days.find((d) => d.date === date);
    expect(day('2026-11-02')).toEqual({ date: '2026-11-02', waits: 2, answeredWithinTarget: 1, answeredLate: 1, missed: 1, pending: 0, medianSeconds: 2 * H });
    expect(day('2026-11-05')).toMatchObject({ waits: 1, missed: 1, medianSeconds: null });
    expect(day('2026-11-06')).toMatchObject({ waits: 1, answeredWithinTarget: 1, medianSeconds: 3 * H });
    expect(day('2026-11-08')).toMatchObject({ waits: 1, pending: 1 });
    expect(all.openByAge).toEqual([
      { bucket: 'lt1h', count: 0 },
      { bucket: '1to4h', count: 1 }, // u2: 3 business hours
      { bucket: '4to12h', count: 0 },
      { bucket: '12to20h', count: 0 },
      { bucket: '20to24h', count: 1 }, // t3: 21 h
      { bucket: 'gt24h', count: 1 }, // t4
    ]);
    // The days' totals are the period's.
    for (const key of ['waits', 'answeredWithinTarget', 'answeredLate', 'missed', 'pending'] as const) {
      expect(all.days.reduce((sum, d) => sum + d[key], 0)).toBe(all[key]);
    }

    const a = await get<ResponseTimes>(`/api/stats/response-times?from=2026-11-02T00:00:00%2B01:00&to=2026-11-10T00:00:00%2B01:00&accountId=${accountA}`);
    expect(a).toMatchObject({ targetSeconds: 24 * H, waits: 4, answeredWithinTarget: 1, answeredLate: 1, missed: 2, pending: 1, medianSeconds: 2 * H, p90Seconds: 27 * H });
    expect(a.onTimeRate).toBeCloseTo(1 / 3, 10);

    // UTC days: t3 (14:00Z on the 8th) stays on the 8th, u1 (15:00Z on the 6th) too; the period starts an hour later.
    const utc = await get<ResponseTimes>('/api/stats/response-times?from=2026-11-02&to=2026-11-10&tz=UTC');
    expect(utc.days[0]).toMatchObject({ date: '2026-11-02', waits: 2 });
    expect(utc.waits).toBe(6);
  });

  it('filters the list: about to breach and open waits by age', async () => {
    expect(await listed('breachWithinHours=4')).toEqual(['t3']);
    expect(await listed('breachWithinHours=6')).toEqual(['t3', 'u2']);
    expect(await listed(`breachWithinHours=6&accountId=${accountB}`)).toEqual(['u2']);
    expect(await listed('waitAge=20to24h')).toEqual(['t3']);
    expect(await listed('waitAge=1to4h')).toEqual(['u2']);
    expect(await listed('waitAge=gt24h')).toEqual(['t4']);
    expect(await listed('waitAge=lt1h')).toEqual([]);
    expect(await listed('waitAge=gt24h&breachWithinHours=4')).toEqual([]);
  });

  it('lists the conversations about to breach, soonest first, with when', async () => {
    const { items } = await get<{ items: BreachingConversation[] }>('/api/stats/about-to-breach?withinHours=6');
    expect(items.map((i) => [i.conversation.miraklThreadId, i.waitingSince, i.breachAt])).toEqual([
      ['t3', '2026-11-08T14:00:00.000Z', '2026-11-09T14:00:00.000Z'],
      // 8 business hours from Saturday: Monday 09:00 + 8 h = 17:00 in Paris.
      ['u2', '2026-11-07T09:00:00.000Z', '2026-11-09T16:00:00.000Z'],
    ]);
  });

  it('changes a target without rebuilding anything, and refuses bad targets and periods', async () => {
    const { items } = await get<{ items: ResponseTargetEntry[] }>('/api/response-targets');
    expect(items.find((i) => i.accountId === accountA)?.target).toMatchObject({ targetSeconds: 24 * H, businessHours: null, preset: 'default' });
    expect(items.find((i) => i.accountId === accountB)?.target.businessHours).toMatchObject({ opens: '09:00', closes: '18:00' });

    await put(`/api/connections/${accountA}/response-target`, { targetSeconds: 30 * H, warningSeconds: null, scoringWindowDays: 30, businessHours: null, preset: null });
    const a = await get<ResponseTimes>(`/api/stats/response-times?from=2026-11-02&to=2026-11-10&accountId=${accountA}`);
    expect(a).toMatchObject({ targetSeconds: 30 * H, answeredWithinTarget: 2, answeredLate: 0 });

    const badHours = await errorOf(`/api/connections/${accountA}/response-target`, {
      method: 'PUT',
      body: JSON.stringify({ targetSeconds: 3600, warningSeconds: null, scoringWindowDays: 30, businessHours: { timeZone: 'Europe/Paris', days: [1], opens: '18:00', closes: '09:00' }, preset: null }),
    });
    expect(badHours).toMatchObject({ status: 422, body: { error: { code: 'invalid_field', field: 'businessHours.closes' } } });
    expect((await errorOf('/api/stats/response-times?from=2026-11-02&to=2026-11-10&tz=Mars/Olympus')).body.error).toMatchObject({ field: 'tz' });
    expect((await errorOf('/api/stats/response-times?from=2026-11-10&to=2026-11-02')).body.error).toMatchObject({ code: 'invalid_field', field: 'to' });
    expect((await errorOf('/api/stats/response-times?from=yesterday&to=2026-11-02')).body.error).toMatchObject({ field: 'from' });
    expect((await errorOf('/api/stats/response-times?from=2024-01-01&to=2026-11-02')).body.error).toMatchObject({ field: 'to' });
    expect((await errorOf('/api/stats/response-times?from=2026-11-02&to=2026-11-10&accountId=999')).status).toBe(404);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = await get<{ paths: Record<string, Record<string, { parameters?: Array<{ name: string }> }>> }>('/api/openapi.json');
    expect(doc.paths['/api/stats/response-times']?.get?.parameters?.map((p) => p.name).sort()).toEqual(['accountId', 'from', 'to', 'tz']);
    expect(doc.paths['/api/conversations']?.get?.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(['breachWithinHours', 'waitAge']));
    expect(doc.paths['/api/stats/about-to-breach']).toBeDefined();
  });
});
