// Reading messages with their attachments, and the attachment cache's bookkeeping.
// Replies being sent are written by db/outbox.
import type { Kysely } from 'kysely';
import type { AttachmentRow, Database, MessageRow, OutboxFileRow } from './schema';

export interface MessageWithAttachments {
  message: MessageRow;
  attachments: AttachmentRow[];
  /** A reply's own files (db/outbox-files), shown until Mirakl's copies are in `attachments`. */
  outboxFiles: OutboxFileRow[];
}

/** A conversation's messages, oldest first (the messages_thread index order). */
export async function messagesOfConversation(db: Kysely<Database>, conversationId: number): Promise<MessageWithAttachments[]> {
  const messages = await db
    .selectFrom('messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .orderBy('sent_at')
    .orderBy('id')
    .execute();
  const attachments = await db
    .selectFrom('attachments as a')
    .innerJoin('messages as m', 'm.id', 'a.message_id')
    .selectAll('a')
    .where('m.conversation_id', '=', conversationId)
    .orderBy('a.id')
    .execute();
  const files = await db
    .selectFrom('outbox_files as f')
    .innerJoin('messages as m', 'm.id', 'f.message_id')
    .selectAll('f')
    .where('m.conversation_id', '=', conversationId)
    .orderBy('f.message_id')
    .orderBy('f.position')
    .execute();
  return groupAttachments(messages, attachments, files);
}

export async function messagesByIds(db: Kysely<Database>, ids: readonly number[]): Promise<MessageWithAttachments[]> {
  if (ids.length === 0) return [];
  const messages = await db.selectFrom('messages').selectAll().where('id', 'in', [...ids]).orderBy('sent_at').orderBy('id').execute();
  const attachments = await db.selectFrom('attachments').selectAll().where('message_id', 'in', [...ids]).orderBy('id').execute();
  const files = await db.selectFrom('outbox_files').selectAll().where('message_id', 'in', [...ids]).orderBy('message_id').orderBy('position').execute();
  return groupAttachments(messages, attachments, files);
}

export async function findMessage(db: Kysely<Database>, id: number): Promise<MessageWithAttachments | undefined> {
  const [found] = await messagesByIds(db, [id]);
  return found;
}

/** Ids of the messages of these conversations newer than `afterId`, or among `alsoIds` (for live events). */
export async function changedMessageIds(
  db: Kysely<Database>,
  conversationIds: readonly number[],
  afterId: number,
  alsoIds: readonly number[],
): Promise<number[]> {
  if (conversationIds.length === 0) return [];
  const rows = await db
    .selectFrom('messages')
    .select('id')
    .where('conversation_id', 'in', [...conversationIds])
    .where((eb) => (alsoIds.length > 0 ? eb.or([eb('id', '>', afterId), eb('id', 'in', [...alsoIds])]) : eb('id', '>', afterId)))
    .execute();
  return rows.map((r) => r.id);
}

/** Replies of these conversations still listing their own files: a sync may just have brought Mirakl's copies. */
export async function messagesWithOutboxFiles(db: Kysely<Database>, conversationIds: readonly number[]): Promise<number[]> {
  if (conversationIds.length === 0) return [];
  const rows = await db
    .selectFrom('outbox_files as f')
    .innerJoin('messages as m', 'm.id', 'f.message_id')
    .select('m.id')
    .distinct()
    .where('m.conversation_id', 'in', [...conversationIds])
    .execute();
  return rows.map((r) => r.id);
}

export async function maxMessageId(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('messages').select((eb) => eb.fn.max('id').as('max')).executeTakeFirst();
  return Number(row?.max ?? 0);
}

/** Replies of an account not yet accepted by Mirakl (their status may still change under a sync). */
export async function unsentReplyIds(db: Kysely<Database>, accountId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('messages')
    .select('id')
    .where('account_id', '=', accountId)
    .where('mirakl_message_id', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}

export interface AttachmentSource {
  attachment: AttachmentRow;
  accountId: number;
}

export async function findAttachment(db: Kysely<Database>, id: number): Promise<AttachmentSource | undefined> {
  const row = await db
    .selectFrom('attachments as a')
    .innerJoin('messages as m', 'm.id', 'a.message_id')
    .selectAll('a')
    .select('m.account_id')
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const { account_id: accountId, ...attachment } = row;
  return { attachment, accountId };
}

/** Records where an attachment's bytes are cached (relative to the data folder), or forgets it (null). */
export async function setAttachmentCache(db: Kysely<Database>, id: number, localPath: string | null, contentType: string | null): Promise<void> {
  await db.updateTable('attachments').set({ local_path: localPath, content_type: contentType }).where('id', '=', id).execute();
}

function groupAttachments(messages: MessageRow[], attachments: AttachmentRow[], files: OutboxFileRow[]): MessageWithAttachments[] {
  const byMessage = groupBy(attachments);
  const filesByMessage = groupBy(files);
  return messages.map((message) => ({ message, attachments: byMessage.get(message.id) ?? [], outboxFiles: filesByMessage.get(message.id) ?? [] }));
}

function groupBy<T extends { message_id: number }>(rows: readonly T[]): Map<number, T[]> {
  const byMessage = new Map<number, T[]>();
  for (const row of rows) {
    const list = byMessage.get(row.message_id);
    if (list) list.push(row);
    else byMessage.set(row.message_id, [row]);
  }
  return byMessage;
}

/**
 * The name Mirakl gave the shop's last delivered reply in this conversation: who a reply
 * written here is from until Mirakl returns it. Null when the shop never replied there.
 */
export async function lastShopSignature(db: Kysely<Database>, conversationId: number): Promise<string | null> {
  const row = await db
    .selectFrom('messages')
    .select('sender_name')
    .where('conversation_id', '=', conversationId)
    .where('direction', '=', 'outbound')
    .where('status', '=', 'delivered')
    .where('mirakl_message_id', 'is not', null)
    .orderBy('sent_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.sender_name ?? null;
}
