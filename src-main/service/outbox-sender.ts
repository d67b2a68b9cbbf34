// Sends the replies waiting in the outbox through Mirakl M12, without losing one and
// without posting one twice. Mirakl has no idempotency key, so:
//   - "attempt started" is written before M12 leaves; a process that dies after that
//     point leaves the row 'started', which the next claim reads as "outcome unknown";
//   - after an unknown outcome (timeout, reset, 5xx, cut answer, crash), the thread is
//     read with M10 before posting again: a shop message with the same body, dated after
//     the first uncertain attempt and not already stored here, is that reply (adopted);
//   - 429 and offline errors keep the reply pending with exponential backoff + jitter;
//     a successful sync pass (Mirakl reachable again) sends it at once;
//   - any other 4xx fails the reply with Mirakl's reason, until retried or discarded.
// Replies of one conversation go out in order, one at a time; several conversations at once.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Store } from '../db/open';
import {
  SHOP_SENDER_TYPE,
  claimReply,
  knownMiraklMessageIds,
  readOutboxState,
  recordAttemptStarted,
  recordDelivered,
  recordRefused,
  recordRetryLater,
  recordUnknown,
  releaseLeases,
  replyHeads,
  wakeAccountReplies,
  type ClaimedReply,
  type DeliveryResult,
  type Lease,
} from '../db/outbox';
import type { MiraklClient, OutgoingFile, OutgoingMessage } from '../mirakl/client';
import { MiraklError } from '../mirakl/errors';

export interface OutboxTiming {
  /** First retry delay; doubles with each attempt (with jitter) up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * After an unknown outcome, wait at least this long before reading the thread: a slow
   * Mirakl may still be committing the first post when our timeout fired.
   */
  settleMs: number;
  /**
   * How long a claimed reply stays reserved for this process (another app instance sharing
   * the store waits). Longer than any attempt can take, 429 retries included; a crashed
   * process's lease is void at once anyway (see isOwnerAlive).
   */
  leaseMs: number;
  /** Clock difference tolerated between this machine and Mirakl when matching a reply by date. */
  clockSkewMs: number;
  /** Replies in flight at once (always from different conversations). */
  concurrency: number;
  /** Look for replies queued by another process at least this often. */
  pollMs: number;
  /** stop() waits this long for attempts in flight; their state is safe in the store either way. */
  stopGraceMs: number;
}

export const DEFAULT_OUTBOX_TIMING: OutboxTiming = {
  baseDelayMs: 2_000,
  maxDelayMs: 5 * 60_000,
  settleMs: 15_000,
  leaseMs: 15 * 60_000,
  clockSkewMs: 5 * 60_000,
  concurrency: 4,
  pollMs: 30_000,
  stopGraceMs: 3_000,
};

/** Points where tests stop the process (kill -9) to prove a crash there loses nothing. */
export interface OutboxHooks {
  /** "Attempt started" is recorded; M12 has not left yet. */
  beforePost?(messageId: number): void | Promise<void>;
  /** Mirakl answered 201; the delivery is not recorded yet. */
  afterPost?(messageId: number, miraklMessageId: string): void | Promise<void>;
}

export interface OutboxSenderOptions {
  store: Store;
  /** Where replies' files are (outbox_files paths are relative to it). */
  dataDir: string;
  clientFor(accountId: number): Promise<MiraklClient>;
  /** A reply's state or error changed. */
  onChanged(messageId: number, conversationId: number): void;
  /** A reply's row was removed because the sync already stored Mirakl's copy of it. */
  onMerged(messageId: number, conversationId: number, keptMessageId: number): void;
  timing?: Partial<OutboxTiming>;
  hooks?: OutboxHooks;
  now?: () => number;
  random?: () => number;
  log?: (message: string, error?: unknown) => void;
}

export class OutboxSender {
  private readonly timing: OutboxTiming;
  private readonly owner = `${os.hostname()}|${process.pid}|${randomUUID().slice(0, 8)}`;
  private readonly now: () => number;
  private readonly random: () => number;
  /** Replies this process is working on (attempt in flight, or a discard/retry checking Mirakl). */
  private readonly busy = new Set<number>();
  private readonly attempts = new Set<Promise<void>>();
  /** Replies whose attempt crashed unexpectedly: left alone until then, so a bug cannot spin. */
  private readonly cooldown = new Map<number, number>();
  private timer: NodeJS.Timeout | null = null;
  private pumpQueued = false;
  /** A look at the outbox is under way; `pumpAgain`: another was asked for meanwhile. */
  private pumping = false;
  private pumpAgain = false;
  private stopped = true;

  constructor(private readonly options: OutboxSenderOptions) {
    this.timing = { ...DEFAULT_OUTBOX_TIMING, ...options.timing };
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.pump();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.clearTimer();
    const inFlight = Promise.allSettled([...this.attempts]);
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([inFlight, new Promise((resolve) => (grace = setTimeout(resolve, this.timing.stopGraceMs)))]);
    clearTimeout(grace);
    if (!this.options.store.closed) await releaseLeases(this.options.store, this.owner, [...this.busy]);
  }

  /** Look at the outbox now (a reply was queued or requeued). */
  kick(): void {
    if (this.stopped || this.pumpQueued) return;
    this.pumpQueued = true;
    setImmediate(() => {
      this.pumpQueued = false;
      this.pump();
    });
  }

  /** A sync pass of the account succeeded: its waiting replies go now. */
  async wake(accountId: number): Promise<void> {
    if (this.stopped) return;
    try {
      if ((await wakeAccountReplies(this.options.store, accountId, this.now(), this.timing.settleMs)) > 0) this.kick();
    } catch (error) {
      if (!this.options.store.closed) this.options.log?.('Waking the replies of a reachable account failed', error);
    }
  }

  /** True while this process is sending (or checking) the reply. */
  isBusy(messageId: number): boolean {
    return this.busy.has(messageId);
  }

  /** Whether another running process holds the reply. */
  heldElsewhere(leaseOwner: string | null, leaseUntil: number | null): boolean {
    return leaseOwner !== null && leaseOwner !== this.owner && (leaseUntil ?? 0) > this.now() && isOwnerAlive(leaseOwner);
  }

  /**
   * Reads the thread (M10) for a copy of this reply that Mirakl may hold although its
   * posting was never confirmed. Returns Mirakl's message id, or null. Marks the reply
   * busy meanwhile, so the sender leaves it alone. Throws the M10 failure.
   */
  async locateOnMirakl(messageId: number): Promise<string | null> {
    const { db } = this.options.store;
    const state = await readOutboxState(db, messageId);
    if (!state) return null;
    const thread = await db.selectFrom('conversations').select('mirakl_thread_id as id').where('id', '=', state.conversationId).executeTakeFirst();
    if (!thread) return null;
    this.busy.add(messageId);
    try {
      const client = await this.options.clientFor(state.accountId);
      return await this.findCopy(client, {
        conversationId: state.conversationId,
        miraklThreadId: thread.id,
        body: state.body,
        since: state.unknownSince ?? state.lastAttemptAt ?? 0,
      });
    } finally {
      this.busy.delete(messageId);
    }
  }

  /** Records that Mirakl holds the reply (found by a check outside the sender) and tells listeners. */
  async adopt(messageId: number, miraklMessageId: string): Promise<DeliveryResult> {
    const result = await recordDelivered(this.options.store, messageId, miraklMessageId, this.now());
    this.report(messageId, result);
    return result;
  }

  // ---------- the loop ----------

  /** Looks at the outbox (never twice at once), launches what is due and plans the next look. */
  private pump(): void {
    if (this.stopped) return;
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    this.clearTimer();
    this.launchDue()
      .catch((error: unknown) => {
        if (!this.options.store.closed) this.options.log?.('Reading the outbox failed', error);
        this.planPump(this.now() + this.timing.baseDelayMs);
      })
      .finally(() => {
        this.pumping = false;
        if (this.pumpAgain) {
          this.pumpAgain = false;
          this.pump();
        }
      });
  }

  private async launchDue(): Promise<void> {
    const heads = await replyHeads(this.options.store.db, 200);
    if (this.stopped) return;
    const now = this.now();
    let wakeAt = now + this.timing.pollMs;
    for (const head of heads) {
      if (this.busy.has(head.messageId)) continue;
      const cooling = this.cooldown.get(head.messageId);
      const leased = this.heldElsewhere(head.leaseOwner, head.leaseUntil);
      // An attempt left 'started' by a process that died: give Mirakl time to finish it before the thread is read.
      const interrupted = !leased && head.lastOutcome === 'started' ? (head.lastAttemptAt ?? 0) + this.timing.settleMs : 0;
      const dueAt = Math.max(head.nextAttemptAt, leased ? (head.leaseUntil ?? 0) : 0, cooling ?? 0, interrupted);
      if (dueAt > now) {
        wakeAt = Math.min(wakeAt, dueAt);
        continue;
      }
      // A free slot: go. No slot: a finishing attempt kicks the loop again.
      if (this.attempts.size < this.timing.concurrency) this.launch(head.messageId);
    }
    this.planPump(wakeAt);
  }

  private planPump(at: number): void {
    if (this.stopped) return;
    this.clearTimer();
    this.timer = setTimeout(() => this.pump(), Math.max(0, at - this.now()));
    this.timer.unref?.();
  }

  private launch(messageId: number): void {
    this.busy.add(messageId);
    this.cooldown.delete(messageId);
    const attempt = this.attempt(messageId)
      .catch((error: unknown) => {
        this.cooldown.set(messageId, this.now() + this.timing.baseDelayMs);
        if (!this.options.store.closed) this.options.log?.(`Sending reply ${messageId} failed unexpectedly`, error);
      })
      .finally(() => {
        this.busy.delete(messageId);
        this.attempts.delete(attempt);
        this.kick();
      });
    this.attempts.add(attempt);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  // ---------- one attempt ----------

  private lease(): Lease {
    return { owner: this.owner, now: this.now(), leaseMs: this.timing.leaseMs, isOwnerAlive };
  }

  private async attempt(messageId: number): Promise<void> {
    const { store } = this.options;
    const reply = await claimReply(store, messageId, this.lease());
    if (!reply) return;

    let client: MiraklClient;
    try {
      client = await this.options.clientFor(reply.accountId);
    } catch (error) {
      await this.retryLater(reply, errorText(error), null);
      return;
    }

    if (reply.unknownSince !== null) {
      // An earlier attempt may have landed: look before posting again.
      let copy: string | null;
      try {
        copy = await this.findCopy(client, { ...reply, since: reply.unknownSince });
      } catch (error) {
        if (error instanceof MiraklError && !error.transient) {
          await this.refuse(reply, `Cannot check on Mirakl whether this reply was already posted: ${error.reason}`);
        } else {
          await this.retryLater(reply, errorText(error), null);
        }
        return;
      }
      if (copy !== null) {
        await this.deliver(reply, copy);
        return;
      }
    }

    const to = recipients(reply);
    if (!to) {
      await this.refuse(reply, 'This conversation has no customer on Mirakl: send the reply to the operator instead');
      return;
    }
    const files = await this.filesOf(reply);
    if (typeof files === 'string') {
      await this.refuse(reply, files);
      return;
    }
    if (!(await recordAttemptStarted(store, messageId, this.lease()))) return;
    await this.options.hooks?.beforePost?.(messageId);

    let miraklMessageId: string;
    try {
      ({ message_id: miraklMessageId } = await client.postMessage(reply.miraklThreadId, { body: reply.body, to }, files));
    } catch (error) {
      await this.afterFailedPost(reply, error);
      return;
    }
    await this.options.hooks?.afterPost?.(messageId, miraklMessageId);
    await this.deliver(reply, miraklMessageId);
  }

  /** The reply's files on disk, or why one cannot be sent (checked before the attempt is recorded as started). */
  private async filesOf(reply: ClaimedReply): Promise<OutgoingFile[] | string> {
    const files: OutgoingFile[] = [];
    for (const file of reply.files) {
      const absolute = path.join(this.options.dataDir, file.path);
      try {
        await fs.access(absolute);
      } catch {
        return `The file "${file.name}" is no longer in ${path.dirname(absolute)}: discard this reply and attach it again`;
      }
      files.push({ path: absolute, name: file.name, contentType: file.contentType });
    }
    return files;
  }

  private async afterFailedPost(reply: ClaimedReply, error: unknown): Promise<void> {
    const attempts = reply.attempts + 1;
    if (!(error instanceof MiraklError) || error.outcomeUnknown) {
      // May have been posted: the next attempt reads the thread first, after Mirakl had time to finish.
      const delay = Math.max(this.backoff(attempts), this.timing.settleMs);
      await recordUnknown(this.options.store, reply.messageId, errorText(error), this.now() + delay, this.now());
      this.options.onChanged(reply.messageId, reply.conversationId);
    } else if (error.transient) {
      await this.retryLater({ ...reply, attempts }, error.reason, 'transient');
    } else {
      await this.refuse(reply, error.reason);
    }
  }

  private async deliver(reply: ClaimedReply, miraklMessageId: string): Promise<void> {
    const result = await recordDelivered(this.options.store, reply.messageId, miraklMessageId, this.now());
    this.report(reply.messageId, result);
  }

  private report(messageId: number, result: DeliveryResult): void {
    if (result.kind === 'delivered') this.options.onChanged(messageId, result.conversationId);
    else if (result.kind === 'merged') this.options.onMerged(messageId, result.conversationId, result.keptMessageId);
  }

  private async retryLater(reply: ClaimedReply, error: string, outcome: 'transient' | null): Promise<void> {
    await recordRetryLater(this.options.store, reply.messageId, error, this.now() + this.backoff(Math.max(1, reply.attempts)), outcome);
    this.options.onChanged(reply.messageId, reply.conversationId);
  }

  private async refuse(reply: ClaimedReply, reason: string): Promise<void> {
    await recordRefused(this.options.store, reply.messageId, reason);
    this.options.onChanged(reply.messageId, reply.conversationId);
  }

  /** Exponential, capped, with jitter in [50%, 100%] so replies that failed together do not retry together. */
  private backoff(attempts: number): number {
    const { baseDelayMs, maxDelayMs } = this.timing;
    const exponential = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(30, Math.max(0, attempts - 1)));
    return Math.round(exponential * (0.5 + 0.5 * this.random()));
  }

  /** A shop message on Mirakl with this body, dated after `since` (less clock skew), not already stored here. */
  private async findCopy(
    client: MiraklClient,
    reply: { conversationId: number; miraklThreadId: string; body: string; since: number },
  ): Promise<string | null> {
    const thread = await client.getThread(reply.miraklThreadId);
    const body = comparable(reply.body);
    const from = reply.since - this.timing.clockSkewMs;
    const candidates = thread.messages
      .filter((m) => m.from.type === SHOP_SENDER_TYPE && m.date_created >= from && comparable(m.body) === body)
      .sort((a, b) => a.date_created - b.date_created);
    if (candidates.length === 0) return null;
    const known = await knownMiraklMessageIds(this.options.store.db, reply.conversationId, candidates.map((m) => m.id));
    return candidates.find((m) => !known.has(m.id))?.id ?? null;
  }
}

/** M12's `to`: the thread's customer by id, or the marketplace operator. Null when there is no customer to address. */
function recipients(reply: ClaimedReply): OutgoingMessage['to'] | null {
  if (reply.recipient === 'operator') return [{ type: 'OPERATOR' }];
  return reply.customerMiraklId === null ? null : [{ type: 'CUSTOMER', id: reply.customerMiraklId }];
}

/** Line endings and surrounding blanks may differ between what we sent and what Mirakl shows. */
function comparable(body: string): string {
  return body.replace(/\r\n?/g, '\n').trim();
}

function errorText(error: unknown): string {
  if (error instanceof MiraklError) return error.reason;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Whether the process that holds a lease still runs. Owners are "host|pid|random": on this
 * host a dead pid frees the lease at once (a crashed app resumes its replies on restart);
 * another host's lease is trusted until it expires.
 */
export function isOwnerAlive(owner: string): boolean {
  const [host, pidText] = owner.split('|');
  if (host !== os.hostname()) return true;
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
