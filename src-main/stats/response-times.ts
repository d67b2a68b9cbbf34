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

/** Waits as columns (tens of thousands of them: no object per wait). An open wait's end is NaN. */
export interface WaitColumns {
  length: number;
  accountIds: Float64Array;
  starts: Float64Array;
  ends: Float64Array;
}

export function toColumns(rows: readonly WaitRow[]): WaitColumns {
  const columns = { length: rows.length, accountIds: new Float64Array(rows.length), starts: new Float64Array(rows.length), ends: new Float64Array(rows.length) };
  rows.forEach((row, i) => {
    columns.accountIds[i] = row.accountId;
    columns.starts[i] = row.startedAt;
    columns.ends[i] = row.endedAt ?? Number.NaN;
  });
  return columns;
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

/**
 * Totals of the waits started in [from, to), per day and overall, judged at `now`. Waits
 * outside [from, to) or of an account without a rule are skipped.
 */
export function summarizePeriod(waits: WaitColumns | readonly WaitRow[], query: PeriodQuery): PeriodTotals {
  const columns = 'starts' in waits ? waits : toColumns(waits);
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
  // Response times of answered waits and their day, in typed arrays: no allocation per wait.
  const times = new Float64Array(columns.length);
  const timeDays = new Int32Array(columns.length);
  let answered = 0;
  // Waits often come ordered by start: the day then moves forward only.
  let dayIndex = 0;
  let lastAccountId = Number.NaN;
  let rule: TargetRule | undefined;
  const { accountIds, starts, ends } = columns;
  for (let i = 0; i < columns.length; i++) {
    const startedAt = starts[i]!;
    if (startedAt < from || startedAt >= to) continue;
    if (accountIds[i] !== lastAccountId) {
      lastAccountId = accountIds[i]!;
      rule = rules.get(lastAccountId);
    }
    if (!rule) continue;
    if (startedAt < days[dayIndex]!.start) dayIndex = dayIndexOf(days, startedAt);
    while (dayIndex + 1 < days.length && days[dayIndex + 1]!.start <= startedAt) dayIndex++;
    const day = perDay[dayIndex]!;
    day.waits++;
    const endedAt = ends[i]!;
    if (!Number.isNaN(endedAt)) {
      const taken = rule.clock.between(startedAt, endedAt);
      times[answered] = taken;
      timeDays[answered] = dayIndex;
      answered++;
      if (taken <= rule.targetMs) day.answeredWithinTarget++;
      else {
        day.answeredLate++;
        day.missed++;
      }
    } else if (rule.clock.between(startedAt, now) > rule.targetMs) {
      day.missed++;
    } else {
      day.pending++;
    }
  }
  // Each day's times side by side (a counting sort by day), then each day sorted in place.
  const dayStart = new Int32Array(days.length + 1);
  for (let i = 0; i < answered; i++) dayStart[timeDays[i]! + 1]!++;
  for (let d = 0; d < days.length; d++) dayStart[d + 1]! += dayStart[d]!;
  const byDay = new Float64Array(answered);
  const fill = dayStart.slice(0, days.length);
  for (let i = 0; i < answered; i++) byDay[fill[timeDays[i]!]!++] = times[i]!;
  const totals = { waits: 0, answeredWithinTarget: 0, answeredLate: 0, missed: 0, pending: 0 };
  perDay.forEach((day, d) => {
    const median = nearestRank(byDay.subarray(dayStart[d]!, dayStart[d + 1]!).sort(), 0.5);
    day.medianSeconds = median === null ? null : median / 1000;
    totals.waits += day.waits;
    totals.answeredWithinTarget += day.answeredWithinTarget;
    totals.answeredLate += day.answeredLate;
    totals.missed += day.missed;
    totals.pending += day.pending;
  });
  const sorted = times.subarray(0, answered).sort();
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
