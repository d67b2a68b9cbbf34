// When to poll Mirakl, as pure functions of what is known of the technician and of the
// connection's recent failures. Mirakl means its inbox calls to follow an inbox on screen:
// an inbox in use is polled often, one nobody looks at (idle, asleep, hidden, no client)
// rarely, and a connection that keeps failing less and less. No timers, no clock: the
// callers pass `now`, so every rule is tested with plain numbers.
import type { ActivitySignal, PollMode, SyncBackoff } from '../../src-shared/sync-status';

export interface PollSettings {
  /** Between passes while the inbox is in use. */
  activeIntervalMs: number;
  /** Between passes while it is not (notifications still come, later). */
  idleIntervalMs: number;
  /** Without input for this long, the inbox is not in use. */
  idleAfterMs: number;
  /** Hidden (minimized, another window on top) for this long, the inbox is not in use. */
  hiddenIdleAfterMs: number;
  /** The longest wait between tries of a connection that cannot reach Mirakl. */
  backoffMaxMs: number;
}

export const DEFAULT_POLL_SETTINGS: PollSettings = {
  activeIntervalMs: 60_000,
  idleIntervalMs: 5 * 60_000,
  idleAfterMs: 30 * 60_000,
  hiddenIdleAfterMs: 5 * 60_000,
  backoffMaxMs: 15 * 60_000,
};

/** What is known of whoever may be looking at the inbox. */
export interface Presence {
  /** The last input, focus or showing of the inbox (the start counts as one). */
  lastUseAt: number;
  /** Since when the inbox is hidden; null while it shows. */
  hiddenSince: number | null;
  /** The machine is suspended. */
  asleep: boolean;
  /** Someone can see the inbox at all: a window, or for `serve` a client on the event stream (or `--always-sync`). */
  watched: boolean;
}

export type { ActivitySignal };

export function initialPresence(now: number, watched: boolean): Presence {
  return { lastUseAt: now, hiddenSince: null, asleep: false, watched };
}

/** Whether the inbox counts as in use at `now`. */
export function pollMode(presence: Presence, now: number, settings: PollSettings): PollMode {
  if (presence.asleep || !presence.watched) return 'idle';
  if (presence.hiddenSince !== null && now - presence.hiddenSince >= settings.hiddenIdleAfterMs) return 'idle';
  if (now - presence.lastUseAt >= settings.idleAfterMs) return 'idle';
  return 'active';
}

export function intervalFor(mode: PollMode, settings: PollSettings): number {
  return mode === 'active' ? settings.activeIntervalMs : Math.max(settings.idleIntervalMs, settings.activeIntervalMs);
}

export interface SignalOutcome {
  presence: Presence;
  /**
   * The technician is back (from idle to in use, or the machine woke, or the network came
   * back): sync at once rather than at the end of a long wait.
   */
  syncNow: boolean;
}

export function applySignal(presence: Presence, signal: ActivitySignal, now: number, settings: PollSettings): SignalOutcome {
  const before = pollMode(presence, now, settings);
  const next = { ...presence };
  switch (signal) {
    case 'input':
    case 'focus':
      next.lastUseAt = now;
      next.hiddenSince = null;
      next.asleep = false;
      break;
    case 'visible':
      next.lastUseAt = now;
      next.hiddenSince = null;
      break;
    case 'hidden':
      next.hiddenSince ??= now;
      break;
    case 'suspend':
      next.asleep = true;
      break;
    case 'resume':
      next.asleep = false;
      next.lastUseAt = now;
      break;
    case 'online':
      break;
    case 'watched':
      next.watched = true;
      next.lastUseAt = now;
      break;
    case 'unwatched':
      next.watched = false;
      break;
  }
  const after = pollMode(next, now, settings);
  const woke = signal === 'resume' || signal === 'online';
  return { presence: next, syncNow: after === 'active' && (before === 'idle' || woke) };
}

/** Why a connection is not polled on its usual rhythm: a refused key, or Mirakl failing (unreachable or otherwise). */
export type FailureKind = SyncBackoff['reason'];

/**
 * The wait before the next pass. A refused key (401/403) waits for the user to edit the
 * connection: null, no timer. A connection that cannot reach Mirakl (or keeps failing) waits twice as long
 * after each failure in a row, from the usual interval up to `backoffMaxMs`.
 */
export function nextDelay(mode: PollMode, failure: { kind: FailureKind; inARow: number } | null, settings: PollSettings): number | null {
  const usual = intervalFor(mode, settings);
  if (!failure) return usual;
  if (failure.kind === 'rejected') return null;
  const backoff = settings.activeIntervalMs * 2 ** Math.min(failure.inARow - 1, 30);
  return Math.max(usual, Math.min(backoff, settings.backoffMaxMs));
}
