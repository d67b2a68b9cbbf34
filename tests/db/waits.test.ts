// The waits table stays in step with the messages: filled by migration 0010 for existing
// data, then kept by the sync's writer and the outbox in the same transactions.
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import * as m0001 from '../../src-main/db/migrations/0001-initial';
import * as m0002 from '../../src-main/db/migrations/0002-search-outbox-settings';
import * as m0003 from '../../src-main/db/migrations/0003-sync-write-path';
import * as m0004 from '../../src-main/db/migrations/0004-who-is-who';
import { openStore, type Store } from '../../src-main/db/open';
import { writeThreads } from '../../src-main/db/thread-writer';
import { claimReply, discardReply, enqueueReply, recordAttemptStarted, recordDelivered } from '../../src-main/db/outbox';
import type { MappedMessage, MappedThread } from '../../src-main/sync/map-thread';
import { waitsOf, type Wait, type WaitMessage } from '../../src-main/stats/waits';
import { dbPath, tempDir } from '../helpers/temp-dir';
import { all, one, onPostgres, openTestStore, run as runSql, sql } from '../helpers/test-store';
import { prng } from '../helpers/prng';

const H = 3_600_000;
const T0 = Date.UTC(2026, 9, 1);

function storedWaits(store: Store, conversationId: number): Promise<Wait[]> {
  return all<Wait>(
    store,
    sql`SELECT started_at AS "startedAt", ended_at AS "endedAt" FROM waits WHERE conversation_id = ${conversationId} ORDER BY started_at, coalesce(ended_at, 9e15)`,
  );
}

async function expectedWaits(store: Store, conversationId: number): Promise<Wait[]> {
  const messages = await all<WaitMessage>(
    store,
    sql`SELECT id, sender_type AS "senderType", status, sent_at AS "sentAt" FROM messages WHERE conversation_id = ${conversationId}`,
  );
  return waitsOf(messages);
}

describe.skipIf(onPostgres)('migration 0010 fills the waits of the messages already stored (SQLite only: upgrades a SQLite file)', () => {
  const dir = tempDir();

  it('gives every conversation the waits the definition gives its messages', async () => {
    const file = dbPath(dir);
    const sqlite = new BetterSqlite3(file);
    sqlite.pragma('foreign_keys = ON');
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
    const migrations = { '0001-initial': m0001, '0002-search-outbox-settings': m0002, '0003-sync-write-path': m0003, '0004-who-is-who': m0004 };
    const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateToLatest();
    if (error) throw error;
    sqlite.exec("INSERT INTO accounts (id, name, base_url, created_at, updated_at) VALUES (1, 'A', 'https://a.mirakl.net', 1, 1), (2, 'B', 'https://b.mirakl.net', 1, 1)");
    const conversation = sqlite.prepare(
      `INSERT INTO conversations (account_id, mirakl_thread_id, subject, topic_type, last_message_at, last_message_preview, message_count,
         mirakl_updated_at, created_at, updated_at) VALUES (?, ?, 's', 'FREE_TEXT', 0, '', 0, 0, 0, 0) RETURNING id`,
    );
    const message = sqlite.prepare(
      `INSERT INTO messages (account_id, conversation_id, mirakl_message_id, direction, sender_type, sender_name, body, body_text, sent_at, status, created_at)
       VALUES (?, ?, ?, ?, ?, 'n', 'b', 'b', ?, ?, 0)`,
    );
    const rand = prng(11);
    const kinds = ['CUSTOMER_USER', 'CUSTOMER_USER', 'SHOP_USER', 'SHOP_USER', 'OPERATOR_USER'] as const;
    const ids: number[] = [];
    sqlite.transaction(() => {
      for (let c = 0; c < 400; c++) {
        const accountId = 1 + (c % 2);
        const { id } = conversation.get(accountId, `t-${c}`) as { id: number };
        ids.push(id);
        const n = Math.floor(rand() * 12);
        for (let m = 0; m < n; m++) {
          const type = kinds[Math.floor(rand() * kinds.length)]!;
          // Coarse times: many ties at the same millisecond.
          const at = T0 + Math.floor(rand() * 6) * H;
          const status = type === 'SHOP_USER' && rand() < 0.2 ? (rand() < 0.5 ? 'pending' : 'failed') : 'delivered';
          message.run(accountId, id, status === 'delivered' ? `m-${c}-${m}` : null, type === 'SHOP_USER' ? 'outbound' : 'inbound', type, at, status);
        }
      }
    })();
    await db.destroy();

    const store = await openStore(file);
    try {
      let total = 0;
      for (const id of ids) {
        const expected = await expectedWaits(store, id);
        total += expected.length;
        expect(await storedWaits(store, id), `conversation ${id}`).toEqual(expected);
      }
      expect(total).toBeGreaterThan(300);
      const accounts = await all(store, sql`SELECT DISTINCT w.account_id = c.account_id AS same FROM waits w JOIN conversations c ON c.id = w.conversation_id`);
      expect(accounts).toEqual([{ same: 1 }]);
    } finally {
      await store.close();
    }
  });
});

const customer = (id: string, at: number, body = `question ${id}`): MappedMessage => ({
  miraklMessageId: id, direction: 'inbound', senderType: 'CUSTOMER_USER', senderName: 'Ana', body, bodyText: body, sentAt: at, attachments: [],
});
const shop = (id: string, at: number, body = `answer ${id}`): MappedMessage => ({
  miraklMessageId: id, direction: 'outbound', senderType: 'SHOP_USER', senderName: 'Shop', body, bodyText: body, sentAt: at, attachments: [],
});
const operator = (id: string, at: number): MappedMessage => ({
  miraklMessageId: id, direction: 'inbound', senderType: 'OPERATOR_USER', senderName: 'Operator', body: 'note', bodyText: 'note', sentAt: at, attachments: [],
});

function thread(id: string, updatedAt: number, messages: MappedMessage[]): MappedThread {
  return {
    miraklThreadId: id, subject: 'Colis', topicType: 'FREE_TEXT', topicValue: 'Colis', orderId: 'ORD-1', customer: { miraklId: 'c-1', name: 'Ana' },
    createdAt: T0, updatedAt, lastMessageAt: messages.at(-1)?.sentAt ?? T0, replyNeededSince: null, totalCount: messages.length, messages,
  };
}

async function withStore(dir: string, run: (store: Store, accountId: number, write: (threads: MappedThread[]) => Promise<number[]>) => Promise<void>) {
  const store = await openTestStore(dir);
  try {
    const { id: accountId } = (await one<{ id: number }>(store, sql`INSERT INTO accounts (name, base_url, is_demo, created_at, updated_at) VALUES ('A', 'https://a.mirakl.net', 0, 0, 0) RETURNING id`))!;
    const write = async (threads: MappedThread[]) => {
      const changed: number[] = [];
      await store.transaction((trx) => writeThreads(trx, accountId, threads, { firstPass: false, now: T0 + 100 * H }, changed));
      return changed;
    };
    await run(store, accountId, write);
  } finally {
    await store.close();
  }
}

describe('the sync keeps the waits', () => {
  const dir = tempDir();

  it('as threads arrive, grow and are re-delivered', async () => {
    await withStore(dir, async (store, _accountId, write) => {
      const [id] = await write([thread('t-1', T0 + 2 * H, [shop('s0', T0), customer('c1', T0 + 1 * H), operator('o1', T0 + 2 * H)])]);
      expect(await storedWaits(store, id!)).toEqual([{ startedAt: T0 + 1 * H, endedAt: null }]);

      // The shop answers and the customer writes again.
      const messages = [shop('s0', T0), customer('c1', T0 + 1 * H), operator('o1', T0 + 2 * H), shop('s1', T0 + 5 * H), customer('c2', T0 + 6 * H)];
      await write([thread('t-1', T0 + 6 * H, messages)]);
      expect(await storedWaits(store, id!)).toEqual([
        { startedAt: T0 + 1 * H, endedAt: T0 + 5 * H },
        { startedAt: T0 + 6 * H, endedAt: null },
      ]);

      // Re-delivered unchanged, then re-delivered with a changed date (nothing new): the same waits, no duplicates.
      await write([thread('t-1', T0 + 6 * H, messages)]);
      await write([thread('t-1', T0 + 7 * H, messages)]);
      expect(await storedWaits(store, id!)).toEqual(await expectedWaits(store, id!));
      expect(await storedWaits(store, id!)).toHaveLength(2);

      // A message Mirakl listed twice in a new thread is stored once and counted once.
      const [twice] = await write([thread('t-2', T0 + 3 * H, [customer('d1', T0), customer('d1', T0), shop('d2', T0 + 3 * H)])]);
      expect(await storedWaits(store, twice!)).toEqual([{ startedAt: T0, endedAt: T0 + 3 * H }]);
    });
  });

  it('as a reply written here goes pending, is delivered, then comes back from Mirakl', async () => {
    await withStore(dir, async (store, accountId, write) => {
      const [id] = await write([thread('t-3', T0 + 1 * H, [customer('c1', T0)])]);
      const lease = { owner: 'test', now: T0 + 2 * H, leaseMs: 60_000, isOwnerAlive: () => true };
      const messageId = await enqueueReply(store, {
        accountId, conversationId: id!, body: 'Votre colis part demain', bodyText: 'Votre colis part demain', senderName: 'Shop', recipient: 'customer', now: T0 + 2 * H,
      });
      // Pending: not on Mirakl yet, the customer still waits.
      expect(await storedWaits(store, id!)).toEqual([{ startedAt: T0, endedAt: null }]);

      await claimReply(store, messageId, lease);
      await recordAttemptStarted(store, messageId, lease);
      // Mirakl accepted it 3 hours after it was written (the app was offline): the wait ends then.
      await recordDelivered(store, messageId, 'm-reply', T0 + 5 * H);
      expect(await storedWaits(store, id!)).toEqual([{ startedAt: T0, endedAt: T0 + 5 * H }]);

      // The sync brings Mirakl's own time for it.
      await write([thread('t-3', T0 + 6 * H, [customer('c1', T0), shop('m-reply', T0 + 5 * H + 1_000, 'Votre colis part demain')])]);
      expect(await storedWaits(store, id!)).toEqual([{ startedAt: T0, endedAt: T0 + 5 * H + 1_000 }]);
      expect(await one(store, sql`SELECT count(*) AS n FROM messages WHERE conversation_id = ${id}`)).toEqual({ n: 2 });
    });
  });

  it('when a delivered reply merges into the copy the sync already stored, and when a failed one is discarded', async () => {
    await withStore(dir, async (store, accountId, write) => {
      const [id] = await write([thread('t-4', T0 + 1 * H, [customer('c1', T0)])]);
      const lease = { owner: 'test', now: T0 + 2 * H, leaseMs: 60_000, isOwnerAlive: () => true };
      const reply = (now: number) =>
        enqueueReply(store, { accountId, conversationId: id!, body: 'Bonjour, voici', bodyText: 'Bonjour, voici', senderName: 'Shop', recipient: 'customer', now });
      const first = await reply(T0 + 2 * H);
      // Mirakl's copy arrives through the sync before the outbox hears back.
      await write([thread('t-4', T0 + 4 * H, [customer('c1', T0), shop('m-9', T0 + 3 * H, 'Bonjour, voici (copy)')])]);
      expect(await storedWaits(store, id!)).toEqual([{ startedAt: T0, endedAt: T0 + 3 * H }]);
      await claimReply(store, first, lease);
      await recordAttemptStarted(store, first, lease);
      expect((await recordDelivered(store, first, 'm-9', T0 + 4 * H)).kind).toBe('merged');
      expect(await storedWaits(store, id!)).toEqual([{ startedAt: T0, endedAt: T0 + 3 * H }]);

      const second = await reply(T0 + 5 * H);
      await discardReply(store, second, T0 + 6 * H);
      expect(await storedWaits(store, id!)).toEqual(await expectedWaits(store, id!));
    });
  });

  it('drops a conversation’s waits with it', async () => {
    await withStore(dir, async (store, accountId, write) => {
      await write([thread('t-5', T0 + 1 * H, [customer('c1', T0)])]);
      expect(Number((await one<{ n: number }>(store, sql`SELECT count(*) AS n FROM waits`))!.n)).toBeGreaterThan(0);
      await runSql(store, sql`DELETE FROM accounts WHERE id = ${accountId}`);
      expect(await one(store, sql`SELECT count(*) AS n FROM waits`)).toEqual({ n: 0 });
    });
  });
});
