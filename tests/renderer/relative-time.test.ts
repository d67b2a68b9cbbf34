import { expect, test } from 'vitest';
import { formatAgo, formatClockTime, formatListTime } from '../../src-renderer/lib/relative-time';

const now = new Date(2026, 9, 19, 17, 0, 0);
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
const MIN = 60_000;

test('list times: now, minutes, hours, days, then dates', () => {
  expect(formatListTime(ago(20_000), now)).toBe('now');
  expect(formatListTime(ago(-30_000), now)).toBe('now'); // a clock slightly ahead
  expect(formatListTime(ago(2 * MIN), now)).toBe('2 min');
  expect(formatListTime(ago(59 * MIN), now)).toBe('59 min');
  expect(formatListTime(ago(60 * MIN), now)).toBe('1 h');
  expect(formatListTime(ago(23 * 60 * MIN), now)).toBe('23 h');
  expect(formatListTime(ago(3 * 24 * 60 * MIN), now)).toBe('3 d');
  expect(formatListTime(new Date(2026, 2, 12, 9, 0).toISOString(), now)).toBe('12 Mar');
  expect(formatListTime(new Date(2024, 11, 31, 9, 0).toISOString(), now)).toBe('31 Dec 2024');
  expect(formatListTime('not a date', now)).toBe('');
});

test('"synced … ago" and clock times', () => {
  expect(formatAgo(ago(10_000), now)).toBe('just now');
  expect(formatAgo(ago(3 * MIN), now)).toBe('3 min ago');
  expect(formatAgo(ago(2 * 60 * MIN), now)).toBe('2 h ago');
  expect(formatAgo(ago(26 * 60 * MIN), now)).toBe('yesterday');
  expect(formatAgo(ago(3 * 24 * 60 * MIN), now)).toBe('3 days ago');
  expect(formatClockTime(new Date(2026, 9, 19, 16, 48).toISOString())).toBe('16:48');
});
