// Writes synced threads into the store. This is the sync's hot path (hundreds of
// thousands of rows on a first sync), so it uses prepared statements on the raw
// connection rather than building a Kysely query per row. Callers run it inside
// Store.transaction so a page lands whole or not at all.
import type BetterSqlite3 from 'better-sqlite3';
import type { MappedThread } from '../sync/map-thread';
import { previewOf } from '../sync/body-text';
import { REASON_CODE_TOPIC, topicSubject } from '../mirakl/topic-subject';
import { SearchIndexWriter } from './search-index';
import { WaitsWriter } from './waits';

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

type Statement = BetterSqlite3.Statement;

export class ThreadWriter {
  private readonly findConversation: Statement;
  private readonly insertConversation: Statement;
  private readonly updateConversation: Statement;
  private readonly refreshConversation: Statement;
  private readonly upsertCustomer: Statement;
  private readonly findMessage: Statement;
  private readonly insertMessage: Statement;
  private readonly updateMessage: Statement;
  private readonly adoptLocalReply: Statement;
  private readonly insertAttachment: Statement;
  private readonly recountMessages: Statement;
  private readonly selectVersions: Statement;
  private readonly selectReasonLabels: Statement;
  /**
   * Customers written during the current write() call (one page, one transaction): threads of a
   * page often share customers. Cleared per call, since a rolled-back page takes its rows along.
   */
  private readonly knownCustomers = new Map<string, { id: number; name: string }>();
  private readonly search: SearchIndexWriter;
  private readonly waits: WaitsWriter;

  constructor(private readonly sqlite: BetterSqlite3.Database) {
    this.search = new SearchIndexWriter(sqlite);
    this.waits = new WaitsWriter(sqlite);
    this.findConversation = sqlite.prepare(
      'SELECT id, mirakl_updated_at AS updatedAt FROM conversations WHERE account_id = ? AND mirakl_thread_id = ?',
    );
    this.insertConversation = sqlite.prepare(
      `INSERT INTO conversations (account_id, mirakl_thread_id, customer_id, order_id, subject, topic_type, topic_value,
         last_message_at, last_message_preview, message_count, unread_count, reply_needed_since, mirakl_updated_at, created_at, updated_at)
       VALUES (@accountId, @miraklThreadId, @customerId, @orderId, @subject, @topicType, @topicValue, @lastMessageAt, @preview,
         @messageCount, @unread, @replyNeededSince, @updatedAt, @createdAt, @now)`,
    );
    this.updateConversation = sqlite.prepare(
      `UPDATE conversations SET customer_id = coalesce(@customerId, customer_id), order_id = coalesce(@orderId, order_id),
         subject = @subject, topic_type = @topicType, topic_value = @topicValue, reply_needed_since = @replyNeededSince,
         mirakl_updated_at = @updatedAt,
         updated_at = @now
       WHERE id = @id`,
    );
    // Derived columns, recomputed from the messages the store holds (a local pending reply counts too).
    this.refreshConversation = sqlite.prepare(
      `UPDATE conversations SET
         message_count = (SELECT count(*) FROM messages WHERE conversation_id = @id),
         last_message_at = max(@lastMessageAt, coalesce((SELECT max(sent_at) FROM messages WHERE conversation_id = @id), 0)),
         last_message_preview = coalesce(@preview, last_message_preview),
         unread_count = unread_count + @newUnread
       WHERE id = @id`,
    );
    this.upsertCustomer = sqlite.prepare(
      `INSERT INTO customers (account_id, mirakl_customer_id, name, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (account_id, mirakl_customer_id) DO UPDATE SET
         name = CASE WHEN excluded.name = '' THEN customers.name ELSE excluded.name END, updated_at = excluded.updated_at
       RETURNING id`,
    );
    this.findMessage = sqlite.prepare('SELECT id, body, sent_at AS sentAt FROM messages WHERE conversation_id = ? AND mirakl_message_id = ?');
    this.insertMessage = sqlite.prepare(
      `INSERT INTO messages (account_id, conversation_id, mirakl_message_id, direction, sender_type, sender_name, body, body_text,
         sent_at, status, error, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'delivered', NULL, ?)
       ON CONFLICT DO NOTHING`,
    );
    this.updateMessage = sqlite.prepare(
      `UPDATE messages SET sender_type = ?, sender_name = ?, body = ?, body_text = ?, sent_at = ?, status = 'delivered', error = NULL
       WHERE id = ?`,
    );
    // A reply sent from here whose answer was lost: Mirakl now shows it; adopt the local row instead of adding a copy.
    // Only a reply whose posting may have reached Mirakl (its outbox records an attempt started or of unknown
    // outcome, no earlier than 5 minutes of clock skew before Mirakl's date): a reply not yet sent must not be
    // swallowed by an identical text posted elsewhere (e.g. from Mirakl's back office).
    this.adoptLocalReply = sqlite.prepare(
      `UPDATE messages SET mirakl_message_id = @miraklId, sent_at = @sentAt, status = 'delivered', error = NULL
       WHERE id = (SELECT m.id FROM messages m JOIN outbox o ON o.message_id = m.id
                   WHERE m.conversation_id = @conversationId AND m.mirakl_message_id IS NULL AND m.direction = 'outbound'
                     AND m.status != 'failed' AND m.body = @body
                     AND (o.unknown_since IS NOT NULL OR o.last_outcome IN ('started', 'unknown'))
                     AND coalesce(o.unknown_since, o.last_attempt_at, 0) <= @sentAt + 300000
                   ORDER BY m.id LIMIT 1)
       RETURNING id`,
    );
    this.selectVersions = sqlite.prepare(
      `SELECT mirakl_thread_id AS id, mirakl_updated_at AS updatedAt FROM conversations
       WHERE account_id = ? AND mirakl_thread_id IN (SELECT value FROM json_each(?))`,
    );
    this.selectReasonLabels = sqlite.prepare('SELECT code, label FROM message_reasons WHERE account_id = ?');
    this.recountMessages = sqlite.prepare(
      'UPDATE conversations SET message_count = (SELECT count(*) FROM messages WHERE conversation_id = ?) WHERE id = ?',
    );
    this.insertAttachment = sqlite.prepare(
      'INSERT INTO attachments (message_id, mirakl_attachment_id, name, size) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
  }

  /** Mirakl's date_updated of the threads the store already holds, by thread id (one query per page). */
  knownVersions(accountId: number, threadIds: readonly string[]): Map<string, number> {
    if (threadIds.length === 0) return new Map();
    const rows = this.selectVersions.all(accountId, JSON.stringify(threadIds)) as Array<{ id: string; updatedAt: number }>;
    return new Map(rows.map((r) => [r.id, r.updatedAt]));
  }

  /**
   * Upserts threads, their customers, messages and attachments, and indexes the new ones for
   * search. Call inside a transaction. `changed` receives the ids of conversations created or updated.
   */
  write(accountId: number, threads: readonly MappedThread[], options: WriteOptions, changed: number[] = []): WriteStats {
    const stats: WriteStats = { newThreads: 0, updatedThreads: 0, unchangedThreads: 0, newMessages: 0 };
    this.knownCustomers.clear();
    const labels = this.reasonLabels(accountId, threads);
    try {
      for (const thread of threads) {
        const id = this.writeThread(accountId, thread, labels, options, stats);
        if (id !== null) changed.push(id);
      }
      this.search.flush();
    } catch (error) {
      this.search.discard(); // the caller's transaction rolls back those rows
      throw error;
    }
    return stats;
  }

  /** The account's reason labels, read once per call, only when some thread has a REASON_CODE topic. */
  private reasonLabels(accountId: number, threads: readonly MappedThread[]): ReadonlyMap<string, string> {
    if (!threads.some((t) => t.topicType === REASON_CODE_TOPIC)) return new Map();
    const rows = this.selectReasonLabels.all(accountId) as Array<{ code: string; label: string }>;
    return new Map(rows.map((r) => [r.code, r.label]));
  }

  private writeThread(
    accountId: number,
    thread: MappedThread,
    labels: ReadonlyMap<string, string>,
    options: WriteOptions,
    stats: WriteStats,
  ): number | null {
    const { now } = options;
    const existing = this.findConversation.get(accountId, thread.miraklThreadId) as { id: number; updatedAt: number } | undefined;
    // Re-delivered by the overlap window and unchanged since: nothing to do.
    if (existing && existing.updatedAt === thread.updatedAt) {
      stats.unchangedThreads++;
      return null;
    }
    const customerId = thread.customer ? this.customerId(accountId, thread.customer, now) : null;
    const last = thread.messages.at(-1);
    const row = {
      accountId,
      miraklThreadId: thread.miraklThreadId,
      customerId,
      orderId: thread.orderId,
      subject: labels.size > 0 ? topicSubject({ type: thread.topicType, value: thread.topicValue }, labels.get(thread.topicValue)) : thread.subject,
      topicType: thread.topicType,
      topicValue: thread.topicValue,
      lastMessageAt: Math.max(thread.lastMessageAt, last?.sentAt ?? 0),
      replyNeededSince: thread.replyNeededSince,
      updatedAt: thread.updatedAt,
      createdAt: thread.createdAt,
      now,
    };

    if (!existing) {
      // A thread new to the store: its derived columns are known before its messages are written.
      let unread = 0;
      for (const m of thread.messages) if (m.direction === 'inbound' && countsAsUnread(m.sentAt, thread, options.firstPass)) unread++;
      const conversationId = Number(
        this.insertConversation.run({ ...row, preview: last ? messagePreview(last) : '', messageCount: thread.messages.length, unread }).lastInsertRowid,
      );
      this.search.addConversation(conversationId);
      let inserted = 0;
      for (const message of thread.messages) if (this.addMessage(accountId, conversationId, message, now)) inserted++;
      // A message id Mirakl listed twice in the thread was stored once: count what was actually stored.
      if (inserted !== thread.messages.length) {
        this.recountMessages.run(conversationId, conversationId);
        this.waits.refresh(conversationId, accountId);
      } else {
        // Mapped messages come in (sent_at, Mirakl id) order, which is also their insertion (id) order.
        this.waits.addNew(conversationId, accountId, thread.messages.map((m, i) => ({ id: i, senderType: m.senderType, status: 'delivered', sentAt: m.sentAt })));
      }
      stats.newThreads++;
      stats.newMessages += inserted;
      return conversationId;
    }

    const conversationId = existing.id;
    this.updateConversation.run({ ...row, id: conversationId });
    stats.updatedThreads++;
    let newUnread = 0;
    for (const message of thread.messages) {
      if (!this.upsertMessage(accountId, conversationId, message, now)) continue;
      stats.newMessages++;
      if (message.direction === 'inbound' && countsAsUnread(message.sentAt, thread, options.firstPass)) newUnread++;
    }
    this.refreshConversation.run({
      id: conversationId,
      lastMessageAt: row.lastMessageAt,
      preview: last ? messagePreview(last) : null,
      newUnread,
    });
    this.waits.refresh(conversationId, accountId);
    return conversationId;
  }

  private customerId(accountId: number, customer: { miraklId: string; name: string }, now: number): number {
    const key = `${accountId}/${customer.miraklId}`;
    const known = this.knownCustomers.get(key);
    if (known && known.name === customer.name) return known.id;
    const { id } = this.upsertCustomer.get(accountId, customer.miraklId, customer.name, now, now) as { id: number };
    this.knownCustomers.set(key, { id, name: customer.name });
    return id;
  }

  /** A message of a conversation new to the store: it cannot exist yet. Returns true when inserted. */
  private addMessage(accountId: number, conversationId: number, m: MappedThread['messages'][number], now: number): boolean {
    // run() and lastInsertRowid: RETURNING costs a quarter of a first sync's storage time.
    const inserted = this.insertMessage.run(
      accountId, conversationId, m.miraklMessageId, m.direction, m.senderType, m.senderName, m.body, m.bodyText, m.sentAt, now,
    );
    if (inserted.changes === 0) return false; // already stored (listed twice)
    const id = Number(inserted.lastInsertRowid);
    this.search.addMessage(id, m.bodyText);
    this.addAttachments(conversationId, id, m.attachments);
    return true;
  }

  /** Stores a message's attachments; their names are searched with the conversation. */
  private addAttachments(conversationId: number, messageId: number, attachments: MappedThread['messages'][number]['attachments']): void {
    let added = false;
    for (const a of attachments) if (this.insertAttachment.run(messageId, a.miraklAttachmentId, a.name, a.size).changes > 0) added = true;
    if (added) this.search.addAttachments(conversationId);
  }

  /** A message of a known conversation: update in place, adopt a local reply, or insert. True when new. */
  private upsertMessage(accountId: number, conversationId: number, m: MappedThread['messages'][number], now: number): boolean {
    const found = this.findMessage.get(conversationId, m.miraklMessageId) as { id: number; body: string; sentAt: number } | undefined;
    if (found) {
      // Mirakl's time wins too: a reply delivered from here carries the time it was accepted until Mirakl returns it.
      if (found.body !== m.body || found.sentAt !== m.sentAt) {
        this.search.flush(); // the message may have been inserted by this page and not be indexed yet
        this.updateMessage.run(m.senderType, m.senderName, m.body, m.bodyText, m.sentAt, found.id);
      }
      this.addAttachments(conversationId, found.id, m.attachments);
      return false;
    }
    if (m.direction === 'outbound') {
      const adopted = this.adoptLocalReply.get({ miraklId: m.miraklMessageId, sentAt: m.sentAt, conversationId, body: m.body }) as
        | { id: number }
        | undefined;
      if (adopted) {
        this.addAttachments(conversationId, adopted.id, m.attachments);
        return false;
      }
    }
    return this.addMessage(accountId, conversationId, m, now);
  }
}

/** A message's line in the list: its text, or the files it carries when it has none (a file sent alone). */
function messagePreview(m: MappedThread['messages'][number]): string {
  const text = previewOf(m.bodyText);
  if (text !== '' || m.attachments.length === 0) return text;
  return previewOf(`Attachment: ${m.attachments.map((a) => a.name).join(', ')}`);
}

function countsAsUnread(sentAt: number, thread: MappedThread, firstPass: boolean): boolean {
  if (!firstPass) return true;
  return thread.replyNeededSince !== null && sentAt >= thread.replyNeededSince;
}
