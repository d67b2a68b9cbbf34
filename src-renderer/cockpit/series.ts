// What each day's bar is made of: the API's counts split into parts that do not overlap
// (missed = answered late + still open and late), each with its name and its colour class.
import type { ResponseTimesDay } from '../../src-shared/contract';

export const DAY_PARTS = [
  { key: 'within', label: 'Answered within target', className: 'chart-part--within' },
  { key: 'late', label: 'Answered late', className: 'chart-part--late' },
  { key: 'openLate', label: 'Missed, still open', className: 'chart-part--open-late' },
  { key: 'pending', label: 'Open, not late yet', className: 'chart-part--pending' },
] as const;

export type DayPart = (typeof DAY_PARTS)[number]['key'];

export interface DayBar {
  date: string;
  within: number;
  late: number;
  openLate: number;
  pending: number;
  medianSeconds: number | null;
}

export function dayBars(days: readonly ResponseTimesDay[]): DayBar[] {
  return days.map((d) => ({
    date: d.date,
    within: d.answeredWithinTarget,
    late: d.answeredLate,
    openLate: d.missed - d.answeredLate,
    pending: d.pending,
    medianSeconds: d.medianSeconds,
  }));
}
