// The cockpit's periods as the API takes them: the last N calendar days (today included, in
// the browser's zone) or a custom range of days, and a marketplace's rolling scoring window.
import { format, subDays, addDays, parseISO, isValid } from 'date-fns';

export type PeriodChoice = { kind: 'last'; days: 7 | 30 | 90 } | { kind: 'custom'; firstDay: string; lastDay: string };

export interface PeriodQuery {
  from: string;
  to: string;
  tz: string;
}

export const PERIOD_PRESETS = [7, 30, 90] as const;

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** "YYYY-MM-DD" of a local date. */
export function dayString(date: Date): string {
  return format(date, 'yyyy-MM-dd');
}

/**
 * The API's from/to for a period: days are given as days (the server starts them in `tz`),
 * the last N days end now. Null when a custom range is not a valid range of days.
 */
export function periodQuery(choice: PeriodChoice, now: Date, tz: string): PeriodQuery | null {
  if (choice.kind === 'last') {
    return { from: dayString(subDays(now, choice.days - 1)), to: now.toISOString(), tz };
  }
  const first = parseISO(choice.firstDay);
  const last = parseISO(choice.lastDay);
  if (!isValid(first) || !isValid(last) || last < first) return null;
  return { from: choice.firstDay, to: dayString(addDays(last, 1)), tz };
}

/** The marketplace's rolling window, as it scores the shop: the last N × 24 hours. */
export function scoringWindowQuery(days: number, now: Date, tz: string): PeriodQuery {
  return { from: new Date(now.getTime() - days * 86_400_000).toISOString(), to: now.toISOString(), tz };
}

export function periodLabel(choice: PeriodChoice): string {
  return choice.kind === 'last' ? `last ${choice.days} days` : `${choice.firstDay} to ${choice.lastDay}`;
}
