// When a snoozed conversation comes back. Pure: the service stores what it decides, the
// renderer shows the same warning before the technician confirms.
//
// A snooze never hides a deadline: a customer waiting for a reply must be answered within
// the marketplace's 24 hours, so a snooze that would end after that mark (or a snooze
// "until the customer writes", which may never end) brings the conversation back early
// enough to answer in time.

export const REPLY_DEADLINE_MS = 24 * 3_600_000;
/** Time left to answer when a snooze is cut short by the deadline. */
export const ANSWER_MARGIN_MS = 2 * 3_600_000;

export interface SnoozePlan {
  /** When it comes back (null: only when a message arrives). */
  wakeAt: number | null;
  /** The marketplace's 24-hour mark, when the customer waits for a reply. */
  deadline: number | null;
  /** The snooze comes back earlier than asked, to answer before the deadline. */
  early: boolean;
  /** Said to the technician when the deadline changes the snooze; null otherwise. */
  warning: string | null;
}

/**
 * `until`: the time asked (null: until the customer writes). `replyNeededSince`: since when
 * the customer waits (null: nobody waits). Times in epoch ms; `formatTime` writes one for people.
 */
export function planSnooze(
  until: number | null,
  replyNeededSince: number | null,
  now: number,
  formatTime: (ms: number) => string = (ms) => new Date(ms).toISOString(),
): SnoozePlan {
  if (replyNeededSince === null) return { wakeAt: until, deadline: null, early: false, warning: null };
  const deadline = replyNeededSince + REPLY_DEADLINE_MS;
  if (deadline <= now) {
    return {
      wakeAt: until,
      deadline,
      early: false,
      warning: `The customer has waited more than 24 hours already (since ${formatTime(replyNeededSince)}): the marketplace's deadline has passed.`,
    };
  }
  const latest = Math.max(now, deadline - ANSWER_MARGIN_MS);
  if (until !== null && until <= latest) return { wakeAt: until, deadline, early: false, warning: null };
  return {
    wakeAt: latest,
    deadline,
    early: true,
    warning:
      `The customer must be answered by ${formatTime(deadline)} (the marketplace's 24 hours): ` +
      `this conversation comes back at ${formatTime(latest)}${until === null ? '' : `, not ${formatTime(until)}`}.`,
  };
}
