// Writes synced threads into the store. This is the sync's hot path (hundreds of thousands
// of rows on a first sync): a page of threads is written with a few multi-row statements per
// table (db/multi-row), the same on SQLite and PostgreSQL, rather than one statement per row.
// Callers run it inside Store.transaction so a page lands whole or not at all.
import { sql, type Kysely } from 'kysely';
import type { MappedMessage, MappedThread } from '../sync/map-thread';
import { previewOf } from '../sync/body-text';
import { REASON_CODE_TOPIC, topicSubject } from '../mirakl/topic-subject';
import type { WaitMessage } from '../stats/waits';
import { dialectOf, greatest, inValues } from './dialect';
import { MultiRowStatement } from './multi-row';
import type { Database } from './schema';
import { indexNewRows } from './search-index';
import { addNewWaits, refreshWaitsOf } from './waits';

export interface WriteStats {
  newThreads: number;
  updatedThreads: number;
  unchangedThreads: number;
  newMessages: number;
}

export interface WriteOptions {
  /** On an account's first pass, history is not "unread": only messages still awaiting a reply are. */
  firstPass: boolean;
  now: number;
}

type Db = Kysely<Database>;

const upsertCustomers = new MultiRowStatement(
  'INSERT INTO customers (account_id, mirakl_customer_id, name, created_at, updated_at) VALUES',
  '(?, ?, ?, ?, ?)',
  `ON CONFLICT (account_id, mirakl_customer_id) DO UPDATE SET
     name = CASE WHEN excluded.name = '' THEN customers.name ELSE excluded.name END, updated_at = excluded.updated_at
   RETURNING id, mirakl_customer_id`,
);
const insertConversations = new MultiRowStatement(
  `INSERT INTO conversations (account_id, mirakl_thread_id, customer_id, order_id, subject, topic_type, topic_value,
     last_message_at, last_message_preview, message_count, unread_count, reply_needed_since, mirakl_updated_at, created_at, updated_at) VALUES`,
  '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  'RETURNING id, mirakl_thread_id',
  128,
);
const insertMessages = new MultiRowStatement(
  `INSERT INTO messages (account_id, conversation_id, mirakl_message_id, direction, sender_type, sender_name, body, body_text,
     sent_at, status, error, created_at) VALUES`,
  "(?, ?, ?, ?, ?, ?, ?, ?, ?, 'delivered', NULL, ?)",
  'ON CONFLICT DO NOTHING RETURNING id, conversation_id, mirakl_message_id',
);
const insertAttachments = new MultiRowStatement(
  'INSERT INTO attachments (message_id, mirakl_attachment_id, name, size) VALUES',
  '(?, ?, ?, ?)',
  'ON CONFLICT DO NOTHING RETURNING message_id',
);

/** Mirakl's date_updated of the threads the store already holds, by thread id (one query per page). */
export async function knownThreadVersions(db: Db, accountId: number, threadIds: readonly string[]): Promise<Map<string, number>> {
  if (threadIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('conversations')
    .select(['mirakl_thread_id', 'mirakl_updated_at'])
    .where('account_id', '=', accountId)
    .where(inValues(db, 'mirakl_thread_id', threadIds))
    .execute();
  return new Map(rows.map((r) => [r.mirakl_thread_id, r.mirakl_updated_at]));
}

/**
 * Upserts threads, their customers, messages and attachments, and indexes the new ones for
 * search. Call inside a transaction, on its trx. `changed` receives the ids of conversations
 * created or updated.
 */
export async function writeThreads(
  trx: Db,
  accountId: number,
  threads: readonly MappedThread[],
  options: WriteOptions,
  changed: number[] = [],
): Promise<WriteStats> {
  const stats: WriteStats = { newThreads: 0, updatedThreads: 0, unchangedThreads: 0, newMessages: 0 };
  const labels = await reasonLabels(trx, accountId, threads);
  // A thread listed twice in one page is written twice, in order, as if on two pages.
  for (const round of rounds(threads)) await writeRound(trx, accountId, round, labels, options, stats, changed);
  return stats;
}

/** The account's reason labels, read once per page, only when some thread has a REASON_CODE topic. */
async function reasonLabels(trx: Db, accountId: number, threads: readonly MappedThread[]): Promise<ReadonlyMap<string, string>> {
  if (!threads.some((t) => t.topicType === REASON_CODE_TOPIC)) return new Map();
  const rows = await trx.selectFrom('message_reasons').select(['code', 'label']).where('account_id', '=', accountId).execute();
  return new Map(rows.map((r) => [r.code, r.label]));
}

/** The subject shown: a REASON_CODE topic reads as its label once RE02 gave it. */
function subjectOf(thread: MappedThread, labels: ReadonlyMap<string, string>): string {
  return labels.size > 0 ? topicSubject({ type: thread.topicType, value: thread.topicValue }, labels.get(thread.topicValue)) : thread.subject;
}

interface Existing {
  id: number;
  updatedAt: number;
}

interface Updated {
  thread: MappedThread;
  conversationId: number;
  messages: MappedMessage[];
}

async function writeRound(
  trx: Db,
  accountId: number,
  threads: readonly MappedThread[],
  labels: ReadonlyMap<string, string>,
  options: WriteOptions,
  stats: WriteStats,
  changed: number[],
) {
  const { now } = options;
  const existing = await existingConversations(trx, accountId, threads.map((t) => t.miraklThreadId));
  const fresh: MappedThread[] = [];
  const updated: Updated[] = [];
  for (const thread of threads) {
    const known = existing.get(thread.miraklThreadId);
    // Re-delivered by the overlap window and unchanged since: nothing to do.
    if (known && known.updatedAt === thread.updatedAt) stats.unchangedThreads++;
    else if (known) updated.push({ thread, conversationId: known.id, messages: uniqueMessages(thread) });
    else fresh.push(thread);
  }
  if (fresh.length === 0 && updated.length === 0) return;

  const customers = await writeCustomers(trx, accountId, [...fresh, ...updated.map((u) => u.thread)], now);
  const customerOf = (t: MappedThread) => (t.customer ? (customers.get(t.customer.miraklId) ?? null) : null);

  // Threads new to the store: their derived columns are known before their messages are written.
  const freshMessages = fresh.map(uniqueMessages);
  const inserted = await insertConversations.run<{ id: number; mirakl_thread_id: string }>(
    trx,
    fresh.map((thread, i) => {
      const messages = freshMessages[i]!;
      const last = messages.at(-1);
      const unread = messages.filter((m) => m.direction === 'inbound' && countsAsUnread(m.sentAt, thread, options.firstPass)).length;
      return [
        accountId,
        thread.miraklThreadId,
        customerOf(thread),
        thread.orderId,
        subjectOf(thread, labels),
        thread.topicType,
        thread.topicValue,
        lastMessageAt(thread),
        last ? messagePreview(last) : '',
        messages.length,
        unread,
        thread.replyNeededSince,
        thread.updatedAt,
        thread.createdAt,
        now,
      ];
    }),
  );
  const freshIds = new Map(inserted.map((r) => [r.mirakl_thread_id, r.id]));

  // Messages: the new threads' all, the known threads' unless stored already (or adopted).
  const toInsert: Array<{ conversationId: number; thread: MappedThread; message: MappedMessage }> = [];
  fresh.forEach((thread, i) => {
    const conversationId = freshIds.get(thread.miraklThreadId)!;
    for (const message of freshMessages[i]!) toInsert.push({ conversationId, thread, message });
  });
  const attachments: Array<[messageId: number, attachment: MappedMessage['attachments'][number]]> = [];
  // Whose attachments they are: a conversation that gets new ones has its attachment names indexed.
  const conversationOfMessage = new Map<number, number>();
  const attach = (messageId: number, conversationId: number, message: MappedMessage) => {
    if (message.attachments.length === 0) return;
    conversationOfMessage.set(messageId, conversationId);
    for (const a of message.attachments) attachments.push([messageId, a]);
  };
  const stored = await storedMessages(trx, updated);
  for (const { thread, conversationId, messages } of updated) {
    for (const message of messages) {
      const found = stored.get(messageKey(conversationId, message.miraklMessageId));
      if (found) {
        // Mirakl's time wins too: a reply delivered from here carries the time it was accepted until Mirakl returns it.
        if (found.body !== message.body || found.sentAt !== message.sentAt) await updateMessage(trx, found.id, message);
        attach(found.id, conversationId, message);
        continue;
      }
      const adopted = message.direction === 'outbound' ? await adoptLocalReply(trx, conversationId, message) : null;
      if (adopted !== null) attach(adopted, conversationId, message);
      else toInsert.push({ conversationId, thread, message });
    }
  }
  const insertedMessages = await insertMessages.run<{ id: number; conversation_id: number; mirakl_message_id: string }>(
    trx,
    toInsert.map(({ conversationId, message: m }) => [
      accountId, conversationId, m.miraklMessageId, m.direction, m.senderType, m.senderName, m.body, m.bodyText, m.sentAt, now,
    ]),
  );
  const newIds = new Map(insertedMessages.map((r) => [messageKey(r.conversation_id, r.mirakl_message_id), r.id]));
  const newUnread = new Map<number, number>();
  const searchRows: Array<[number, string]> = [];
  // The waits of a new thread come from its messages as written; a thread with a message not
  // written (stored meanwhile) has them read back instead.
  const freshWaits = new Map<number, WaitMessage[]>();
  for (const id of freshIds.values()) freshWaits.set(id, []);
  const rereadWaits = new Set<number>(updated.map((u) => u.conversationId));
  for (const { conversationId, thread, message } of toInsert) {
    const id = newIds.get(messageKey(conversationId, message.miraklMessageId));
    if (id === undefined) {
      // Stored meanwhile under the same id: nothing new.
      rereadWaits.add(conversationId);
      continue;
    }
    stats.newMessages++;
    searchRows.push([id, message.bodyText]);
    attach(id, conversationId, message);
    freshWaits.get(conversationId)?.push({ id, senderType: message.senderType, status: 'delivered', sentAt: message.sentAt });
    if (message.direction === 'inbound' && countsAsUnread(message.sentAt, thread, options.firstPass)) {
      newUnread.set(conversationId, (newUnread.get(conversationId) ?? 0) + 1);
    }
  }
  const attached = await insertAttachments.run<{ message_id: number }>(
    trx,
    attachments.map(([messageId, a]) => [messageId, a.miraklAttachmentId, a.name, a.size]),
  );
  const withAttachments = new Set(attached.map((r) => conversationOfMessage.get(r.message_id)!));

  for (const { thread, conversationId } of updated) {
    await refreshConversation(trx, conversationId, thread, labels, customerOf(thread), newUnread.get(conversationId) ?? 0, now);
  }
  await addNewWaits(
    trx,
    [...freshWaits]
      .filter(([conversationId]) => !rereadWaits.has(conversationId))
      .map(([conversationId, messages]) => ({ conversationId, accountId, messages })),
  );
  await refreshWaitsOf(trx, [...rereadWaits].map((conversationId) => ({ conversationId, accountId })));
  await indexNewRows(trx, { messages: searchRows, conversations: [...freshIds.values()], withAttachments: [...withAttachments] });

  stats.newThreads += fresh.length;
  stats.updatedThreads += updated.length;
  const updatedIds = new Map(updated.map((u) => [u.thread, u.conversationId]));
  for (const thread of threads) {
    const id = freshIds.get(thread.miraklThreadId) ?? updatedIds.get(thread);
    if (id !== undefined) changed.push(id);
  }
}

/** The page's threads split so that no thread appears twice in one round (almost always one round). */
function rounds(threads: readonly MappedThread[]): MappedThread[][] {
  const result: MappedThread[][] = [];
  const seen = new Map<string, number>();
  for (const thread of threads) {
    const round = seen.get(thread.miraklThreadId) ?? 0;
    seen.set(thread.miraklThreadId, round + 1);
    (result[round] ??= []).push(thread);
  }
  return result;
}

/** A message id Mirakl lists twice in a thread is stored once (the first). */
function uniqueMessages(thread: MappedThread): MappedMessage[] {
  const seen = new Set<string>();
  return thread.messages.filter((m) => !seen.has(m.miraklMessageId) && seen.add(m.miraklMessageId));
}

function lastMessageAt(thread: MappedThread): number {
  return Math.max(thread.lastMessageAt, thread.messages.at(-1)?.sentAt ?? 0);
}

function messageKey(conversationId: number, miraklMessageId: string): string {
  return `${conversationId}\u0000${miraklMessageId}`;
}

async function existingConversations(trx: Db, accountId: number, threadIds: readonly string[]): Promise<Map<string, Existing>> {
  const rows = await trx
    .selectFrom('conversations')
    .select(['id', 'mirakl_thread_id', 'mirakl_updated_at'])
    .where('account_id', '=', accountId)
    .where(inValues(trx, 'mirakl_thread_id', threadIds))
    .execute();
  return new Map(rows.map((r) => [r.mirakl_thread_id, { id: r.id, updatedAt: r.mirakl_updated_at }]));
}

/**
 * One upsert for the round's customers (threads often share one; the last name given wins, an
 * empty one never replaces a name). Returns ids by Mirakl id.
 */
async function writeCustomers(trx: Db, accountId: number, threads: readonly MappedThread[], now: number): Promise<Map<string, number>> {
  const names = new Map<string, string>();
  for (const t of threads) if (t.customer && (t.customer.name !== '' || !names.has(t.customer.miraklId))) names.set(t.customer.miraklId, t.customer.name);
  const rows = await upsertCustomers.run<{ id: number; mirakl_customer_id: string }>(
    trx,
    [...names].map(([miraklId, name]) => [accountId, miraklId, name, now, now]),
  );
  return new Map(rows.map((r) => [r.mirakl_customer_id, r.id]));
}

/** The stored messages of the known threads among those the page lists, by (conversation, Mirakl id). */
async function storedMessages(trx: Db, updated: readonly Updated[]): Promise<Map<string, { id: number; body: string; sentAt: number }>> {
  const pairs: Array<[number, string]> = [];
  for (const u of updated) for (const m of u.messages) pairs.push([u.conversationId, m.miraklMessageId]);
  if (pairs.length === 0) return new Map();
  // Looked up pair by pair on messages_mirakl_id: two IN lists would probe every combination.
  const query =
    dialectOf(trx) === 'postgres'
      ? sql<{ id: number; conversation_id: number; mirakl_message_id: string; body: string; sent_at: number }>`
          SELECT m.id, m.conversation_id, m.mirakl_message_id, m.body, m.sent_at
          FROM unnest(${pairs.map((p) => p[0])}::integer[], ${pairs.map((p) => p[1])}::text[]) AS j (conversation_id, mirakl_message_id)
          JOIN messages m ON m.conversation_id = j.conversation_id AND m.mirakl_message_id = j.mirakl_message_id`
      : sql<{ id: number; conversation_id: number; mirakl_message_id: string; body: string; sent_at: number }>`
          SELECT m.id, m.conversation_id, m.mirakl_message_id, m.body, m.sent_at
          FROM json_each(${JSON.stringify(pairs)}) AS j
          CROSS JOIN messages m ON m.conversation_id = j.value ->> 0 AND m.mirakl_message_id = j.value ->> 1`;
  const rows = (await query.execute(trx)).rows;
  return new Map(rows.map((r) => [messageKey(r.conversation_id, r.mirakl_message_id), { id: r.id, body: r.body, sentAt: r.sent_at }]));
}

async function updateMessage(trx: Db, id: number, m: MappedMessage): Promise<void> {
  await trx
    .updateTable('messages')
    .set({ sender_type: m.senderType, sender_name: m.senderName, body: m.body, body_text: m.bodyText, sent_at: m.sentAt, status: 'delivered', error: null })
    .where('id', '=', id)
    .execute();
}

/**
 * A reply sent from here whose answer was lost: Mirakl now shows it; adopt the local row instead
 * of adding a copy. Only a reply whose posting may have reached Mirakl (its outbox records an
 * attempt started or of unknown outcome, no earlier than 5 minutes of clock skew before Mirakl's
 * date): a reply not yet sent must not be swallowed by an identical text posted elsewhere (e.g.
 * from Mirakl's back office). Returns the adopted message's id.
 */
async function adoptLocalReply(trx: Db, conversationId: number, m: MappedMessage): Promise<number | null> {
  const result = await sql<{ id: number }>`UPDATE messages SET mirakl_message_id = ${m.miraklMessageId}, sent_at = ${m.sentAt},
      status = 'delivered', error = NULL
    WHERE id = (SELECT m.id FROM messages m JOIN outbox o ON o.message_id = m.id
                WHERE m.conversation_id = ${conversationId} AND m.mirakl_message_id IS NULL AND m.direction = 'outbound'
                  AND m.status != 'failed' AND m.body = ${m.body}
                  AND (o.unknown_since IS NOT NULL OR o.last_outcome IN ('started', 'unknown'))
                  AND coalesce(o.unknown_since, o.last_attempt_at, 0) <= ${m.sentAt + 300_000}
                ORDER BY m.id LIMIT 1)
    RETURNING id`.execute(trx);
  return result.rows[0]?.id ?? null;
}

/** A known thread's columns, and those derived from the messages the store holds (a local pending reply counts too). */
async function refreshConversation(
  trx: Db,
  id: number,
  thread: MappedThread,
  labels: ReadonlyMap<string, string>,
  customerId: number | null,
  newUnread: number,
  now: number,
) {
  const last = thread.messages.at(-1);
  const newest = sql<number>`coalesce((SELECT max(sent_at) FROM messages WHERE conversation_id = ${id}), 0)`;
  await sql`UPDATE conversations SET customer_id = coalesce(${customerId}, customer_id), order_id = coalesce(${thread.orderId}, order_id),
      subject = ${subjectOf(thread, labels)}, topic_type = ${thread.topicType}, topic_value = ${thread.topicValue}, reply_needed_since = ${thread.replyNeededSince},
      mirakl_updated_at = ${thread.updatedAt}, updated_at = ${now},
      message_count = (SELECT count(*) FROM messages WHERE conversation_id = ${id}),
      last_message_at = ${greatest(trx, lastMessageAt(thread), newest)},
      last_message_preview = coalesce(${last ? messagePreview(last) : null}, last_message_preview),
      unread_count = unread_count + ${newUnread}
    WHERE id = ${id}`.execute(trx);
}

/** A message's line in the list: its text, or the files it carries when it has none (a file sent alone). */
function messagePreview(m: MappedMessage): string {
  const text = previewOf(m.bodyText);
  if (text !== '' || m.attachments.length === 0) return text;
  return previewOf(`Attachment: ${m.attachments.map((a) => a.name).join(', ')}`);
}

function countsAsUnread(sentAt: number, thread: MappedThread, firstPass: boolean): boolean {
  if (!firstPass) return true;
  return thread.replyNeededSince !== null && sentAt >= thread.replyNeededSince;
}
