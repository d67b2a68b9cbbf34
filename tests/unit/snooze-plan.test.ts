// A snooze never hides the marketplace's 24-hour deadline.
import { expect, test } from 'vitest';
import { ANSWER_MARGIN_MS, REPLY_DEADLINE_MS, planSnooze } from '../../src-shared/snooze-plan';

const HOUR = 3_600_000;
const now = Date.parse('2026-03-02T09:00:00Z');

test('nobody waiting: it comes back when asked, or only on a message', () => {
  expect(planSnooze(now + 5 * HOUR, null, now)).toEqual({ wakeAt: now + 5 * HOUR, deadline: null, early: false, warning: null });
  expect(planSnooze(null, null, now).wakeAt).toBeNull();
});

test('a snooze that ends before the deadline (less the margin) is kept as asked', () => {
  const since = now - 10 * HOUR;
  expect(planSnooze(now + 5 * HOUR, since, now)).toMatchObject({ wakeAt: now + 5 * HOUR, early: false, warning: null, deadline: since + REPLY_DEADLINE_MS });
});

test('one that would end after it comes back early enough to answer, and says so', () => {
  const since = now - 10 * HOUR;
  const plan = planSnooze(now + 20 * HOUR, since, now, (ms) => new Date(ms).toISOString().slice(11, 16));
  expect(plan.wakeAt).toBe(since + REPLY_DEADLINE_MS - ANSWER_MARGIN_MS);
  expect(plan.early).toBe(true);
  expect(plan.warning).toBe("The customer must be answered by 23:00 (the marketplace's 24 hours): this conversation comes back at 21:00, not 05:00.");
  // Until the customer writes: the deadline still brings it back.
  expect(planSnooze(null, since, now).wakeAt).toBe(since + REPLY_DEADLINE_MS - ANSWER_MARGIN_MS);
});

test('inside the margin already: it comes back at once; past the deadline: as asked, with a warning', () => {
  expect(planSnooze(now + HOUR, now - 23 * HOUR, now).wakeAt).toBe(now);
  const late = planSnooze(now + HOUR, now - 30 * HOUR, now);
  expect(late.wakeAt).toBe(now + HOUR);
  expect(late.warning).toMatch(/more than 24 hours already/);
});
