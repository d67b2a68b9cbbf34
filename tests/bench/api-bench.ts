// API bench (issue 3): the inbox's read paths on a large store (100,000 conversations,
// 1,000,000 messages), each measured three ways in the same run:
//   bare       the same SQL through better-sqlite3 (prepared once): the floor;
//   in-process service.api (what IPC calls), mapping rows to the contract's shapes;
//   HTTP       real fetch on loopback with keep-alive, through auth, validation, output check, JSON;
//   node:http  the same requests through node:http with a keep-alive agent: fetch (undici) itself
//              costs ~0.25 ms a request, so this column shows what the server adds.
// Targets: first page < 5 ms p99 over HTTP; search < 50 ms p99 over HTTP; HTTP p50 within 3× of bare.
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { operations, type OperationName } from '../../src-shared/contract';
import type { Store } from '../../src-main/db/open';
import { classifySearchTerms, conversationListQuery, selectConversations, type ConversationFilter } from '../../src-main/db/conversations';
import { toSearchTerms } from '../../src-main/db/search-query';
import { countOpenWaitsQuery, waitsStartedInQuery } from '../../src-main/db/response-stats';
import { startBenchServer } from './bench-server';
import { benchData, type BenchData } from './api-bench-data';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CACHE_DIR = path.resolve(HERE, '../../.cache/bench');
const PAGE = 50;

interface Scenario {
  name: string;
  operation: OperationName;
  /** As a client sends it (query string values are strings over HTTP). */
  query: Record<string, string>;
  /** What `bare` runs: prepared statements and their parameters. */
  bare: Array<{ statement: BetterSqlite3.Statement; parameters: readonly unknown[] }>;
  iterations: number;
  /** p99 over HTTP must stay under this (ms), when set. */
  httpP99TargetMs?: number;
  /** The target is p99 in process and over HTTP only, not a ratio to the bare SQL (the service's work is more than the SQL). */
  absoluteOnly?: boolean;
}

interface Figures {
  p50: number;
  p99: number;
}

export interface ApiBenchRow {
  scenario: string;
  bare: Figures;
  inProcess: Figures;
  http: Figures;
  nodeHttp: Figures;
  /** p50 ratios to bare. */
  inProcessRatio: number;
  httpRatio: number;
  nodeHttpRatio: number;
  httpP99TargetMs: number | null;
  absoluteOnly: boolean;
  pass: boolean;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

async function measure(iterations: number, run: () => unknown): Promise<Figures> {
  const warmup = Math.max(5, Math.round(iterations / 10));
  for (let i = 0; i < warmup; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

/** The bare statements run on a connection of their own to the bench's SQLite file, beside the store's. */
let bareConnection: BetterSqlite3.Database | null = null;
function bare(store: Store): BetterSqlite3.Database {
  bareConnection ??= new BetterSqlite3(store.location, { readonly: true });
  return bareConnection;
}

async function listStatement(store: Store, filter: ConversationFilter): Promise<{ statement: BetterSqlite3.Statement; parameters: readonly unknown[] }> {
  // The same plan the service picks for these search terms (common words walk the list).
  const commonTerms = filter.searchTerms ? await classifySearchTerms(store.db, filter.searchTerms) : undefined;
  // The service asks for one row more than the page to know whether another page exists.
  const compiled = conversationListQuery(store.db, { ...filter, commonTerms }, null, PAGE + 1).compile();
  return { statement: bare(store).prepare(compiled.sql), parameters: compiled.parameters };
}

/** getConversation's statements, compiled from the same builders as src-main/db (conversation, its messages, their attachments). */
function threadStatements(store: Store, id: number): Scenario['bare'] {
  const compiled = [
    selectConversations(store.db).where('c.id', '=', id).compile(),
    store.db.selectFrom('messages').selectAll().where('conversation_id', '=', id).orderBy('sent_at').orderBy('id').compile(),
    store.db
      .selectFrom('attachments as a')
      .innerJoin('messages as m', 'm.id', 'a.message_id')
      .selectAll('a')
      .where('m.conversation_id', '=', id)
      .orderBy('a.id')
      .compile(),
  ];
  return compiled.map((c) => ({ statement: bare(store).prepare(c.sql), parameters: c.parameters }));
}

/** getResponseTimes' statements: the period's waits, then each marketplace's open waits by age (5 bounds). */
function cockpitStatements(store: Store, data: BenchData): Scenario['bare'] {
  const accounts = bare(store).prepare('SELECT id FROM accounts ORDER BY id').pluck().all() as number[];
  const bounds = [1, 4, 12, 20, 24].map((h) => data.now - h * 3_600_000);
  const compiled = [
    waitsStartedInQuery(store.db, data.now - 90 * 86_400_000, data.now).compile(),
    ...accounts.map((id) => countOpenWaitsQuery(store.db, id, bounds).compile()),
  ];
  return compiled.map((c) => ({ statement: bare(store).prepare(c.sql), parameters: c.parameters }));
}

async function scenarios(store: Store, data: BenchData): Promise<Scenario[]> {
  const iterations = Number(process.env.BENCH_ITERATIONS ?? 300);
  return [
    { name: 'first page (50)', operation: 'listConversations', query: { limit: String(PAGE) }, bare: [await listStatement(store, {})], iterations, httpP99TargetMs: 5 },
    {
      name: 'filtered page: replyNeeded',
      operation: 'listConversations',
      query: { limit: String(PAGE), replyNeeded: 'true' },
      bare: [await listStatement(store, { replyNeeded: true })],
      iterations,
      httpP99TargetMs: 5,
    },
    {
      name: `search, rare word ("${data.rareTerm}")`,
      operation: 'listConversations',
      query: { limit: String(PAGE), q: data.rareTerm },
      bare: [await listStatement(store, { searchTerms: toSearchTerms(data.rareTerm) })],
      iterations,
      httpP99TargetMs: 50,
    },
    {
      name: `search, common word ("${data.commonTerm}")`,
      operation: 'listConversations',
      query: { limit: String(PAGE), q: data.commonTerm },
      bare: [await listStatement(store, { searchTerms: toSearchTerms(data.commonTerm) })],
      iterations: Math.max(20, Math.round(iterations / 5)),
      httpP99TargetMs: 50,
    },
    {
      // The cockpit (issue 11): 90 days of every marketplace, waits judged by each one's rule (one in business hours).
      name: 'response times, 90 days, all marketplaces',
      operation: 'getResponseTimes',
      query: { from: new Date(data.now - 90 * 86_400_000).toISOString(), to: new Date(data.now).toISOString(), tz: 'Europe/Paris' },
      bare: cockpitStatements(store, data),
      iterations: Math.max(50, Math.round(iterations / 3)),
      httpP99TargetMs: 100,
      absoluteOnly: true,
    },
    {
      name: 'thread of 1,000 messages',
      operation: 'getConversation',
      query: {},
      bare: threadStatements(store, data.longThreadId),
      iterations: Math.max(50, Math.round(iterations / 3)),
    },
  ];
}

function httpPath(operation: OperationName, query: Record<string, string>, data: BenchData): string {
  const template = operations[operation].http.path;
  const pathPart = template.replace(':id', String(data.longThreadId));
  const search = new URLSearchParams(query).toString();
  return search ? `${pathPart}?${search}` : pathPart;
}

export async function runApiBench(): Promise<ApiBenchRow[]> {
  const data = await benchData(CACHE_DIR);
  console.log(
    `api bench: ${data.conversations.toLocaleString('en')} conversations, ${data.messages.toLocaleString('en')} messages ` +
      `(${data.cached ? 'cached' : `generated in ${(data.buildMs / 1000).toFixed(1)} s`}: ${path.relative(process.cwd(), data.file)})`,
  );
  const bench = await startBenchServer(data.file, CACHE_DIR, undefined, () => data.now);
  const { store, service, url, token } = bench;
  const headers = { authorization: `Bearer ${token}` };
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const nodeGet = (target: string) =>
    new Promise<void>((resolve, reject) => {
      http
        .get(target, { agent, headers }, (response) => {
          if (response.statusCode !== 200) reject(new Error(`HTTP ${response.statusCode}`));
          response.resume();
          response.on('end', resolve);
        })
        .on('error', reject);
    });
  const rows: ApiBenchRow[] = [];
  try {
    // BENCH_ONLY=<words>: only the scenarios whose name contains them (e.g. "response times").
    const only = process.env.BENCH_ONLY?.toLowerCase();
    for (const scenario of (await scenarios(store, data)).filter((s) => !only || s.name.toLowerCase().includes(only))) {
      const input = operations[scenario.operation].input.parse(scenario.operation === 'getConversation' ? { id: data.longThreadId } : scenario.query);
      const call = service.api[scenario.operation] as (input: unknown) => Promise<unknown>;
      const target = `${url.replace(/\/$/, '')}${httpPath(scenario.operation, scenario.query, data)}`;
      // Same answer three ways, or the comparison means nothing.
      const viaHttp = await fetch(target, { headers });
      if (!viaHttp.ok) throw new Error(`${scenario.name}: HTTP ${viaHttp.status} ${await viaHttp.text()}`);
      await viaHttp.arrayBuffer();

      const bare = await measure(scenario.iterations, () => {
        for (const { statement, parameters } of scenario.bare) statement.all(...parameters);
      });
      const inProcess = await measure(scenario.iterations, () => call.call(service.api, input));
      const http = await measure(scenario.iterations, async () => {
        const response = await fetch(target, { headers });
        await response.arrayBuffer();
      });
      const nodeHttp = await measure(scenario.iterations, () => nodeGet(target));
      const httpRatio = http.p50 / bare.p50;
      const underTarget = (f: Figures) => scenario.httpP99TargetMs === undefined || f.p99 < scenario.httpP99TargetMs;
      const pass = scenario.absoluteOnly ? underTarget(inProcess) && underTarget(http) : httpRatio <= 3 && underTarget(http);
      rows.push({
        scenario: scenario.name,
        bare,
        inProcess,
        http,
        nodeHttp,
        inProcessRatio: inProcess.p50 / bare.p50,
        httpRatio,
        nodeHttpRatio: nodeHttp.p50 / bare.p50,
        httpP99TargetMs: scenario.httpP99TargetMs ?? null,
        absoluteOnly: scenario.absoluteOnly ?? false,
        pass,
      });
    }
  } finally {
    agent.destroy();
    await bench.close();
  }
  printTable(rows);
  return rows;
}

function printTable(rows: readonly ApiBenchRow[]): void {
  const ms = (f: Figures) => `${f.p50.toFixed(2)} / ${f.p99.toFixed(2)}`;
  const header = ['scenario', 'bare p50/p99 ms', 'in-process p50/p99', '×bare', 'HTTP fetch p50/p99', '×bare', 'node:http p50/p99', '×bare', 'target (HTTP fetch)', 'ok'];
  const lines = rows.map((r) => [
    r.scenario,
    ms(r.bare),
    ms(r.inProcess),
    `${r.inProcessRatio.toFixed(1)}×`,
    ms(r.http),
    `${r.httpRatio.toFixed(1)}×`,
    ms(r.nodeHttp),
    `${r.nodeHttpRatio.toFixed(1)}×`,
    r.absoluteOnly ? `p99 < ${r.httpP99TargetMs} ms (in process, HTTP)` : `${r.httpP99TargetMs !== null ? `p99 < ${r.httpP99TargetMs} ms, ` : ''}≤ 3× bare`,
    r.pass ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(format(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(format(l));
}

// `npx tsx tests/bench/api-bench.ts` runs it alone.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runApiBench().catch((error: Error) => {
    console.error(error.stack, (error as { cause?: unknown }).cause);
    process.exitCode = 1;
  });
}
