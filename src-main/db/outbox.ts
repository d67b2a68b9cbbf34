// Replies on their way to Mirakl. A reply is a messages row (pending until Mirakl accepts
// it, failed when Mirakl refuses it) plus an outbox row recording every attempt. Each
// state change below is one synchronous transaction written BEFORE the step it enables,
// so whenever the process dies the store says what may have happened:
//
//   enqueueReply ─► claimReply ─► [M10 check if unknown_since] ─► recordAttemptStarted ─► M12
//        M12 answered 201 ─► recordDelivered            (message delivered, outbox row gone)
//        outcome unknown  ─► recordUnknown              (next attempt reads the thread first)
//        429 / offline    ─► recordRetryLater           (backoff)
//        4xx              ─► recordRefused              (message failed with Mirakl's reason)
//   a row left 'started' by a dead process is claimed as 'unknown'.
//
// A reply's files are copied beside the database (<dataDir>/outbox/…) before enqueueReply,
// which lists them in outbox_files in the same transaction as the reply: every attempt
// sends all of them, from disk.
import { previewOf } from '../sync/body-text';
import type { Store } from './open';
import { SearchIndexWriter } from './search-index';
import { WaitsWriter } from './waits';
import type { OutboxOutcome } from './schema';

export type Recipient = 'customer' | 'operator';

/** Mirakl's sender type for the shop's own users: what a reply is once on Mirakl. */
export const SHOP_SENDER_TYPE = 'SHOP_USER';

/** A file a reply carries, already copied into the outbox folder. */
export interface ReplyFile {
  name: string;
  size: number;
  contentType: string;
  /** Relative to the data folder. */
  path: string;
}

export interface NewReply {
  accountId: number;
  conversationId: number;
  body: string;
  bodyText: string;
  senderName: string;
  recipient: Recipient;
  now: number;
  /** In the order they are sent. */
  files?: readonly ReplyFile[];
  /** Uploads the reply took its files from: they are used up with it. */
  usedUploadIds?: readonly number[];
}

/** Stores a reply as pending, with its outbox row, before anything is sent. Returns the message id. */
export function enqueueReply(store: Store, reply: NewReply): number {
  return store.transaction(() => {
    const { id } = store.sqlite
      .prepare(
        `INSERT INTO messages (account_id, conversation_id, mirakl_message_id, direction, sender_type, sender_name, body, body_text,
           sent_at, status, error, created_at)
         VALUES (?, ?, NULL, 'outbound', ?, ?, ?, ?, ?, 'pending', NULL, ?)
         RETURNING id`,
      )
      .get(reply.accountId, reply.conversationId, SHOP_SENDER_TYPE, reply.senderName, reply.body, reply.bodyText, reply.now, reply.now) as {
      id: number;
    };
    const search = new SearchIndexWriter(store.sqlite);
    search.addMessage(id, reply.bodyText);
    search.flush();
    store.sqlite
      .prepare('INSERT INTO outbox (message_id, recipient, attempts, next_attempt_at, created_at) VALUES (?, ?, 0, ?, ?)')
      .run(id, reply.recipient, reply.now, reply.now);
    const insertFile = store.sqlite.prepare(
      'INSERT INTO outbox_files (message_id, position, name, size, content_type, path, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    (reply.files ?? []).forEach((file, position) => insertFile.run(id, position, file.name, file.size, file.contentType, file.path, reply.now));
    const deleteUpload = store.sqlite.prepare('DELETE FROM uploads WHERE id = ?');
    for (const uploadId of reply.usedUploadIds ?? []) deleteUpload.run(uploadId);
    // Answering a conversation reads it; it moves to the top of the list.
    store.sqlite
      .prepare(
        `UPDATE conversations SET message_count = message_count + 1, last_message_at = max(last_message_at, ?),
           last_message_preview = ?, unread_count = 0, updated_at = ?
         WHERE id = ?`,
      )
      .run(reply.now, previewOf(reply.bodyText), reply.now, reply.conversationId);
    return id;
  });
}

/** What an attempt needs to know, read when the row is claimed. */
export interface ClaimedReply {
  messageId: number;
  accountId: number;
  conversationId: number;
  miraklThreadId: string;
  /** The thread's customer on Mirakl (M12's CUSTOMER recipient); null on a thread without one. */
  customerMiraklId: string | null;
  body: string;
  recipient: Recipient;
  attempts: number;
  /** Set: an earlier attempt may have reached Mirakl; read the thread before posting. */
  unknownSince: number | null;
  /** Sent with every attempt, in this order. */
  files: ReplyFile[];
}

export interface Lease {
  /** This process's outbox ("host|pid|random"). */
  owner: string;
  now: number;
  leaseMs: number;
  /** Whether the process that owns another lease still runs (a dead one's lease is void). */
  isOwnerAlive(owner: string): boolean;
}

interface ClaimRow {
  recipient: Recipient;
  attempts: number;
  last_attempt_at: number | null;
  last_outcome: OutboxOutcome | null;
  unknown_since: number | null;
  lease_owner: string | null;
  lease_until: number | null;
  account_id: number;
  conversation_id: number;
  body: string;
  status: string;
  mirakl_thread_id: string;
  customer_mirakl_id: string | null;
}

/**
 * Takes a pending reply for one attempt, unless another live process holds it. An attempt
 * recorded as started but never finished (the process died during M12) is unknown now.
 */
export function claimReply(store: Store, messageId: number, lease: Lease): ClaimedReply | null {
  return store.transaction(() => {
    const row = store.sqlite
      .prepare(
        `SELECT o.recipient, o.attempts, o.last_attempt_at, o.last_outcome, o.unknown_since, o.lease_owner, o.lease_until,
           m.account_id, m.conversation_id, m.body, m.status, c.mirakl_thread_id, cu.mirakl_customer_id AS customer_mirakl_id
         FROM outbox o
         JOIN messages m ON m.id = o.message_id
         JOIN conversations c ON c.id = m.conversation_id
         LEFT JOIN customers cu ON cu.id = c.customer_id
         WHERE o.message_id = ?`,
      )
      .get(messageId) as ClaimRow | undefined;
    if (!row || row.status !== 'pending') return null;
    const heldElsewhere =
      row.lease_owner !== null && row.lease_owner !== lease.owner && (row.lease_until ?? 0) > lease.now && lease.isOwnerAlive(row.lease_owner);
    if (heldElsewhere) return null;
    let unknownSince = row.unknown_since;
    let outcome = row.last_outcome;
    if (outcome === 'started') {
      unknownSince = unknownSince ?? row.last_attempt_at ?? lease.now;
      outcome = 'unknown';
    }
    store.sqlite
      .prepare('UPDATE outbox SET lease_owner = ?, lease_until = ?, last_outcome = ?, unknown_since = ? WHERE message_id = ?')
      .run(lease.owner, lease.now + lease.leaseMs, outcome, unknownSince, messageId);
    const files = store.sqlite
      .prepare('SELECT name, size, content_type AS contentType, path FROM outbox_files WHERE message_id = ? ORDER BY position')
      .all(messageId) as ReplyFile[];
    return {
      messageId,
      accountId: row.account_id,
      conversationId: row.conversation_id,
      miraklThreadId: row.mirakl_thread_id,
      customerMiraklId: row.customer_mirakl_id,
      body: row.body,
      recipient: row.recipient,
      attempts: row.attempts,
      unknownSince,
      files,
    };
  });
}

/** Written before M12 leaves: from here on, a crash means "may have been posted". False if the reply is no longer ours to send. */
export function recordAttemptStarted(store: Store, messageId: number, lease: Lease): boolean {
  return store.transaction(() => {
    const info = store.sqlite
      .prepare(
        `UPDATE outbox SET attempts = attempts + 1, last_outcome = 'started', last_attempt_at = ?, lease_until = ?
         WHERE message_id = ? AND lease_owner = ? AND EXISTS (SELECT 1 FROM messages WHERE id = ? AND status = 'pending')`,
      )
      .run(lease.now, lease.now + lease.leaseMs, messageId, lease.owner, messageId);
    return info.changes === 1;
  });
}

export type DeliveryResult =
  | { kind: 'delivered'; conversationId: number }
  /** The sync already stored Mirakl's copy under another row: that row is kept, this one removed. */
  | { kind: 'merged'; conversationId: number; keptMessageId: number }
  /** The reply no longer exists locally. */
  | { kind: 'gone' };

/** Mirakl holds the reply under this id: the message is delivered and leaves the outbox. */
export function recordDelivered(store: Store, messageId: number, miraklMessageId: string, now: number): DeliveryResult {
  return store.transaction((): DeliveryResult => {
    const message = store.sqlite
      .prepare('SELECT account_id, conversation_id, mirakl_message_id FROM messages WHERE id = ?')
      .get(messageId) as { account_id: number; conversation_id: number; mirakl_message_id: string | null } | undefined;
    if (!message) return { kind: 'gone' };
    const conversationId = message.conversation_id;
    const outbox = store.sqlite.prepare('SELECT recipient FROM outbox WHERE message_id = ?').get(messageId) as { recipient: Recipient } | undefined;
    const other = store.sqlite
      .prepare('SELECT id FROM messages WHERE conversation_id = ? AND mirakl_message_id = ? AND id != ?')
      .get(conversationId, miraklMessageId, messageId) as { id: number } | undefined;
    if (other) {
      store.sqlite.prepare('DELETE FROM messages WHERE id = ?').run(messageId);
      refreshAfterRemoval(store, conversationId, now);
      return { kind: 'merged', conversationId, keptMessageId: other.id };
    }
    if (message.mirakl_message_id === null) {
      // On Mirakl the reply dates from now, when it was accepted (not from when it was written, maybe
      // offline): that is when it ends the customer's wait. The next sync brings Mirakl's exact time.
      store.sqlite
        .prepare("UPDATE messages SET mirakl_message_id = ?, status = 'delivered', error = NULL, sent_at = max(sent_at, ?) WHERE id = ?")
        .run(miraklMessageId, now, messageId);
    }
    store.sqlite.prepare('DELETE FROM outbox WHERE message_id = ?').run(messageId);
    // Mirakl clears shop_reply_needed_since once the shop answered the customer; the next sync confirms it.
    if (outbox?.recipient !== 'operator') {
      store.sqlite.prepare('UPDATE conversations SET reply_needed_since = NULL, updated_at = ? WHERE id = ?').run(now, conversationId);
    }
    refreshTimes(store, conversationId, message.account_id, messageId);
    return { kind: 'delivered', conversationId };
  });
}

/** M12's outcome is unknown (timeout, reset, 5xx, cut answer): the next attempt reads the thread first. */
export function recordUnknown(store: Store, messageId: number, error: string, nextAttemptAt: number, now: number): void {
  store.transaction(() => {
    store.sqlite
      .prepare(
        `UPDATE outbox SET last_outcome = 'unknown', unknown_since = coalesce(unknown_since, last_attempt_at, ?), next_attempt_at = ?,
           lease_owner = NULL, lease_until = NULL
         WHERE message_id = ?`,
      )
      .run(now, nextAttemptAt, messageId);
    store.sqlite.prepare("UPDATE messages SET error = ? WHERE id = ? AND status = 'pending'").run(error, messageId);
  });
}

/**
 * Try again later. `outcome` 'transient' records an attempt Mirakl did not process (429);
 * null keeps the recorded outcome (the attempt never started: no connection, M10 failed).
 */
export function recordRetryLater(store: Store, messageId: number, error: string, nextAttemptAt: number, outcome: 'transient' | null): void {
  store.transaction(() => {
    store.sqlite
      .prepare(
        `UPDATE outbox SET last_outcome = coalesce(?, last_outcome), next_attempt_at = ?, lease_owner = NULL, lease_until = NULL
         WHERE message_id = ?`,
      )
      .run(outcome, nextAttemptAt, messageId);
    store.sqlite.prepare("UPDATE messages SET error = ? WHERE id = ? AND status = 'pending'").run(error, messageId);
  });
}

/** Mirakl refused the reply (4xx): it fails with Mirakl's reason until retried or discarded. */
export function recordRefused(store: Store, messageId: number, reason: string): void {
  store.transaction(() => {
    store.sqlite
      .prepare("UPDATE outbox SET last_outcome = 'refused', lease_owner = NULL, lease_until = NULL WHERE message_id = ?")
      .run(messageId);
    store.sqlite.prepare("UPDATE messages SET status = 'failed', error = ? WHERE id = ? AND status = 'pending'").run(reason, messageId);
  });
}

export interface OutboxState {
  messageId: number;
  conversationId: number;
  accountId: number;
  status: 'delivered' | 'pending' | 'failed';
  direction: 'inbound' | 'outbound';
  miraklMessageId: string | null;
  body: string;
  recipient: Recipient | null;
  attempts: number;
  lastOutcome: OutboxOutcome | null;
  lastAttemptAt: number | null;
  unknownSince: number | null;
  leaseOwner: string | null;
  leaseUntil: number | null;
}

/** A message and its outbox row, for retry and discard decisions. */
export function readOutboxState(store: Store, messageId: number): OutboxState | undefined {
  const row = store.sqlite
    .prepare(
      `SELECT m.id AS messageId, m.conversation_id AS conversationId, m.account_id AS accountId, m.status, m.direction,
         m.mirakl_message_id AS miraklMessageId, m.body, o.recipient, coalesce(o.attempts, 0) AS attempts, o.last_outcome AS lastOutcome,
         o.last_attempt_at AS lastAttemptAt, o.unknown_since AS unknownSince, o.lease_owner AS leaseOwner, o.lease_until AS leaseUntil
       FROM messages m LEFT JOIN outbox o ON o.message_id = m.id
       WHERE m.id = ?`,
    )
    .get(messageId) as OutboxState | undefined;
  return row;
}

/** Whether an attempt may have reached Mirakl without the store knowing its outcome. */
export function mayHaveReachedMirakl(state: Pick<OutboxState, 'lastOutcome' | 'unknownSince'>): boolean {
  return state.unknownSince !== null || state.lastOutcome === 'started' || state.lastOutcome === 'unknown';
}

/**
 * Queues a failed or pending reply for an attempt now, with a new body if given (the
 * caller has made sure no earlier attempt may have carried the old one). The backoff restarts.
 */
export function requeueReply(store: Store, messageId: number, edit: { body: string; bodyText: string } | null, now: number): void {
  store.transaction(() => {
    if (edit) {
      store.sqlite
        .prepare("UPDATE messages SET body = ?, body_text = ?, status = 'pending', error = NULL WHERE id = ?")
        .run(edit.body, edit.bodyText, messageId);
    } else {
      store.sqlite.prepare("UPDATE messages SET status = 'pending', error = NULL WHERE id = ?").run(messageId);
    }
    store.sqlite
      .prepare(
        `INSERT INTO outbox (message_id, recipient, attempts, next_attempt_at, created_at) VALUES (?, 'customer', 0, ?, ?)
         ON CONFLICT (message_id) DO UPDATE SET attempts = 0, next_attempt_at = excluded.next_attempt_at,
           last_outcome = CASE WHEN last_outcome IN ('refused', 'transient') THEN NULL ELSE last_outcome END`,
      )
      .run(messageId, now, now);
    if (edit) {
      const { conversation_id: conversationId } = store.sqlite.prepare('SELECT conversation_id FROM messages WHERE id = ?').get(messageId) as {
        conversation_id: number;
      };
      refreshPreview(store, conversationId);
    }
  });
}

/** Removes a reply Mirakl does not have. Returns its conversation, or null if it did not exist. */
export function discardReply(store: Store, messageId: number, now: number): number | null {
  return store.transaction(() => {
    const row = store.sqlite.prepare('SELECT conversation_id FROM messages WHERE id = ?').get(messageId) as { conversation_id: number } | undefined;
    if (!row) return null;
    store.sqlite.prepare('DELETE FROM messages WHERE id = ?').run(messageId);
    refreshAfterRemoval(store, row.conversation_id, now);
    return row.conversation_id;
  });
}

/**
 * A sync pass of this account just succeeded: Mirakl is reachable again, so its waiting
 * replies go now rather than at the end of their backoff. Replies whose last attempt had
 * an unknown outcome keep a settling delay, so a slow Mirakl finishes it before the thread is read.
 */
export function wakeAccountReplies(store: Store, accountId: number, now: number, settleMs: number): number {
  return store.transaction(() => {
    const info = store.sqlite
      .prepare(
        `UPDATE outbox SET next_attempt_at = ?
         WHERE next_attempt_at > ?
           AND NOT (last_outcome = 'unknown' AND coalesce(last_attempt_at, 0) > ?)
           AND message_id IN (SELECT id FROM messages WHERE account_id = ? AND status = 'pending')`,
      )
      .run(now, now, now - settleMs, accountId);
    return info.changes;
  });
}

export interface ReplyHead {
  messageId: number;
  nextAttemptAt: number;
  lastOutcome: OutboxOutcome | null;
  lastAttemptAt: number | null;
  leaseOwner: string | null;
  leaseUntil: number | null;
}

/**
 * The oldest pending reply of each conversation, soonest due first: replies of one
 * conversation go out in the order they were written, one at a time.
 */
export function replyHeads(store: Store, limit: number): ReplyHead[] {
  return store.sqlite
    .prepare(
      `SELECT o.message_id AS messageId, o.next_attempt_at AS nextAttemptAt, o.last_outcome AS lastOutcome,
         o.last_attempt_at AS lastAttemptAt, o.lease_owner AS leaseOwner, o.lease_until AS leaseUntil
       FROM outbox o JOIN messages m ON m.id = o.message_id
       WHERE m.status = 'pending'
         AND NOT EXISTS (SELECT 1 FROM messages p WHERE p.conversation_id = m.conversation_id AND p.status = 'pending' AND p.id < m.id)
       ORDER BY o.next_attempt_at, o.message_id
       LIMIT ?`,
    )
    .all(limit) as ReplyHead[];
}

/** Gives back the rows this process holds but is not working on (on stop). */
export function releaseLeases(store: Store, owner: string, keep: readonly number[]): void {
  store.transaction(() => {
    store.sqlite
      .prepare(
        `UPDATE outbox SET lease_owner = NULL, lease_until = NULL
         WHERE lease_owner = ? AND message_id NOT IN (SELECT value FROM json_each(?))`,
      )
      .run(owner, JSON.stringify(keep));
  });
}

/** Which of these Mirakl message ids the store already holds in the conversation. */
export function knownMiraklMessageIds(store: Store, conversationId: number, ids: readonly string[]): Set<string> {
  if (ids.length === 0) return new Set();
  const rows = store.sqlite
    .prepare('SELECT mirakl_message_id AS id FROM messages WHERE conversation_id = ? AND mirakl_message_id IN (SELECT value FROM json_each(?))')
    .all(conversationId, JSON.stringify(ids)) as Array<{ id: string }>;
  return new Set(rows.map((r) => r.id));
}

/** The conversation's list position and its waits after a reply was delivered (its time may have moved). */
function refreshTimes(store: Store, conversationId: number, accountId: number, messageId: number): void {
  store.sqlite
    .prepare('UPDATE conversations SET last_message_at = max(last_message_at, (SELECT sent_at FROM messages WHERE id = ?)) WHERE id = ?')
    .run(messageId, conversationId);
  new WaitsWriter(store.sqlite).refresh(conversationId, accountId);
}

/** Counters, list position and waits after a message left a conversation. */
function refreshAfterRemoval(store: Store, conversationId: number, now: number): void {
  const { account_id: accountId } = store.sqlite.prepare('SELECT account_id FROM conversations WHERE id = ?').get(conversationId) as { account_id: number };
  new WaitsWriter(store.sqlite).refresh(conversationId, accountId);
  store.sqlite
    .prepare(
      `UPDATE conversations SET message_count = (SELECT count(*) FROM messages WHERE conversation_id = @id),
         last_message_at = coalesce((SELECT max(sent_at) FROM messages WHERE conversation_id = @id), last_message_at),
         updated_at = @now
       WHERE id = @id`,
    )
    .run({ id: conversationId, now });
  refreshPreview(store, conversationId);
}

function refreshPreview(store: Store, conversationId: number): void {
  const latest = store.sqlite
    .prepare('SELECT body_text FROM messages WHERE conversation_id = ? ORDER BY sent_at DESC, id DESC LIMIT 1')
    .get(conversationId) as { body_text: string } | undefined;
  if (latest) store.sqlite.prepare('UPDATE conversations SET last_message_preview = ? WHERE id = ?').run(previewOf(latest.body_text), conversationId);
}
