import { expect, test } from 'vitest';
import { waitedBadge } from '../../src-renderer/lib/waited';

const now = new Date('2026-10-19T17:00:00Z');
const since = (hours: number) => new Date(now.getTime() - hours * 3_600_000).toISOString();

test('no badge when no reply is needed', () => {
  expect(waitedBadge(null, now)).toBeNull();
  expect(waitedBadge('garbage', now)).toBeNull();
});

test('minutes, hours up to two days, then days; urgent from 24 h', () => {
  expect(waitedBadge(since(0.2), now)).toEqual({ label: '12 min', description: 'Waiting for a reply for 12 minutes', urgent: false });
  expect(waitedBadge(since(0), now)?.label).toBe('1 min');
  expect(waitedBadge(since(21), now)).toMatchObject({ label: '21 h', urgent: false });
  expect(waitedBadge(since(23.99), now)?.urgent).toBe(false);
  expect(waitedBadge(since(24), now)).toMatchObject({ label: '24 h', urgent: true });
  expect(waitedBadge(since(30), now)).toMatchObject({ label: '30 h', urgent: true });
  expect(waitedBadge(since(75), now)).toEqual({ label: '3 d', description: 'Waiting for a reply for 3 days', urgent: true });
  expect(waitedBadge(since(1), now)?.description).toBe('Waiting for a reply for 1 hour');
});

test('a date in the future counts as just now', () => {
  expect(waitedBadge(since(-2), now)).toMatchObject({ label: '1 min', urgent: false });
});
