// Keeps the waits table in step with the messages: every writer of messages (the sync's
// writeThreads, the outbox when a reply is delivered, merged or discarded) calls this in the
// same transaction, for each conversation it changed. A conversation's waits are recomputed
// from its messages (stats/waits.ts) and rewritten only when they differ. The sync writes a
// page at a time, so the page's conversations are read and rewritten together, in a few
// statements, whatever their number.
import type { Kysely } from 'kysely';
import { sameWaits, waitsOf, type Wait, type WaitMessage } from '../stats/waits';
import { inValues } from './dialect';
import { MultiRowStatement } from './multi-row';
import type { Database } from './schema';

type Db = Kysely<Database>;

export interface ConversationWaits {
  conversationId: number;
  accountId: number;
}

const insertWaits = new MultiRowStatement('INSERT INTO waits (conversation_id, account_id, started_at, ended_at) VALUES', '(?, ?, ?, ?)');

/** The waits of conversations the store did not hold, from their messages (no stored waits to compare). */
export async function addNewWaits(trx: Db, conversations: ReadonlyArray<ConversationWaits & { messages: readonly WaitMessage[] }>): Promise<void> {
  const rows: unknown[][] = [];
  for (const c of conversations) for (const wait of waitsOf(c.messages)) rows.push([c.conversationId, c.accountId, wait.startedAt, wait.endedAt]);
  await insertWaits.run(trx, rows);
}

/** Recomputes a conversation's waits from the messages the store holds now. */
export async function refreshWaits(trx: Db, conversationId: number, accountId: number): Promise<void> {
  await refreshWaitsOf(trx, [{ conversationId, accountId }]);
}

/** Recomputes the waits of these conversations from the messages the store holds now. */
export async function refreshWaitsOf(trx: Db, conversations: readonly ConversationWaits[]): Promise<void> {
  if (conversations.length === 0) return;
  const ids = conversations.map((c) => c.conversationId);
  const messages = await trx
    .selectFrom('messages')
    .select(['conversation_id', 'id', 'sender_type as senderType', 'status', 'sent_at as sentAt'])
    .where(inValues(trx, 'conversation_id', ids))
    .where('sender_type', 'in', ['CUSTOMER_USER', 'SHOP_USER'])
    .orderBy('conversation_id')
    .orderBy('sent_at')
    .orderBy('id')
    .execute();
  const stored = await trx
    .selectFrom('waits')
    .select(['conversation_id', 'started_at as startedAt', 'ended_at as endedAt'])
    .where(inValues(trx, 'conversation_id', ids))
    .orderBy('conversation_id')
    .orderBy('started_at')
    .orderBy('ended_at')
    .execute();
  const messagesOf = groupByConversation<WaitMessage>(messages);
  const storedOf = groupByConversation<Wait>(stored);
  const stale: ConversationWaits[] = [];
  const rows: unknown[][] = [];
  for (const c of conversations) {
    const waits = waitsOf(messagesOf.get(c.conversationId) ?? []);
    if (sameWaits(waits, storedOf.get(c.conversationId) ?? [])) continue;
    stale.push(c);
    for (const wait of waits) rows.push([c.conversationId, c.accountId, wait.startedAt, wait.endedAt]);
  }
  if (stale.length === 0) return;
  await trx
    .deleteFrom('waits')
    .where(inValues(trx, 'conversation_id', stale.map((c) => c.conversationId)))
    .execute();
  await insertWaits.run(trx, rows);
}

/** Recomputes the waits of every conversation (e.g. after rows were written without the writers). */
export async function rebuildAllWaits(trx: Db): Promise<void> {
  const conversations = await trx.selectFrom('conversations').select(['id as conversationId', 'account_id as accountId']).execute();
  // A few hundred at a time: each batch reads its conversations' messages at once.
  for (let i = 0; i < conversations.length; i += 500) await refreshWaitsOf(trx, conversations.slice(i, i + 500));
}

function groupByConversation<T>(rows: ReadonlyArray<T & { conversation_id: number }>): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const { conversation_id: id, ...row } of rows) {
    const group = groups.get(id);
    if (group) group.push(row as unknown as T);
    else groups.set(id, [row as unknown as T]);
  }
  return groups;
}
