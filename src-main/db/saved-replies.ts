// Saved replies, in the technician's order. Every write is a single statement (atomic on
// its own, no transaction to hold), and the order tolerates gaps and ties: a list is read
// by (position, id) and each reply's place is its rank in that list.
import { sql, type Kysely } from 'kysely';
import type { Database, SavedReplyRow } from './schema';

export interface SavedReplyFields {
  name: string;
  body: string;
  language: string | null;
  accountId: number | null;
}

/** A saved reply with its 0-based place in the list. */
export interface RankedSavedReply extends SavedReplyRow {
  rank: number;
}

export async function listSavedReplies(db: Kysely<Database>): Promise<RankedSavedReply[]> {
  const rows = await db.selectFrom('saved_replies').selectAll().orderBy('position').orderBy('id').execute();
  return rows.map((row, rank) => ({ ...row, rank }));
}

export async function findSavedReply(db: Kysely<Database>, id: number): Promise<RankedSavedReply | undefined> {
  return (await listSavedReplies(db)).find((r) => r.id === id);
}

/** Adds a reply at the end of the list. */
export async function insertSavedReply(db: Kysely<Database>, fields: SavedReplyFields, now: number): Promise<number> {
  const row = await db
    .insertInto('saved_replies')
    .values({
      name: fields.name,
      body: fields.body,
      language: fields.language,
      account_id: fields.accountId,
      position: sql<number>`(SELECT coalesce(max(position) + 1, 0) FROM saved_replies)`,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Adds several replies after the existing ones, in the given order, in one statement (all or none). */
export async function insertSavedReplies(db: Kysely<Database>, replies: readonly SavedReplyFields[], now: number): Promise<void> {
  if (replies.length === 0) return;
  const start = await db
    .selectFrom('saved_replies')
    .select(sql<number>`coalesce(max(position) + 1, 0)`.as('next'))
    .executeTakeFirstOrThrow();
  await db
    .insertInto('saved_replies')
    .values(
      replies.map((r, i) => ({
        name: r.name,
        body: r.body,
        language: r.language,
        account_id: r.accountId,
        position: Number(start.next) + i,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
}

/** Changes the given fields; false when the reply does not exist. */
export async function updateSavedReply(db: Kysely<Database>, id: number, fields: Partial<SavedReplyFields>, now: number): Promise<boolean> {
  const result = await db
    .updateTable('saved_replies')
    .set({
      ...(fields.name !== undefined ? { name: fields.name } : {}),
      ...(fields.body !== undefined ? { body: fields.body } : {}),
      ...(fields.language !== undefined ? { language: fields.language } : {}),
      ...(fields.accountId !== undefined ? { account_id: fields.accountId } : {}),
      updated_at: now,
    })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Moves a reply to a 0-based place (clamped to the list); the others keep their order. One statement renumbers them all. */
export async function moveSavedReply(db: Kysely<Database>, id: number, to: number): Promise<boolean> {
  const ids = (await listSavedReplies(db)).map((r) => r.id);
  const from = ids.indexOf(id);
  if (from === -1) return false;
  ids.splice(from, 1);
  ids.splice(Math.max(0, Math.min(to, ids.length)), 0, id);
  const ranks = sql.join(ids.map((replyId, rank) => sql`WHEN ${replyId} THEN ${rank}`), sql` `);
  await sql`UPDATE saved_replies SET position = CASE id ${ranks} ELSE position END`.execute(db);
  return true;
}

export async function deleteSavedReply(db: Kysely<Database>, id: number): Promise<boolean> {
  const result = await db.deleteFrom('saved_replies').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function countSavedReplies(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('saved_replies').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
