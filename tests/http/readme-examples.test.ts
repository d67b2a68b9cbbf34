// The README's API examples, run as written against a fresh `serve` of the demo inbox: each
// curl command of its "Examples" is read (bash quoting, "${auth[@]}", $VARIABLES, `| jq`),
// sent, and must succeed. A command that would reach a marketplace other than this
// machine's is only checked against the contract (no traffic leaves 127.0.0.1).
import fs from 'node:fs';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations } from '../../src-shared/contract';
import { DEMO_THREADS } from '../../src-main/demo';
import { ROOT, spawnCli, waitForExit } from '../helpers/cli-process';
import { tempDir } from '../helpers/temp-dir';

const TOKEN = 'readme-examples-token-0123456789';

/** One bash word list: quotes, backslashes, $NAME / ${NAME} and "${auth[@]}" expanded; stops at an unquoted # or |. */
function shellWords(line: string, vars: Record<string, string | string[]>): { words: string[]; pipe: string | null } {
  const words: string[] = [];
  let word: string | null = null;
  let quote: "'" | '"' | null = null;
  const push = (text: string) => (word = (word ?? '') + text);
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i]!;
    if (quote === "'") {
      if (c === "'") quote = null;
      else push(c);
      continue;
    }
    if (c === '$') {
      const match = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(\[@\])?\}|([A-Za-z_][A-Za-z0-9_]*))/.exec(line.slice(i));
      if (match) {
        const name = match[1] ?? match[3]!;
        const value = vars[name];
        if (value === undefined) throw new Error(`README uses $${name}, which this test does not know`);
        if (Array.isArray(value)) {
          // "${auth[@]}": one word per element.
          words.push(...value);
          word = null;
        } else {
          push(value);
        }
        i += match[0].length - 1;
        continue;
      }
    }
    if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === '\\' && /["\\$`]/.test(line[i + 1] ?? '')) push(line[++i]!);
      else push(c);
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      word ??= '';
    } else if (c === '\\') push(line[++i] ?? '');
    else if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
    } else if (c === '#' && word === null) break;
    else if (c === '|') {
      if (word !== null) words.push(word);
      return { words, pipe: line.slice(i + 1).replace(/\s#.*$/, '').trim() };
    } else push(c);
  }
  if (word !== null) words.push(word);
  return { words, pipe: null };
}

interface CurlRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string | null;
  download: boolean;
  stream: boolean;
}

function parseCurl(words: string[]): CurlRequest {
  expect(words[0]).toBe('curl');
  let method: string | null = null;
  let get = false;
  const headers: Record<string, string> = {};
  const data: string[] = [];
  const urlEncoded: string[] = [];
  let url: string | null = null;
  let download = false;
  let stream = false;
  for (let i = 1; i < words.length; i += 1) {
    const w = words[i]!;
    if (w === '-s') continue;
    else if (w === '-N') stream = true;
    else if (w === '-OJ') download = true;
    else if (w === '--get') get = true;
    else if (w === '-X') method = words[++i]!;
    else if (w === '-H') {
      const [name, ...value] = words[++i]!.split(':');
      headers[name!.trim().toLowerCase()] = value.join(':').trim();
    } else if (w === '-d') data.push(words[++i]!);
    else if (w === '--data-urlencode') urlEncoded.push(words[++i]!);
    else if (w.startsWith('-')) throw new Error(`curl option ${w} is not understood by this test`);
    else url = w;
  }
  const target = new URL(url!);
  if (get) {
    for (const pair of urlEncoded) {
      const eq = pair.indexOf('=');
      target.searchParams.append(pair.slice(0, eq), pair.slice(eq + 1));
    }
  }
  const body = !get && data.length > 0 ? data.join('&') : null;
  // curl sends -d as a POST (form-encoded unless a Content-Type is given, as every example does).
  return { method: method ?? (body !== null ? 'POST' : 'GET'), url: target, headers, body, download, stream };
}

/** `jq -r .a.b` and `jq '.paths | keys'`: the two filters the examples use. */
function jq(filter: string, json: unknown): unknown {
  const expression = shellWords(filter, {}).words.filter((w) => w !== 'jq' && w !== '-r').join(' ');
  if (expression === '.paths | keys') return Object.keys((json as { paths: object }).paths).sort();
  expect(expression).toMatch(/^(\.[A-Za-z_]+)+$/);
  return expression
    .split('.')
    .slice(1)
    .reduce((value: unknown, key) => (value as Record<string, unknown>)[key], json);
}

/** The README's "Examples" commands, one per logical line (continuations joined, comments kept for the parser). */
function readmeCommands(): string[] {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('#### Examples'), readme.indexOf('## How it works'));
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks
    .flatMap((block) => block.replace(/\\\n\s*/g, '').split('\n'))
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

describe("the README's API examples, as written, against a fresh demo serve", () => {
  const dir = tempDir();
  let child: ChildProcess;
  let base = '';
  beforeAll(async () => {
    child = spawnCli(['serve', '--port', '0', '--db', path.join(dir, 'inbox.db')], { CS_API_TOKEN: TOKEN });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    const deadline = Date.now() + 60_000;
    while (!/serving on (\S+)\n/.test(out)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`serve did not start: ${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    base = /serving on (\S+)\n/.exec(out)![1]!.replace(/\/$/, '');
    // The demo's first sync: every conversation, ids as on any fresh database.
    for (;;) {
      const counts = (await (await fetch(`${base}/api/conversations/counts`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as { all: number };
      const sync = (await (await fetch(`${base}/api/sync`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as { connections: Array<{ state: string }> };
      if (counts.all === DEMO_THREADS && sync.connections.every((c) => c.state === 'idle')) break;
      if (Date.now() > deadline) throw new Error('the demo did not sync in time');
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 90_000);
  afterAll(async () => {
    if (!child || child.exitCode !== null) return;
    const exited = waitForExit(child);
    child.kill('SIGTERM');
    await exited;
  });

  it('every curl command succeeds', async () => {
    const vars: Record<string, string | string[]> = { CS: base, TOKEN, auth: ['-H', `Authorization: Bearer ${TOKEN}`] };
    const commands = readmeCommands();
    expect(commands.length).toBeGreaterThan(20);
    const ran: string[] = [];
    for (const command of commands) {
      if (/^export (CS|TOKEN)=/.test(command) || command.startsWith('auth=(')) continue;
      const assignment = /^([A-Z_]+)=\$\((.*)\)$/.exec(command);
      const { words, pipe } = shellWords(assignment ? assignment[2]! : command, vars);
      const request = parseCurl(words);
      const label = `${request.method} ${request.url.pathname}${request.url.search}`;
      expect(request.url.origin, command).toBe(base);

      // A connection test would ask that marketplace: only the input is checked here.
      if (request.url.pathname === '/api/connections/test') {
        const input = operations.testConnection.input.safeParse(JSON.parse(request.body!));
        expect(input.success, command).toBe(true);
        ran.push(`${label} (input checked)`);
        continue;
      }
      const controller = new AbortController();
      const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body, signal: controller.signal });
      ran.push(`${label} → ${response.status}`);
      if (command.includes('$FAILED')) {
        // The demo's Mirakl accepts every reply: a delivered one cannot be retried or discarded.
        expect(response.status, command).toBe(409);
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe('conflict');
        continue;
      }
      if (response.status < 200 || response.status >= 300) throw new Error(`${command}\n→ ${response.status} ${await response.text()}`);
      if (request.stream) {
        const reader = response.body!.getReader();
        const first = new TextDecoder().decode((await reader.read()).value);
        expect(first).toMatch(/^: connected/);
        controller.abort();
        continue;
      }
      if (request.download) {
        expect(response.headers.get('content-disposition'), command).toBe(`attachment; filename="etiquette retour.pdf"; filename*=UTF-8''%C3%A9tiquette%20retour.pdf`);
        expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(0);
        continue;
      }
      const json = (await response.json()) as unknown;
      // A list that finds nothing would prove nothing about the ids it was given.
      if (json && typeof json === 'object' && 'items' in json) expect((json as { items: unknown[] }).items.length, command).toBeGreaterThan(0);
      if (pipe) {
        const value = jq(pipe, json);
        if (assignment) vars[assignment[1]!] = String(value);
        expect(value, command).not.toBeNull();
      }
      if (request.method === 'POST' && request.url.pathname === '/api/conversations/1/messages') vars.FAILED = String((json as { id: number }).id);
    }
    // Every kind of example ran: lists, search, a thread, replies, read, a new thread, sync, a file, events, settings, OpenAPI.
    expect(ran.map((r) => r.replace(/\?.*? (→|\()/, ' $1').replace(/\/messages\/\d+/, '/messages/N'))).toEqual([
      'GET /api/health → 200',
      'GET /api/conversations → 200',
      'GET /api/conversations → 200',
      'GET /api/conversations → 200',
      'GET /api/conversations → 200',
      'GET /api/conversations → 200',
      'GET /api/conversations/counts → 200',
      'GET /api/conversations/counts → 200',
      'GET /api/orders/20000023-A/conversations → 200',
      'GET /api/conversations/1 → 200',
      'POST /api/conversations/1/messages → 200',
      'POST /api/messages/N/retry → 409',
      'DELETE /api/messages/N → 409',
      'POST /api/conversations/1/read → 200',
      'POST /api/orders/20000023-A/threads → 200',
      'POST /api/sync → 200',
      'GET /api/sync → 200',
      'GET /api/attachments/2 → 200',
      'GET /api/events → 200',
      'GET /api/stats/response-times → 200',
      'GET /api/conversations → 200',
      'GET /api/conversations → 200',
      'GET /api/stats/about-to-breach → 200',
      'GET /api/response-targets → 200',
      'PUT /api/connections/1/response-target → 200',
      'GET /api/access → 200',
      'GET /api/connections → 200',
      'POST /api/connections/test (input checked)',
      'PATCH /api/preferences → 200',
      'GET /api/openapi.json → 200',
    ]);
  }, 120_000);
});
