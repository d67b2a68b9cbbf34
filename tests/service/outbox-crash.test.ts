// kill -9 at any point of sending never loses a reply and never posts it twice. The
// outbox runs in a real child process (tests/service/fixtures/outbox-child.ts) against
// the fake Mirakl running here; the test SIGKILLs it before M12, while Mirakl holds the
// M12 request, while Mirakl's 201 is in transit, and after the 201 arrived but before the
// store recorded it, then restarts it and checks the reply is on Mirakl exactly once and
// stored once, also after a sync. A reply with files is killed around the post too: it
// reaches Mirakl once, with every file.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src-main/db/open';
import { FakeMiraklStore } from '../../src-main/fake-mirakl/store';
import { generateDemoData } from '../../src-main/fake-mirakl/demo-data';
import { startFakeMirakl, type FakeMirakl } from '../../src-main/fake-mirakl/server';
import { connect, type Connection } from '../../src-main/sync/connection';
import { runSyncPass } from '../../src-main/sync/workflow';
import { createAppService, type AppService } from '../../src-main/service/app-service';
import { plainTextSecretBox } from '../../src-main/service/secret-box';
import { ROOT } from '../helpers/cli-process';
import { BUNDLED_SCRIPT_ENV, bundleScript } from '../helpers/bundle-script';
import { startLossyProxy } from '../helpers/lossy-proxy';
import { copiesOnFake, postsTo, waitFor } from '../helpers/service-fixture';
import { tempDir } from '../helpers/temp-dir';
import { all, one, sql, testDatabase } from '../helpers/test-store';

const CHILD_SOURCE = path.join(ROOT, 'tests', 'service', 'fixtures', 'outbox-child.ts');
const KEY = 'crash-key';

interface Child {
  process: ChildProcess;
  lines: string[];
  stderr: () => string;
  /** Resolves with the first stdout line starting with `prefix`. */
  line(prefix: string, timeoutMs?: number): Promise<string>;
  exited: Promise<void>;
}

describe('the outbox survives kill -9', () => {
  const dir = tempDir();
  let fake: FakeMirakl;
  let store: Store;
  let connection: Connection;
  let service: AppService;
  let file: string;
  let threads: string[];
  /** The child, bundled once: each start then costs what the app's own start costs. */
  let childScript: string;

  beforeAll(async () => {
    childScript = await bundleScript(CHILD_SOURCE, path.join(dir, 'outbox-child.cjs'));
    const fakeStore = new FakeMiraklStore();
    generateDemoData(fakeStore, { threads: 8, seed: 3 });
    fake = await startFakeMirakl({ store: fakeStore, apiKey: KEY });
    file = await testDatabase(dir);
    store = await openStore(file);
    connection = await connect(store, { baseUrl: fake.url, apiKey: KEY, shopId: null }, { clientOptions: { timeoutMs: 5_000 } });
    await runSyncPass({ store, client: connection.client, accountId: connection.accountId });
    // Used only to queue replies (never started: nothing is sent from this process).
    service = createAppService({
      store,
      dataDir: path.join(dir, 'data'),
      version: 'test',
      syncIntervalMs: 60_000,
      sync: false,
      connections: { secretBox: plainTextSecretBox, runtime: [{ accountId: connection.accountId, settings: { baseUrl: fake.url, apiKey: KEY, shopId: null } }], demo: false },
    });
    threads = (await all<{ t: string }>(store, sql`SELECT mirakl_thread_id AS t FROM conversations WHERE customer_id IS NOT NULL ORDER BY id`)).map((r) => r.t);
  });
  afterAll(async () => {
    await service.stop();
    await fake.close();
    await store.close();
  });

  function startChild(hangAt: '' | 'before-post' | 'after-post', miraklUrl = fake.url): Child {
    // node itself: a SIGKILL reaches the process doing the work.
    const child = spawn(process.execPath, [childScript], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...BUNDLED_SCRIPT_ENV,
        CS_DB: file,
        ACCOUNT_ID: String(connection.accountId),
        DATA_DIR: path.join(dir, 'data'),
        MIRAKL_URL: miraklUrl,
        MIRAKL_API_KEY: KEY,
        HANG_AT: hangAt,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    let stderr = '';
    let buffer = '';
    const waiters: Array<{ prefix: string; resolve: (line: string) => void }> = [];
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        lines.push(line);
        for (const w of waiters.filter((w) => line.startsWith(w.prefix))) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    return {
      process: child,
      lines,
      stderr: () => stderr,
      exited,
      line: (prefix, timeoutMs = 20_000) =>
        new Promise<string>((resolve, reject) => {
          const seen = lines.find((l) => l.startsWith(prefix));
          if (seen) return resolve(seen);
          const timer = setTimeout(() => reject(new Error(`child never said ${prefix}; stdout: ${lines.join(' | ')}; stderr: ${stderr}`)), timeoutMs);
          waiters.push({
            prefix,
            resolve: (line) => {
              clearTimeout(timer);
              resolve(line);
            },
          });
        }),
    };
  }

  async function kill(child: Child): Promise<void> {
    child.process.kill('SIGKILL');
    await child.exited;
  }

  const row = (id: number) =>
    one<{ status: string; miraklId: string | null; outcome: string | null }>(
      store,
      sql`SELECT m.status, m.mirakl_message_id AS "miraklId", o.last_outcome AS outcome FROM messages m LEFT JOIN outbox o ON o.message_id = m.id WHERE m.id = ${id}`,
    );

  async function queueReply(threadIndex: number, body: string): Promise<{ id: number; threadId: string; conversationId: number }> {
    const threadId = threads[threadIndex]!;
    const { id: conversationId } = (await one<{ id: number }>(store, sql`SELECT id FROM conversations WHERE mirakl_thread_id = ${threadId}`))!;
    const message = await service.api.sendMessage({ id: conversationId, body, to: 'customer' });
    return { id: message.id, threadId, conversationId };
  }

  /** Restart, wait for delivery, and check: one copy on Mirakl, one row here, even after a sync. */
  async function resumeAndCheck(reply: { id: number; threadId: string; conversationId: number }, body: string): Promise<string> {
    const child = startChild('');
    try {
      const line = await child.line(`DELIVERED ${reply.id} `);
      const miraklId = line.split(' ')[2]!;
      expect(copiesOnFake(fake, reply.threadId, body)).toBe(1);
      expect(await row(reply.id)).toEqual({ status: 'delivered', miraklId, outcome: null });
      await runSyncPass({ store, client: connection.client, accountId: connection.accountId });
      const local = (await one<{ n: number }>(store, sql`SELECT count(*) AS n FROM messages WHERE conversation_id = ${reply.conversationId} AND body = ${body}`))!;
      expect(local.n).toBe(1);
      return miraklId;
    } finally {
      await kill(child);
    }
  }

  it('killed before M12 leaves: resumed, checked against the thread, posted once', async () => {
    const body = 'Tué avant l’envoi';
    const reply = await queueReply(0, body);
    const child = startChild('before-post');
    await child.line(`BEFORE_POST ${reply.id}`);
    await kill(child);
    expect(await row(reply.id)).toMatchObject({ status: 'pending', outcome: 'started' });
    expect(postsTo(fake, reply.threadId)).toBe(0);
    await resumeAndCheck(reply, body);
    expect(postsTo(fake, reply.threadId)).toBe(1);
  });

  it('killed while Mirakl holds the M12 request: the restart reads the thread before posting, one copy', async () => {
    const body = 'Tué pendant que Mirakl attend';
    const reply = await queueReply(1, body);
    fake.faults.paths = /\/message$/;
    fake.faults.delayMs = 1_000;
    const child = startChild('');
    await waitFor(() => postsTo(fake, reply.threadId) === 1, 20_000, 'the M12 request');
    await kill(child);
    // Give Mirakl the time to finish with (here: drop) the request it was holding.
    await new Promise((r) => setTimeout(r, 1_300));
    fake.faults.reset();
    expect(await row(reply.id)).toMatchObject({ status: 'pending', outcome: 'started' });
    await resumeAndCheck(reply, body);
    // Whatever became of the held request, the thread was read before any new post.
    // (A sync pass may have read the thread before the first post: that read is not the check.)
    const calls = fake.calls.filter((c) => c.path.startsWith(`/api/inbox/threads/${reply.threadId}`)).map((c) => c.method);
    const fromFirstPost = calls.slice(calls.indexOf('POST'));
    expect(fromFirstPost.slice(0, 3)).toEqual(['POST', 'GET', 'POST']);
  });

  it('killed while the 201 is on its way (Mirakl processed the post): adopted after restart, not re-posted', async () => {
    const body = 'Tué pendant que la réponse voyage';
    const reply = await queueReply(3, body);
    const proxy = await startLossyProxy(fake.url);
    try {
      proxy.next(/\/message$/, { kind: 'hold', ms: 3_000 });
      const child = startChild('', proxy.url);
      await waitFor(() => copiesOnFake(fake, reply.threadId, body) === 1, 20_000, 'Mirakl to store the reply');
      await kill(child);
      expect(await row(reply.id)).toMatchObject({ status: 'pending', outcome: 'started' });
      await resumeAndCheck(reply, body);
      expect(postsTo(fake, reply.threadId)).toBe(1);
    } finally {
      await proxy.close();
    }
  });

  it('killed after Mirakl answered 201, before the store recorded it: adopted, not re-posted', async () => {
    const body = 'Tué après la réponse de Mirakl';
    const reply = await queueReply(2, body);
    const child = startChild('after-post');
    const answered = await child.line(`AFTER_POST ${reply.id}`);
    await kill(child);
    expect(await row(reply.id)).toMatchObject({ status: 'pending', outcome: 'started' });
    expect(copiesOnFake(fake, reply.threadId, body)).toBe(1);
    const miraklId = await resumeAndCheck(reply, body);
    expect(miraklId).toBe(answered.split(' ')[2]);
    expect(postsTo(fake, reply.threadId)).toBe(1);
  });

  /** A reply carrying two files, queued here (stored with it beside the database) before the child sends it. */
  async function queueReplyWithFiles(threadIndex: number, body: string) {
    const files = [
      { name: 'photo colis.jpg', bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 7, 7, 7]) },
      { name: 'bon de retour.pdf', bytes: new TextEncoder().encode('%PDF-1.4 bon de retour') },
    ];
    const uploads = [];
    for (const file of files) uploads.push(await service.uploadFile({ name: file.name, contentType: null, bytes: file.bytes }));
    const threadId = threads[threadIndex]!;
    const { id: conversationId } = (await one<{ id: number }>(store, sql`SELECT id FROM conversations WHERE mirakl_thread_id = ${threadId}`))!;
    const message = await service.api.sendMessage({ id: conversationId, body, to: 'customer', attachments: uploads.map((u) => ({ uploadId: u.id })) });
    return { reply: { id: message.id, threadId, conversationId }, files };
  }

  /** The one copy on Mirakl carries every file, byte for byte. */
  function expectFilesOnMirakl(threadId: string, body: string, files: Array<{ name: string; bytes: Uint8Array }>): void {
    const copies = fake.store.getThread(threadId)!.messages.filter((m) => m.body === body);
    expect(copies).toHaveLength(1);
    expect(copies[0]!.attachments!.map((a) => a.name)).toEqual(files.map((f) => f.name));
    copies[0]!.attachments!.forEach((a, i) => expect(fake.store.getAttachmentBytes(a.id)!.equals(Buffer.from(files[i]!.bytes))).toBe(true));
  }

  it('a reply with files, killed before M12 leaves: posted once, with all its files', async () => {
    const body = 'Tué avant l’envoi, avec deux fichiers';
    const { reply, files } = await queueReplyWithFiles(4, body);
    const child = startChild('before-post');
    await child.line(`BEFORE_POST ${reply.id}`);
    await kill(child);
    expect(postsTo(fake, reply.threadId)).toBe(0);
    await resumeAndCheck(reply, body);
    expect(postsTo(fake, reply.threadId)).toBe(1);
    expectFilesOnMirakl(reply.threadId, body, files);
  });

  it('a reply with files, killed after Mirakl answered 201: adopted, not re-posted; Mirakl has all its files once', async () => {
    const body = 'Tué après la réponse, avec deux fichiers';
    const { reply, files } = await queueReplyWithFiles(5, body);
    const child = startChild('after-post');
    await child.line(`AFTER_POST ${reply.id}`);
    await kill(child);
    expect(await row(reply.id)).toMatchObject({ status: 'pending', outcome: 'started' });
    await resumeAndCheck(reply, body);
    expect(postsTo(fake, reply.threadId)).toBe(1);
    expectFilesOnMirakl(reply.threadId, body, files);
  });
});
