// Messages cut into days for the thread's separators ("Today", "Yesterday", "Monday 19 October").
import { differenceInCalendarDays, format, isSameYear, startOfDay } from 'date-fns';

export interface DayGroup<T> {
  /** yyyy-MM-dd in local time: stable key for React. */
  key: string;
  label: string;
  items: T[];
}

/** Groups items (already in time order) by local calendar day, keeping their order. */
export function groupByDay<T>(items: readonly T[], dateOf: (item: T) => string, now: Date): DayGroup<T>[] {
  const groups: DayGroup<T>[] = [];
  let current: DayGroup<T> | null = null;
  for (const item of items) {
    const date = new Date(dateOf(item));
    const key = Number.isNaN(date.getTime()) ? 'unknown' : format(date, 'yyyy-MM-dd');
    if (current === null || current.key !== key) {
      current = { key, label: key === 'unknown' ? 'Unknown date' : dayLabel(date, now), items: [] };
      groups.push(current);
    }
    current.items.push(item);
  }
  return groups;
}

export function dayLabel(date: Date, now: Date): string {
  const days = differenceInCalendarDays(startOfDay(now), startOfDay(date));
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  return isSameYear(date, now) ? format(date, 'EEEE d MMMM') : format(date, 'EEEE d MMMM yyyy');
}
