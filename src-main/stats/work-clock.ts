// How much of an interval counts toward a response target: every millisecond (calendar
// time), or only the connection's business hours (its open days and hours, in its own
// time zone, DST included). Pure; the business timeline is built from local days on demand.
import { minutesOf, type BusinessHours } from '../../src-shared/response-target';
import { addDays, dayOf, isoWeekday, localInstant, type LocalDay } from './local-time';

export interface WorkClock {
  /** Counted milliseconds from start to end (0 when end is not after start). */
  between(start: number, end: number): number;
  /**
   * The latest instant s with between(s, now) ≥ age: a wait started at or before it is at
   * least that old at `now`.
   */
  latestStartAged(now: number, ageMs: number): number;
  /** The earliest instant s with between(s, now) ≤ age: a wait started at or after it is at most that old. */
  earliestStartWithin(now: number, ageMs: number): number;
  /** The instant at which `ms` of counted time will have passed since start (a wait's deadline). */
  after(start: number, ms: number): number;
  /** Prepares for instants between from and to (asked for anyway, it only saves rebuilding). */
  cover(from: number, to: number): void;
}

export const calendarClock: WorkClock = {
  between: (start, end) => Math.max(0, end - start),
  latestStartAged: (now, ageMs) => now - ageMs,
  earliestStartWithin: (now, ageMs) => now - ageMs,
  after: (start, ms) => start + ms,
  cover: () => {},
};

export function clockFor(hours: BusinessHours | null): WorkClock {
  return hours === null ? calendarClock : new BusinessClock(hours);
}

const WEEK_MS = 7 * 86_400_000;
const GROWTH_DAYS = 31;

/**
 * Business time as a non-decreasing function B(t): the open milliseconds from the timeline's
 * first day to t. Durations are differences of B; ages turn into instants by inverting it.
 */
export class BusinessClock implements WorkClock {
  private readonly days: ReadonlySet<number>;
  private readonly opens: number;
  private readonly closes: number;
  /** Open intervals, in order: starts, ends, and the open time before each. */
  private starts: number[] = [];
  private ends: number[] = [];
  private before: number[] = [];
  private firstDay: LocalDay | null = null;
  private lastDay: LocalDay | null = null;
  /** The instants the timeline spans: [start of firstDay, end of lastDay). */
  private coveredFrom = Number.POSITIVE_INFINITY;
  private coveredTo = Number.NEGATIVE_INFINITY;
  /** Open milliseconds in an ordinary week, to know how far back an age reaches. */
  private readonly weeklyMs: number;

  constructor(private readonly hours: BusinessHours) {
    this.days = new Set(hours.days);
    this.opens = minutesOf(hours.opens);
    this.closes = minutesOf(hours.closes);
    this.weeklyMs = hours.days.length * (this.closes - this.opens) * 60_000;
  }

  between(start: number, end: number): number {
    if (end <= start) return 0;
    this.cover(start, end);
    return this.at(end) - this.at(start);
  }

  latestStartAged(now: number, ageMs: number): number {
    const k = this.reachBack(now, ageMs);
    // The first interval whose end passes k: B stays ≤ k up to the point where it crosses k.
    const j = this.firstIndex((i) => this.before[i]! + (this.ends[i]! - this.starts[i]!) > k);
    if (j === this.starts.length) return Number.POSITIVE_INFINITY;
    return this.starts[j]! + (k - this.before[j]!);
  }

  earliestStartWithin(now: number, ageMs: number): number {
    return this.crossing(this.reachBack(now, ageMs));
  }

  after(start: number, ms: number): number {
    const weeks = this.weeklyMs > 0 ? Math.ceil(ms / this.weeklyMs) + 1 : 1;
    this.cover(start, start + weeks * WEEK_MS);
    const k = this.at(start) + ms;
    while (this.total() < k) this.cover(start, this.ends[this.ends.length - 1]! + WEEK_MS);
    return this.crossing(k);
  }

  /** The first instant where B reaches k (k within the timeline). */
  private crossing(k: number): number {
    const j = this.firstIndex((i) => this.before[i]! + (this.ends[i]! - this.starts[i]!) >= k);
    if (j === this.starts.length) return Number.POSITIVE_INFINITY;
    return this.starts[j]! + Math.max(0, k - this.before[j]!);
  }

  private total(): number {
    const last = this.starts.length - 1;
    return last < 0 ? 0 : this.before[last]! + this.ends[last]! - this.starts[last]!;
  }

  /** B(now) − age, with the timeline reaching back far enough for it to be ≥ 0. */
  private reachBack(now: number, ageMs: number): number {
    const weeks = this.weeklyMs > 0 ? Math.ceil(ageMs / this.weeklyMs) + 1 : 1;
    this.cover(now - weeks * WEEK_MS, now);
    let k = this.at(now) - ageMs;
    // A week with fewer open hours than usual (a DST change): reach one more week back.
    while (k < 0) {
      this.cover((this.starts[0] ?? now) - WEEK_MS, now);
      k = this.at(now) - ageMs;
    }
    return k;
  }

  /** B(t): open milliseconds from the first day to t. t must be covered. Hot: no closure. */
  private at(t: number): number {
    const starts = this.starts;
    // The last interval starting at or before t.
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (starts[mid]! > t) high = mid;
      else low = mid + 1;
    }
    const i = low - 1;
    if (i < 0) return 0;
    return this.before[i]! + Math.min(t, this.ends[i]!) - starts[i]!;
  }

  /** Smallest index where the (monotonic) predicate holds, or the length when it never does. */
  private firstIndex(holds: (i: number) => boolean): number {
    let low = 0;
    let high = this.starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (holds(mid)) high = mid;
      else low = mid + 1;
    }
    return low;
  }

  /**
   * Makes the timeline span whole local days from before `from` to after `to`. It grows by a
   * month at least each time, so a run of instants creeping past its end rebuilds it rarely.
   */
  cover(from: number, to: number): void {
    // The common case, without working out local days (~10 µs each).
    if (from >= this.coveredFrom && to < this.coveredTo) return;
    const tz = this.hours.timeZone;
    const wantFirst = addDays(dayOf(tz, from), -1);
    const wantLast = addDays(dayOf(tz, to), 1);
    if (this.firstDay && this.lastDay && !isBefore(wantFirst, this.firstDay) && !isBefore(this.lastDay, wantLast)) return;
    if (!this.firstDay || !this.lastDay) return this.build(wantFirst, wantLast);
    const first = isBefore(wantFirst, this.firstDay) ? earliest(wantFirst, addDays(this.firstDay, -GROWTH_DAYS)) : this.firstDay;
    const last = isBefore(this.lastDay, wantLast) ? latest(wantLast, addDays(this.lastDay, GROWTH_DAYS)) : this.lastDay;
    this.build(first, last);
  }

  private build(first: LocalDay, last: LocalDay): void {
    const tz = this.hours.timeZone;
    const starts: number[] = [];
    const ends: number[] = [];
    const before: number[] = [];
    let total = 0;
    for (let day = first; !isBefore(last, day); day = addDays(day, 1)) {
      if (!this.days.has(isoWeekday(day))) continue;
      const start = localInstant(tz, day, this.opens);
      const end = localInstant(tz, day, this.closes);
      if (end <= start) continue;
      // Days open until midnight and from midnight touch: one interval.
      if (ends.length > 0 && ends[ends.length - 1] === start) {
        ends[ends.length - 1] = end;
      } else {
        starts.push(start);
        ends.push(end);
        before.push(total);
      }
      total += end - start;
    }
    this.starts = starts;
    this.ends = ends;
    this.before = before;
    this.firstDay = first;
    this.lastDay = last;
    this.coveredFrom = localInstant(tz, first, 0);
    this.coveredTo = localInstant(tz, addDays(last, 1), 0);
  }
}

function earliest(a: LocalDay, b: LocalDay): LocalDay {
  return isBefore(a, b) ? a : b;
}

function latest(a: LocalDay, b: LocalDay): LocalDay {
  return isBefore(a, b) ? b : a;
}

function isBefore(a: LocalDay, b: LocalDay): boolean {
  return a.year !== b.year ? a.year < b.year : a.month !== b.month ? a.month < b.month : a.day < b.day;
}
