import { expect, test } from 'vitest';
import { dayLabel, groupByDay } from '../../src-renderer/lib/day-groups';

const now = new Date(2026, 9, 19, 17, 0); // Monday 19 October 2026
const at = (...args: [number, number, number, number, number]) => ({ sentAt: new Date(...args).toISOString() });

test('labels: Today, Yesterday, weekday and date, year when not this one', () => {
  expect(dayLabel(new Date(2026, 9, 19, 0, 1), now)).toBe('Today');
  expect(dayLabel(new Date(2026, 9, 18, 23, 59), now)).toBe('Yesterday');
  expect(dayLabel(new Date(2026, 9, 12, 9, 0), now)).toBe('Monday 12 October');
  expect(dayLabel(new Date(2025, 11, 24, 9, 0), now)).toBe('Wednesday 24 December 2025');
});

test('messages in time order are cut at local midnight, order kept', () => {
  const messages = [at(2026, 9, 17, 9, 0), at(2026, 9, 17, 23, 59), at(2026, 9, 18, 0, 0), at(2026, 9, 19, 8, 0), at(2026, 9, 19, 16, 48)];
  const groups = groupByDay(messages, (m) => m.sentAt, now);
  expect(groups.map((g) => g.label)).toEqual(['Saturday 17 October', 'Yesterday', 'Today']);
  expect(groups.map((g) => g.items.length)).toEqual([2, 1, 2]);
  expect(groups.flatMap((g) => g.items)).toEqual(messages);
  expect(groups[2]?.key).toBe('2026-10-19');
});

test('no messages, no groups', () => {
  expect(groupByDay([], (m: { sentAt: string }) => m.sentAt, now)).toEqual([]);
});
