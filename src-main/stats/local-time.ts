// Local calendar days and wall-clock times in an IANA time zone, as instants (epoch ms).
// The zone rules (DST) come from @date-fns/tz; results are memoized because building a
// TZDate from local parts costs ~30 µs and a cockpit query asks for the same days again.
import { TZDate } from '@date-fns/tz';

/** A calendar day, independent of any zone. */
export interface LocalDay {
  year: number;
  /** 0-11, as Date. */
  month: number;
  day: number;
}

const MEMO_LIMIT = 20_000;
const memo = new Map<string, number>();

/** The instant of a wall-clock time (minutes since midnight, up to 24 h) on a day, in a zone. */
export function localInstant(timeZone: string, day: LocalDay, minutes: number): number {
  const key = `${timeZone}|${day.year}|${day.month}|${day.day}|${minutes}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  const at = new TZDate(day.year, day.month, day.day, Math.floor(minutes / 60), minutes % 60, timeZone).getTime();
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, at);
  return at;
}

/** The calendar day an instant falls on, in a zone. */
export function dayOf(timeZone: string, at: number): LocalDay {
  const local = new TZDate(at, timeZone);
  return { year: local.getFullYear(), month: local.getMonth(), day: local.getDate() };
}

/** The day `offset` days after `day` (calendar arithmetic, no zone involved). */
export function addDays(day: LocalDay, offset: number): LocalDay {
  const d = new Date(Date.UTC(day.year, day.month, day.day + offset));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth(), day: d.getUTCDate() };
}

/** ISO weekday of a calendar day: 1 Monday … 7 Sunday. */
export function isoWeekday(day: LocalDay): number {
  const sunday0 = new Date(Date.UTC(day.year, day.month, day.day)).getUTCDay();
  return sunday0 === 0 ? 7 : sunday0;
}

/** "YYYY-MM-DD". */
export function formatDay(day: LocalDay): string {
  return `${day.year}-${String(day.month + 1).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;
}

/** Whole days from a to b (b later), calendar arithmetic. */
export function daysBetween(a: LocalDay, b: LocalDay): number {
  return Math.round((Date.UTC(b.year, b.month, b.day) - Date.UTC(a.year, a.month, a.day)) / 86_400_000);
}

/** The calendar days an interval [from, to) touches in a zone, with the instant each starts. */
export function daysOfPeriod(timeZone: string, from: number, to: number): Array<{ date: string; start: number }> {
  const first = dayOf(timeZone, from);
  const last = dayOf(timeZone, Math.max(from, to - 1));
  const days: Array<{ date: string; start: number }> = [];
  for (let i = 0, n = daysBetween(first, last); i <= n; i++) {
    const day = addDays(first, i);
    days.push({ date: formatDay(day), start: localInstant(timeZone, day, 0) });
  }
  return days;
}
