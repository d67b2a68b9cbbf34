// A conversation's local marks, which Mirakl never hears of: snoozed, done, marked unread.
// Each is one statement on the conversation's own columns, which the sync never writes, so
// they survive restarts and re-syncs. A message received after a snooze or a "done" ends
// it: the sweep below compares the messages' local arrival time (created_at) with the mark.
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database } from './schema';

export interface SnoozeValues {
  until: number | null;
  wakeAt: number | null;
  now: number;
}

/** False when the conversation does not exist. */
export async function snoozeConversation(db: Kysely<Database>, id: number, snooze: SnoozeValues): Promise<boolean> {
  const result = await db
    .updateTable('conversations')
    .set({ snoozed_at: snooze.now, snooze_until: snooze.until, snooze_wake_at: snooze.wakeAt, updated_at: snooze.now })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function unsnoozeConversation(db: Kysely<Database>, id: number, now: number): Promise<boolean> {
  const result = await db
    .updateTable('conversations')
    .set({ snoozed_at: null, snooze_until: null, snooze_wake_at: null, updated_at: now })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Marks done (now) or undoes it (null). */
export async function setDone(db: Kysely<Database>, id: number, doneAt: number | null, now: number): Promise<boolean> {
  const result = await db.updateTable('conversations').set({ done_at: doneAt, updated_at: now }).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Unread again: one unread message if none was (the count grows with the messages that arrive). */
export async function markUnread(db: Kysely<Database>, id: number, now: number): Promise<boolean> {
  const result = await db
    .updateTable('conversations')
    .set({ unread_count: sql<number>`CASE WHEN unread_count > 0 THEN unread_count ELSE 1 END`, updated_at: now })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Snoozes whose time has come end; returns their conversations. */
export async function wakeDueSnoozes(db: Kysely<Database>, now: number): Promise<number[]> {
  const rows = await db
    .updateTable('conversations')
    .set({ snoozed_at: null, snooze_until: null, snooze_wake_at: null, updated_at: now })
    .where(sql<SqlBool>`snoozed_at IS NOT NULL`)
    .where('snooze_wake_at', '<=', now)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

const receivedAfter = (column: 'snoozed_at' | 'done_at') =>
  sql<SqlBool>`EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = conversations.id
    AND m.direction = 'inbound' AND m.created_at > conversations.${sql.ref(column)})`;

/**
 * Snoozes and "done" marks a message received since ends, among `conversationIds` (a sync
 * page's), or among all marked conversations (null). Returns the conversations changed.
 */
export async function endMarksOnNewMessages(db: Kysely<Database>, conversationIds: readonly number[] | null, now: number): Promise<number[]> {
  if (conversationIds !== null && conversationIds.length === 0) return [];
  let woken = db
    .updateTable('conversations')
    .set({ snoozed_at: null, snooze_until: null, snooze_wake_at: null, updated_at: now })
    .where(sql<SqlBool>`snoozed_at IS NOT NULL`)
    .where(receivedAfter('snoozed_at'));
  let undone = db
    .updateTable('conversations')
    .set({ done_at: null, updated_at: now })
    .where(sql<SqlBool>`done_at IS NOT NULL`)
    .where(receivedAfter('done_at'));
  if (conversationIds !== null) {
    woken = woken.where('id', 'in', [...conversationIds]);
    undone = undone.where('id', 'in', [...conversationIds]);
  }
  const ids = new Set<number>();
  for (const row of await woken.returning('id').execute()) ids.add(row.id);
  for (const row of await undone.returning('id').execute()) ids.add(row.id);
  return [...ids];
}

/** The earliest time a snooze ends on its own, or null. */
export async function nextSnoozeWake(db: Kysely<Database>): Promise<number | null> {
  const row = await db
    .selectFrom('conversations')
    .select((eb) => eb.fn.min('snooze_wake_at').as('next'))
    .where(sql<SqlBool>`snoozed_at IS NOT NULL`)
    .executeTakeFirst();
  return row?.next == null ? null : Number(row.next);
}
