// Short, calm times for the conversation list and the sync status ("2 min", "Synced 3 min ago").
import { differenceInCalendarDays, format, isSameYear } from 'date-fns';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The list's time column: "now", "12 min", "3 h", "2 d", "12 Oct", "12 Oct 2023". */
export function formatListTime(iso: string, now: Date): string {
  const date = new Date(iso);
  const ms = date.getTime();
  if (Number.isNaN(ms)) return '';
  const elapsed = now.getTime() - ms;
  // A clock a little ahead of ours still reads as "now", not as a time in the future.
  if (elapsed < MINUTE) return 'now';
  if (elapsed < HOUR) return `${Math.floor(elapsed / MINUTE)} min`;
  if (elapsed < DAY) return `${Math.floor(elapsed / HOUR)} h`;
  if (elapsed < 7 * DAY) return `${Math.max(1, differenceInCalendarDays(now, date))} d`;
  return isSameYear(date, now) ? format(date, 'd MMM') : format(date, 'd MMM yyyy');
}

/** A full date for tooltips and screen readers: "Monday 19 October 2026, 16:48". */
export function formatFullDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : format(date, 'EEEE d MMMM yyyy, HH:mm');
}

/** The time of day shown beside a message: "16:48". */
export function formatClockTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : format(date, 'HH:mm');
}

/** "just now", "3 min ago", "2 h ago", "3 days ago", or a date past a week. */
export function formatAgo(iso: string, now: Date): string {
  const ms = new Date(iso).getTime();
  if (Number.isNaN(ms)) return '';
  const elapsed = now.getTime() - ms;
  if (elapsed < MINUTE) return 'just now';
  if (elapsed < HOUR) return `${Math.floor(elapsed / MINUTE)} min ago`;
  if (elapsed < DAY) return `${Math.floor(elapsed / HOUR)} h ago`;
  const days = Math.floor(elapsed / DAY);
  if (days < 7) return days === 1 ? 'yesterday' : `${days} days ago`;
  return `on ${format(new Date(ms), 'd MMM')}`;
}
