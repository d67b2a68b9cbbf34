// Replies on their way to Mirakl. A reply is a messages row (pending until Mirakl accepts
// it, failed when Mirakl refuses it) plus an outbox row recording every attempt. Each
// state change below is one transaction written BEFORE the step it enables,
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
//
// On PostgreSQL several processes may share the outbox: every decision taken on a row read
// first locks that row (FOR UPDATE), so two of them never act on the same reply at once.
import { sql, type Kysely } from 'kysely';
import { previewOf } from '../sync/body-text';
import { forUpdate, greatest, inValues } from './dialect';
import type { Store } from './open';
import type { Database, OutboxOutcome } from './schema';
import { indexNewRows } from './search-index';
import { refreshWaits } from './waits';

export type Recipient = 'customer' | 'operator';

/** Mirakl's sender type for the shop's own users: what a reply is once on Mirakl. */
export const SHOP_SENDER_TYPE = 'SHOP_USER';

type Db = Kysely<Database>;

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
export function enqueueReply(store: Store, reply: NewReply): Promise<number> {
  return store.transaction(async (trx) => {
    const { id } = await trx
      .insertInto('messages')
      .values({
        account_id: reply.accountId,
        conversation_id: reply.conversationId,
        mirakl_message_id: null,
        direction: 'outbound',
        sender_type: SHOP_SENDER_TYPE,
        sender_name: reply.senderName,
        body: reply.body,
        body_text: reply.bodyText,
        sent_at: reply.now,
        status: 'pending',
        error: null,
        created_at: reply.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await indexNewRows(trx, { messages: [[id, reply.bodyText]], conversations: [] });
    await trx
      .insertInto('outbox')
      .values({ message_id: id, recipient: reply.recipient, attempts: 0, next_attempt_at: reply.now, created_at: reply.now })
      .execute();
    const files = reply.files ?? [];
    if (files.length > 0) {
      await trx
        .insertInto('outbox_files')
        .values(
          files.map((file, position) => ({
            message_id: id,
            position,
            name: file.name,
            size: file.size,
            content_type: file.contentType,
            path: file.path,
            created_at: reply.now,
          })),
        )
        .execute();
    }
    const usedUploads = reply.usedUploadIds ?? [];
    if (usedUploads.length > 0) await trx.deleteFrom('uploads').where('id', 'in', [...usedUploads]).execute();
    // Answering a conversation reads it; it moves to the top of the list.
    await trx
      .updateTable('conversations')
      .set((eb) => ({
        message_count: eb('message_count', '+', 1),
        last_message_at: greatest(trx, eb.ref('last_message_at'), reply.now),
        last_message_preview: previewOf(reply.bodyText),
        unread_count: 0,
        updated_at: reply.now,
      }))
      .where('id', '=', reply.conversationId)
      .execute();
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

/**
 * Takes a pending reply for one attempt, unless another live process holds it. An attempt
 * recorded as started but never finished (the process died during M12) is unknown now.
 */
export function claimReply(store: Store, messageId: number, lease: Lease): Promise<ClaimedReply | null> {
  return store.transaction(async (trx) => {
    const row = await forUpdate(
      trx,
      trx
        .selectFrom('outbox as o')
        .innerJoin('messages as m', 'm.id', 'o.message_id')
        .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
        .leftJoin('customers as cu', 'cu.id', 'c.customer_id')
        .select([
          'o.recipient',
          'o.attempts',
          'o.last_attempt_at',
          'o.last_outcome',
          'o.unknown_since',
          'o.lease_owner',
          'o.lease_until',
          'm.account_id',
          'm.conversation_id',
          'm.body',
          'm.status',
          'c.mirakl_thread_id',
          'cu.mirakl_customer_id as customer_mirakl_id',
        ])
        .where('o.message_id', '=', messageId),
      'o',
    ).executeTakeFirst();
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
    await trx
      .updateTable('outbox')
      .set({ lease_owner: lease.owner, lease_until: lease.now + lease.leaseMs, last_outcome: outcome, unknown_since: unknownSince })
      .where('message_id', '=', messageId)
      .execute();
    const files = await trx
      .selectFrom('outbox_files')
      .select(['name', 'size', 'content_type as contentType', 'path'])
      .where('message_id', '=', messageId)
      .orderBy('position')
      .execute();
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
export async function recordAttemptStarted(store: Store, messageId: number, lease: Lease): Promise<boolean> {
  const result = await store.db
    .updateTable('outbox')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), last_outcome: 'started', last_attempt_at: lease.now, lease_until: lease.now + lease.leaseMs }))
    .where('message_id', '=', messageId)
    .where('lease_owner', '=', lease.owner)
    .where((eb) => eb.exists(eb.selectFrom('messages').select('id').where('id', '=', messageId).where('status', '=', 'pending')))
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export type DeliveryResult =
  | { kind: 'delivered'; conversationId: number }
  /** The sync already stored Mirakl's copy under another row: that row is kept, this one removed. */
  | { kind: 'merged'; conversationId: number; keptMessageId: number }
  /** The reply no longer exists locally. */
  | { kind: 'gone' };

/** Mirakl holds the reply under this id: the message is delivered and leaves the outbox. */
export function recordDelivered(store: Store, messageId: number, miraklMessageId: string, now: number): Promise<DeliveryResult> {
  return store.transaction(async (trx): Promise<DeliveryResult> => {
    const message = await forUpdate(
      trx,
      trx.selectFrom('messages').select(['account_id', 'conversation_id', 'mirakl_message_id']).where('id', '=', messageId),
    ).executeTakeFirst();
    if (!message) return { kind: 'gone' };
    const conversationId = message.conversation_id;
    const outbox = await trx.selectFrom('outbox').select('recipient').where('message_id', '=', messageId).executeTakeFirst();
    const other = await trx
      .selectFrom('messages')
      .select('id')
      .where('conversation_id', '=', conversationId)
      .where('mirakl_message_id', '=', miraklMessageId)
      .where('id', '!=', messageId)
      .executeTakeFirst();
    if (other) {
      await trx.deleteFrom('messages').where('id', '=', messageId).execute();
      await refreshAfterRemoval(trx, conversationId, now);
      return { kind: 'merged', conversationId, keptMessageId: other.id };
    }
    if (message.mirakl_message_id === null) {
      // On Mirakl the reply dates from now, when it was accepted (not from when it was written, maybe
      // offline): that is when it ends the customer's wait. The next sync brings Mirakl's exact time.
      await trx
        .updateTable('messages')
        .set((eb) => ({ mirakl_message_id: miraklMessageId, status: 'delivered', error: null, sent_at: greatest(trx, eb.ref('sent_at'), now) }))
        .where('id', '=', messageId)
        .execute();
    }
    await trx.deleteFrom('outbox').where('message_id', '=', messageId).execute();
    // Mirakl clears shop_reply_needed_since once the shop answered the customer; the next sync confirms it.
    if (outbox?.recipient !== 'operator') {
      await trx.updateTable('conversations').set({ reply_needed_since: null, updated_at: now }).where('id', '=', conversationId).execute();
    }
    await refreshTimes(trx, conversationId, message.account_id, messageId);
    return { kind: 'delivered', conversationId };
  });
}

/** M12's outcome is unknown (timeout, reset, 5xx, cut answer): the next attempt reads the thread first. */
export function recordUnknown(store: Store, messageId: number, error: string, nextAttemptAt: number, now: number): Promise<void> {
  return store.transaction(async (trx) => {
    await trx
      .updateTable('outbox')
      .set((eb) => ({
        last_outcome: 'unknown',
        unknown_since: eb.fn.coalesce('unknown_since', 'last_attempt_at', eb.val(now)),
        next_attempt_at: nextAttemptAt,
        lease_owner: null,
        lease_until: null,
      }))
      .where('message_id', '=', messageId)
      .execute();
    await setPendingError(trx, messageId, error);
  });
}

/**
 * Try again later. `outcome` 'transient' records an attempt Mirakl did not process (429);
 * null keeps the recorded outcome (the attempt never started: no connection, M10 failed).
 */
export function recordRetryLater(store: Store, messageId: number, error: string, nextAttemptAt: number, outcome: 'transient' | null): Promise<void> {
  return store.transaction(async (trx) => {
    await trx
      .updateTable('outbox')
      .set({ ...(outcome ? { last_outcome: outcome } : {}), next_attempt_at: nextAttemptAt, lease_owner: null, lease_until: null })
      .where('message_id', '=', messageId)
      .execute();
    await setPendingError(trx, messageId, error);
  });
}

/** Mirakl refused the reply (4xx): it fails with Mirakl's reason until retried or discarded. */
export function recordRefused(store: Store, messageId: number, reason: string): Promise<void> {
  return store.transaction(async (trx) => {
    await trx.updateTable('outbox').set({ last_outcome: 'refused', lease_owner: null, lease_until: null }).where('message_id', '=', messageId).execute();
    await trx.updateTable('messages').set({ status: 'failed', error: reason }).where('id', '=', messageId).where('status', '=', 'pending').execute();
  });
}

async function setPendingError(trx: Db, messageId: number, error: string): Promise<void> {
  await trx.updateTable('messages').set({ error }).where('id', '=', messageId).where('status', '=', 'pending').execute();
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
export async function readOutboxState(db: Db, messageId: number): Promise<OutboxState | undefined> {
  return outboxStateQuery(db, messageId).executeTakeFirst();
}

function outboxStateQuery(db: Db, messageId: number) {
  return db
    .selectFrom('messages as m')
    .leftJoin('outbox as o', 'o.message_id', 'm.id')
    .select((eb) => [
      'm.id as messageId',
      'm.conversation_id as conversationId',
      'm.account_id as accountId',
      'm.status',
      'm.direction',
      'm.mirakl_message_id as miraklMessageId',
      'm.body',
      'o.recipient',
      eb.fn.coalesce('o.attempts', eb.lit(0)).as('attempts'),
      'o.last_outcome as lastOutcome',
      'o.last_attempt_at as lastAttemptAt',
      'o.unknown_since as unknownSince',
      'o.lease_owner as leaseOwner',
      'o.lease_until as leaseUntil',
    ])
    .where('m.id', '=', messageId);
}

/**
 * The reply's state read and locked inside the transaction that acts on it, and handed to
 * `check`, which throws to refuse the action: nothing can take the reply between the check
 * and the change. Undefined when the message does not exist.
 */
async function lockedOutboxState(trx: Db, messageId: number, check: (state: OutboxState) => void): Promise<OutboxState | undefined> {
  const state = await forUpdate(trx, outboxStateQuery(trx, messageId), 'm').executeTakeFirst();
  if (state) check(state);
  return state;
}

/** Whether an attempt may have reached Mirakl without the store knowing its outcome. */
export function mayHaveReachedMirakl(state: Pick<OutboxState, 'lastOutcome' | 'unknownSince'>): boolean {
  return state.unknownSince !== null || state.lastOutcome === 'started' || state.lastOutcome === 'unknown';
}

/**
 * Queues a failed or pending reply for an attempt now, with a new body if given (the
 * caller has made sure no earlier attempt may have carried the old one). The backoff restarts.
 */
export function requeueReply(
  store: Store,
  messageId: number,
  edit: { body: string; bodyText: string } | null,
  now: number,
  check: (state: OutboxState) => void = () => undefined,
): Promise<void> {
  return store.transaction(async (trx) => {
    const message = await lockedOutboxState(trx, messageId, check);
    if (!message) return;
    await trx
      .updateTable('messages')
      .set({ ...(edit ? { body: edit.body, body_text: edit.bodyText } : {}), status: 'pending', error: null })
      .where('id', '=', messageId)
      .execute();
    await trx
      .insertInto('outbox')
      .values({ message_id: messageId, recipient: 'customer', attempts: 0, next_attempt_at: now, created_at: now })
      .onConflict((oc) =>
        oc.column('message_id').doUpdateSet({
          attempts: 0,
          next_attempt_at: (eb) => eb.ref('excluded.next_attempt_at'),
          last_outcome: sql`CASE WHEN outbox.last_outcome IN ('refused', 'transient') THEN NULL ELSE outbox.last_outcome END`,
        }),
      )
      .execute();
    if (edit) await refreshPreview(trx, message.conversationId);
  });
}

/** Removes a reply Mirakl does not have. Returns its conversation, or null if it did not exist. */
export function discardReply(store: Store, messageId: number, now: number, check: (state: OutboxState) => void = () => undefined): Promise<number | null> {
  return store.transaction(async (trx) => {
    const row = await lockedOutboxState(trx, messageId, check);
    if (!row) return null;
    await trx.deleteFrom('messages').where('id', '=', messageId).execute();
    await refreshAfterRemoval(trx, row.conversationId, now);
    return row.conversationId;
  });
}

/**
 * A sync pass of this account just succeeded: Mirakl is reachable again, so its waiting
 * replies go now rather than at the end of their backoff. Replies whose last attempt had
 * an unknown outcome keep a settling delay, so a slow Mirakl finishes it before the thread is read.
 */
export async function wakeAccountReplies(store: Store, accountId: number, now: number, settleMs: number): Promise<number> {
  const result = await store.db
    .updateTable('outbox')
    .set({ next_attempt_at: now })
    .where('next_attempt_at', '>', now)
    .where(sql<boolean>`NOT (last_outcome = 'unknown' AND coalesce(last_attempt_at, 0) > ${now - settleMs})`)
    .where('message_id', 'in', (eb) => eb.selectFrom('messages').select('id').where('account_id', '=', accountId).where('status', '=', 'pending'))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
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
export async function replyHeads(db: Db, limit: number): Promise<ReplyHead[]> {
  return db
    .selectFrom('outbox as o')
    .innerJoin('messages as m', 'm.id', 'o.message_id')
    .select([
      'o.message_id as messageId',
      'o.next_attempt_at as nextAttemptAt',
      'o.last_outcome as lastOutcome',
      'o.last_attempt_at as lastAttemptAt',
      'o.lease_owner as leaseOwner',
      'o.lease_until as leaseUntil',
    ])
    .where('m.status', '=', 'pending')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('messages as p')
            .select('p.id')
            .whereRef('p.conversation_id', '=', 'm.conversation_id')
            .where('p.status', '=', 'pending')
            .whereRef('p.id', '<', 'm.id'),
        ),
      ),
    )
    .orderBy('o.next_attempt_at')
    .orderBy('o.message_id')
    .limit(limit)
    .execute();
}

/** Gives back the rows this process holds but is not working on (on stop). */
export async function releaseLeases(store: Store, owner: string, keep: readonly number[]): Promise<void> {
  await store.db
    .updateTable('outbox')
    .set({ lease_owner: null, lease_until: null })
    .where('lease_owner', '=', owner)
    .where(sql<boolean>`NOT ${inValues(store.db, 'message_id', keep)}`)
    .execute();
}

/** Which of these Mirakl message ids the store already holds in the conversation. */
export async function knownMiraklMessageIds(db: Db, conversationId: number, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('messages')
    .select('mirakl_message_id')
    .where('conversation_id', '=', conversationId)
    .where(inValues(db, 'mirakl_message_id', ids))
    .execute();
  return new Set(rows.map((r) => r.mirakl_message_id).filter((id): id is string => id !== null));
}

/** The conversation's list position and its waits after a reply was delivered (its time may have moved). */
async function refreshTimes(trx: Db, conversationId: number, accountId: number, messageId: number): Promise<void> {
  await trx
    .updateTable('conversations')
    .set((eb) => ({
      last_message_at: greatest(trx, eb.ref('last_message_at'), eb.selectFrom('messages').select('sent_at').where('id', '=', messageId).$asScalar()),
    }))
    .where('id', '=', conversationId)
    .execute();
  await refreshWaits(trx, conversationId, accountId);
}

/** Counters, list position and waits after a message left a conversation. */
async function refreshAfterRemoval(trx: Db, conversationId: number, now: number): Promise<void> {
  const conversation = await trx.selectFrom('conversations').select('account_id').where('id', '=', conversationId).executeTakeFirst();
  if (conversation) await refreshWaits(trx, conversationId, conversation.account_id);
  await trx
    .updateTable('conversations')
    .set((eb) => ({
      message_count: eb.selectFrom('messages').select(eb.fn.countAll<number>().as('n')).where('conversation_id', '=', conversationId),
      last_message_at: eb.fn.coalesce(
        eb.selectFrom('messages').select((m) => m.fn.max('sent_at').as('m')).where('conversation_id', '=', conversationId),
        eb.ref('last_message_at'),
      ),
      updated_at: now,
    }))
    .where('id', '=', conversationId)
    .execute();
  await refreshPreview(trx, conversationId);
}

async function refreshPreview(trx: Db, conversationId: number): Promise<void> {
  const latest = await trx
    .selectFrom('messages')
    .select('body_text')
    .where('conversation_id', '=', conversationId)
    .orderBy('sent_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (latest) await trx.updateTable('conversations').set({ last_message_preview: previewOf(latest.body_text) }).where('id', '=', conversationId).execute();
}
