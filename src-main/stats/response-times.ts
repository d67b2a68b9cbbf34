// The cockpit's figures for waits started in a period (pure: the rows come from the store).
//
// For each wait, against its connection's target (counted by that connection's clock:
// calendar time, or business hours in the connection's own time zone):
// - answered within target: answered, response time ≤ target;
// - answered late: answered, response time > target;
// - missed: answered late, or still open and already older than the target;
// - pending: still open, not older than the target.
// The on-time rate is within / (within + missed), 1 when nothing was judged yet. Median and
// p90 are of the answered waits' response times, nearest-rank: the value at rank ⌈p·n⌉.
import type { WorkClock } from './work-clock';

export interface WaitRow {
  accountId: number;
  startedAt: number;
  endedAt: number | null;
}

export interface TargetRule {
  targetMs: number;
  clock: WorkClock;
}

export interface DayTotals {
  date: string;
  waits: number;
  answeredWithinTarget: number;
  answeredLate: number;
  missed: number;
  pending: number;
  medianSeconds: number | null;
}

export interface PeriodTotals {
  waits: number;
  answeredWithinTarget: number;
  answeredLate: number;
  missed: number;
  pending: number;
  onTimeRate: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
  days: DayTotals[];
}

export interface PeriodQuery {
  from: number;
  to: number;
  now: number;
  /** The days of [from, to) in the time zone asked for, each with the instant it starts. */
  days: ReadonlyArray<{ date: string; start: number }>;
  rules: ReadonlyMap<number, TargetRule>;
}

/** The value at rank ⌈p·n⌉ of sorted values (nearest-rank), or null when there are none. */
export function nearestRank(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1]!;
}

/** Sorts in place and returns the nearest-rank median in seconds. */
function medianSecondsOf(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  return nearestRank(sorted, 0.5)! / 1000;
}

/**
 * Totals of the waits started in [from, to), per day and overall, judged at `now`. Waits
 * outside [from, to) or of an account without a rule are skipped.
 */
export function summarizePeriod(waits: Iterable<WaitRow>, query: PeriodQuery): PeriodTotals {
  const { from, to, now, days, rules } = query;
  const perDay: DayTotals[] = days.map((d) => ({
    date: d.date,
    waits: 0,
    answeredWithinTarget: 0,
    answeredLate: 0,
    missed: 0,
    pending: 0,
    medianSeconds: null,
  }));
  const dayTimes: number[][] = days.map(() => []);
  const allTimes: number[] = [];
  // Waits usually come ordered by start (the index's order): the day then moves forward only.
  let dayIndex = 0;
  let lastAccountId = Number.NaN;
  let rule: TargetRule | undefined;
  for (const wait of waits) {
    if (wait.startedAt < from || wait.startedAt >= to) continue;
    if (wait.accountId !== lastAccountId) {
      lastAccountId = wait.accountId;
      rule = rules.get(wait.accountId);
    }
    if (!rule) continue;
    if (wait.startedAt < days[dayIndex]!.start) dayIndex = dayIndexOf(days, wait.startedAt);
    while (dayIndex + 1 < days.length && days[dayIndex + 1]!.start <= wait.startedAt) dayIndex++;
    const day = perDay[dayIndex]!;
    day.waits++;
    if (wait.endedAt !== null) {
      const taken = rule.clock.between(wait.startedAt, wait.endedAt);
      allTimes.push(taken);
      dayTimes[dayIndex]!.push(taken);
      if (taken <= rule.targetMs) day.answeredWithinTarget++;
      else {
        day.answeredLate++;
        day.missed++;
      }
    } else if (rule.clock.between(wait.startedAt, now) > rule.targetMs) {
      day.missed++;
    } else {
      day.pending++;
    }
  }
  const totals = { waits: 0, answeredWithinTarget: 0, answeredLate: 0, missed: 0, pending: 0 };
  perDay.forEach((day, i) => {
    day.medianSeconds = medianSecondsOf(dayTimes[i]!);
    totals.waits += day.waits;
    totals.answeredWithinTarget += day.answeredWithinTarget;
    totals.answeredLate += day.answeredLate;
    totals.missed += day.missed;
    totals.pending += day.pending;
  });
  const sorted = Float64Array.from(allTimes).sort();
  const judged = totals.answeredWithinTarget + totals.missed;
  const median = nearestRank(sorted, 0.5);
  const p90 = nearestRank(sorted, 0.9);
  return {
    ...totals,
    onTimeRate: judged === 0 ? 1 : totals.answeredWithinTarget / judged,
    medianSeconds: median === null ? null : median / 1000,
    p90Seconds: p90 === null ? null : p90 / 1000,
    days: perDay,
  };
}

/** The last day starting at or before t (days in order, the first starting at or before any t asked). */
function dayIndexOf(days: PeriodQuery['days'], t: number): number {
  let low = 0;
  let high = days.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (days[mid]!.start <= t) low = mid;
    else high = mid - 1;
  }
  return low;
}
