// Snooze, done and unread: marks that live in this inbox only (Mirakl has no seller API for
// them, and none of them is ever sent there). A snooze comes back on time, or at once when
// a message arrives, and never hides the marketplace's 24-hour deadline (src-shared/snooze-plan).
import { format } from 'date-fns';
import type { ServiceApi } from '../../src-shared/contract';
import { planSnooze } from '../../src-shared/snooze-plan';
import type { Store } from '../db/open';
import { findConversation } from '../db/conversations';
import {
  endMarksOnNewMessages,
  markUnread,
  nextSnoozeWake,
  setDone,
  snoozeConversation,
  unsnoozeConversation,
  wakeDueSnoozes,
} from '../db/conversation-marks';
import { ServiceError, notFound } from './errors';
import { conversationOf } from './inbox-operations';
import type { LiveEvents } from './live-events';

/** setTimeout's longest delay; a later wake is re-planned when this one fires. */
const MAX_TIMER_MS = 2_147_483_647;

export interface MarkDeps {
  store: Store;
  live: LiveEvents;
  now(): number;
  log(message: string, error?: unknown): void;
}

/** Brings snoozed conversations back: on time (a timer at the next wake), and when a message arrives (after each sync page). */
export class SnoozeWaker {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly deps: MarkDeps) {}

  /** Catches up on what happened while the app was closed, then follows the clock. */
  start(): Promise<void> {
    this.running = true;
    return this.serially(async () => {
      const ended = await endMarksOnNewMessages(this.deps.store.db, null, this.deps.now());
      const woken = await wakeDueSnoozes(this.deps.store.db, this.deps.now());
      await this.deps.live.conversations([...new Set([...ended, ...woken])]);
      await this.plan();
    });
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** A sync page stored these conversations: a message received ends their snooze or "done". Returns the ones it changed. */
  afterSync(conversationIds: readonly number[]): Promise<number[]> {
    return this.serially(() => endMarksOnNewMessages(this.deps.store.db, conversationIds, this.deps.now()));
  }

  /** A snooze was set or ended: the next wake may have moved. */
  replan(): Promise<void> {
    return this.serially(() => this.plan());
  }

  private async plan(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.running) return;
    const next = await nextSnoozeWake(this.deps.store.db);
    if (next === null) return;
    this.timer = setTimeout(() => void this.fire(), Math.min(MAX_TIMER_MS, Math.max(0, next - this.deps.now())));
    this.timer.unref?.();
  }

  private fire(): Promise<void> {
    return this.serially(async () => {
      const woken = await wakeDueSnoozes(this.deps.store.db, this.deps.now());
      await this.deps.live.conversations(woken);
      await this.plan();
    }).catch((error: unknown) => this.deps.log('Waking snoozed conversations failed', error));
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work);
    this.chain = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }
}

type MarkOperations = Pick<ServiceApi, 'snoozeConversation' | 'unsnoozeConversation' | 'markDone' | 'undoDone' | 'markUnread'>;

export function markOperations(deps: MarkDeps, waker: SnoozeWaker): MarkOperations {
  const { store, live } = deps;

  async function changed(id: number, done: boolean) {
    if (!done) throw notFound('Conversation', id);
    await live.conversations([id]);
    return conversationOf(store, id);
  }

  return {
    async snoozeConversation(input) {
      const now = deps.now();
      const row = await findConversation(store.db, input.id);
      if (!row) throw notFound('Conversation', input.id);
      const until = input.until === undefined ? null : Date.parse(input.until);
      if (until !== null && until <= now) throw new ServiceError('invalid_field', 'until must be in the future', 'until');
      // Marked done: nobody waits, whatever Mirakl's clock says.
      const waitingSince = row.done_at === null ? row.reply_needed_since : null;
      const plan = planSnooze(until, waitingSince, now, (ms) => format(ms, 'EEE d MMM HH:mm'));
      await snoozeConversation(store.db, input.id, { until, wakeAt: plan.wakeAt, now });
      await waker.replan();
      await live.conversations([input.id]);
      return { conversation: await conversationOf(store, input.id), warning: plan.warning };
    },

    async unsnoozeConversation(input) {
      const done = await unsnoozeConversation(store.db, input.id, deps.now());
      if (done) await waker.replan();
      return changed(input.id, done);
    },

    async markDone(input) {
      const now = deps.now();
      return changed(input.id, await setDone(store.db, input.id, now, now));
    },

    async undoDone(input) {
      return changed(input.id, await setDone(store.db, input.id, null, deps.now()));
    },

    async markUnread(input) {
      return changed(input.id, await markUnread(store.db, input.id, deps.now()));
    },
  };
}
