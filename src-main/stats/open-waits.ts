// Open waits by age, and the ones about to pass their target, as ranges of start instants:
// an age counted in business hours is not a fixed offset from now, but for one connection it
// is a monotonic function of the start, so every age bound is one start instant and the store
// answers with index range scans.
import type { WorkClock } from './work-clock';

/** Open waits started in (after, atOrBefore]; null: unbounded on that side. */
export interface StartRange {
  after: number | null;
  atOrBefore: number | null;
}

/** Open waits whose age at `now` is at least fromMs and, when toMs is set, less than toMs. */
export function startRangeForAge(clock: WorkClock, now: number, fromMs: number, toMs: number | null): StartRange {
  return {
    after: toMs === null ? null : clock.latestStartAged(now, toMs),
    atOrBefore: fromMs <= 0 ? null : clock.latestStartAged(now, fromMs),
  };
}

/** Open waits started in [atOrAfter, atOrBefore]; atOrBefore null: unbounded. */
export interface BreachRange {
  atOrAfter: number;
  atOrBefore: number | null;
}

/**
 * Open waits not late yet (age ≤ target) whose age reaches the target within `withinMs`
 * (age ≥ target − within): they pass their target in the next `withinMs` of counted time.
 */
export function startRangeForBreach(clock: WorkClock, now: number, targetMs: number, withinMs: number): BreachRange {
  return {
    atOrAfter: clock.earliestStartWithin(now, targetMs),
    atOrBefore: targetMs - withinMs <= 0 ? null : clock.latestStartAged(now, targetMs - withinMs),
  };
}

/** Open waits already older than the target: started before this instant. */
export function lateBefore(clock: WorkClock, now: number, targetMs: number): number {
  return clock.earliestStartWithin(now, targetMs);
}
