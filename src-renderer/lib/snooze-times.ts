// The snooze menu's choices, in the technician's own time zone: later today (in 3 hours,
// or this evening's end of day if that comes first), tomorrow morning, next Monday morning.
import { addDays, addHours, isBefore, nextMonday, set } from 'date-fns';

export interface SnoozeChoice {
  id: 'later' | 'tomorrow' | 'monday';
  label: string;
  at: Date;
}

const MORNING = { hours: 9, minutes: 0, seconds: 0, milliseconds: 0 };

export function snoozeChoices(now: Date): SnoozeChoice[] {
  const choices: SnoozeChoice[] = [];
  const later = addHours(now, 3);
  // Late in the day, "later today" would be tomorrow: not offered then.
  if (later.getDate() === now.getDate() && later.getHours() < 21) choices.push({ id: 'later', label: 'Later today', at: later });
  choices.push({ id: 'tomorrow', label: 'Tomorrow morning', at: set(addDays(now, 1), MORNING) });
  const monday = set(nextMonday(now), MORNING);
  // On a Sunday, Monday is tomorrow: offered once.
  if (isBefore(set(addDays(now, 1), MORNING), monday)) choices.push({ id: 'monday', label: 'Monday morning', at: monday });
  return choices;
}

/** A <input type="datetime-local"> value (local time, minutes) for a date. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
