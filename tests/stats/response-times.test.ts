// The cockpit's figures from waits: within / late / missed / pending, on-time rate,
// nearest-rank median and p90, days in the zone asked for, business-hours targets.
import { describe, expect, it } from 'vitest';
import { nearestRank, summarizePeriod, type TargetRule, type WaitRow } from '../../src-main/stats/response-times';
import { daysOfPeriod } from '../../src-main/stats/local-time';
import { BusinessClock, calendarClock } from '../../src-main/stats/work-clock';
import { startRangeForAge, startRangeForBreach } from '../../src-main/stats/open-waits';

const H = 3_600_000;
const day24: TargetRule = { targetMs: 24 * H, clock: calendarClock };

function summarize(waits: WaitRow[], from: string, to: string, now: string, rules = new Map([[1, day24]]), tz = 'Europe/Paris') {
  const f = Date.parse(from);
  const t = Date.parse(to);
  return summarizePeriod(waits, { from: f, to: t, now: Date.parse(now), days: daysOfPeriod(tz, f, t), rules });
}
const w = (start: string, end: string | null, accountId = 1): WaitRow => ({ accountId, startedAt: Date.parse(start), endedAt: end === null ? null : Date.parse(end) });

describe('nearest rank', () => {
  it('takes the value at rank ⌈p·n⌉', () => {
    expect(nearestRank([1, 2, 3, 4], 0.5)).toBe(2);
    expect(nearestRank([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(nearestRank([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.9)).toBe(90);
    expect(nearestRank([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110], 0.9)).toBe(100);
    expect(nearestRank([7], 0.9)).toBe(7);
    expect(nearestRank([], 0.5)).toBeNull();
  });
});

describe('a period', () => {
  it('judges each wait against the target, open ones at now', () => {
    const totals = summarize(
      [
        w('2026-11-02T08:00:00Z', '2026-11-02T10:00:00Z'), // 2 h: within
        w('2026-11-02T09:00:00Z', '2026-11-03T09:00:00Z'), // exactly 24 h: within
        w('2026-11-02T10:00:00Z', '2026-11-03T12:00:00Z'), // 26 h: late
        w('2026-11-03T12:00:00Z', null), // open 30 h at now: missed
        w('2026-11-04T12:00:00Z', null), // open 6 h: pending
      ],
      '2026-11-02T00:00:00+01:00',
      '2026-11-05T00:00:00+01:00',
      '2026-11-04T18:00:00Z',
    );
    expect(totals).toMatchObject({ waits: 5, answeredWithinTarget: 2, answeredLate: 1, missed: 2, pending: 1, onTimeRate: 0.5 });
    // Answered: 2 h, 24 h, 26 h → median rank 2 = 24 h, p90 rank 3 = 26 h.
    expect(totals.medianSeconds).toBe(24 * 3600);
    expect(totals.p90Seconds).toBe(26 * 3600);
    expect(totals.days.map((d) => [d.date, d.waits, d.answeredWithinTarget, d.answeredLate, d.missed, d.pending, d.medianSeconds])).toEqual([
      ['2026-11-02', 3, 2, 1, 1, 0, 24 * 3600],
      ['2026-11-03', 1, 0, 0, 1, 0, null],
      ['2026-11-04', 1, 0, 0, 0, 1, null],
    ]);
  });

  it('counts nothing judged as on time, and skips waits outside the period', () => {
    const empty = summarize([], '2026-11-02T00:00:00Z', '2026-11-03T00:00:00Z', '2026-11-04T00:00:00Z', undefined, 'UTC');
    expect(empty).toMatchObject({ waits: 0, onTimeRate: 1, medianSeconds: null, p90Seconds: null });
    expect(empty.days).toEqual([{ date: '2026-11-02', waits: 0, answeredWithinTarget: 0, answeredLate: 0, missed: 0, pending: 0, medianSeconds: null }]);
    const edges = summarize(
      [w('2026-11-01T23:59:59Z', '2026-11-02T01:00:00Z'), w('2026-11-02T00:00:00Z', '2026-11-02T01:00:00Z'), w('2026-11-03T00:00:00Z', null)],
      '2026-11-02T00:00:00Z',
      '2026-11-03T00:00:00Z',
      '2026-11-04T00:00:00Z',
      undefined,
      'UTC',
    );
    expect(edges.waits).toBe(1);
  });

  it('buckets days in the zone asked for, across a DST change', () => {
    // Paris falls back on 25 October 2026: that day lasts 25 hours, from 22:00Z on the 24th to 23:00Z on the 25th.
    const totals = summarize(
      [
        w('2026-10-24T21:59:00Z', '2026-10-24T22:30:00Z'), // 23:59 on the 24th (+02:00)
        w('2026-10-24T22:00:00Z', '2026-10-24T22:30:00Z'), // 00:00 on the 25th
        w('2026-10-25T22:30:00Z', '2026-10-25T23:30:00Z'), // 23:30 on the 25th (+01:00)
        w('2026-10-25T23:00:00Z', '2026-10-26T00:30:00Z'), // 00:00 on the 26th
      ],
      '2026-10-24T00:00:00+02:00',
      '2026-10-27T00:00:00+01:00',
      '2026-10-30T00:00:00Z',
    );
    expect(totals.days.map((d) => [d.date, d.waits])).toEqual([
      ['2026-10-24', 1],
      ['2026-10-25', 2],
      ['2026-10-26', 1],
    ]);
    // The same waits by UTC days.
    const utc = summarize(
      [w('2026-10-24T21:59:00Z', null), w('2026-10-24T22:00:00Z', null), w('2026-10-25T22:30:00Z', null), w('2026-10-25T23:00:00Z', null)],
      '2026-10-24T00:00:00Z',
      '2026-10-27T00:00:00Z',
      '2026-10-26T00:00:00Z',
      undefined,
      'UTC',
    );
    expect(utc.days.map((d) => [d.date, d.waits, d.pending])).toEqual([
      ['2026-10-24', 2, 0],
      ['2026-10-25', 2, 2],
      ['2026-10-26', 0, 0],
    ]);
  });

  it('counts business hours for a business-hours target: a weekend does not make a reply late', () => {
    const rule: TargetRule = { targetMs: 8 * H, clock: new BusinessClock({ timeZone: 'Europe/Paris', days: [1, 2, 3, 4, 5], opens: '09:00', closes: '18:00' }) };
    const totals = summarize(
      [
        w('2026-11-06T16:00:00+01:00', '2026-11-09T14:00:00+01:00'), // Fri 16:00 → Mon 14:00: 2 h + 5 h = 7 h, within
        w('2026-11-06T10:00:00+01:00', '2026-11-09T10:00:00+01:00'), // Fri 10:00 → Mon 10:00: 8 h + 1 h = 9 h, late
        w('2026-11-07T11:00:00+01:00', null), // Saturday, open; at Mon 12:00 it is 3 business hours old: pending
      ],
      '2026-11-06T00:00:00+01:00',
      '2026-11-09T00:00:00+01:00',
      '2026-11-09T12:00:00+01:00',
      new Map([[1, rule]]),
    );
    expect(totals).toMatchObject({ answeredWithinTarget: 1, answeredLate: 1, missed: 1, pending: 1, medianSeconds: 7 * 3600, p90Seconds: 9 * 3600 });
  });

  it('judges each marketplace against its own target', () => {
    const rules = new Map<number, TargetRule>([
      [1, day24],
      [2, { targetMs: 48 * H, clock: calendarClock }],
    ]);
    const totals = summarize(
      [w('2026-11-02T00:00:00Z', '2026-11-03T06:00:00Z', 1), w('2026-11-02T01:00:00Z', '2026-11-03T06:00:00Z', 2)],
      '2026-11-02T00:00:00Z',
      '2026-11-03T00:00:00Z',
      '2026-11-05T00:00:00Z',
      rules,
      'UTC',
    );
    expect(totals).toMatchObject({ answeredWithinTarget: 1, answeredLate: 1 });
  });
});

describe('open waits as start ranges', () => {
  it('finds the starts of an age bucket and of the ones about to breach, in business time', () => {
    const clock = new BusinessClock({ timeZone: 'Europe/Paris', days: [1, 2, 3, 4, 5], opens: '09:00', closes: '18:00' });
    const now = Date.parse('2026-11-09T11:00:00+01:00'); // Monday 11:00
    // 1–4 h old: started after Friday 16:00 (4 h) and at or before Monday 10:00 (1 h).
    expect(startRangeForAge(clock, now, 1 * H, 4 * H)).toEqual({
      after: Date.parse('2026-11-06T16:00:00+01:00'),
      atOrBefore: Date.parse('2026-11-09T10:00:00+01:00'),
    });
    // Target 8 h, breaching within 4 h: 4–8 h old, started from Friday 12:00 to Friday 16:00.
    expect(startRangeForBreach(clock, now, 8 * H, 4 * H)).toEqual({
      atOrAfter: Date.parse('2026-11-06T12:00:00+01:00'),
      atOrBefore: Date.parse('2026-11-06T16:00:00+01:00'),
    });
    expect(startRangeForAge(calendarClock, now, 0, 1 * H)).toEqual({ after: now - H, atOrBefore: null });
  });
});

describe('waits read from the store as one text', () => {
  it('reads every field, open waits included', async () => {
    const { unpackWaits } = await import('../../src-main/db/response-stats');
    const from = 1_700_000_000_000;
    const columns = unpackWaits('1,0,3600,2,500,-1,13,5,0', from);
    expect(columns.length).toBe(3);
    expect([...columns.accountIds]).toEqual([1, 2, 13]);
    expect([...columns.starts]).toEqual([from, from + 500, from + 5]);
    expect(columns.ends[0]).toBe(from + 3600);
    expect(Number.isNaN(columns.ends[1]!)).toBe(true);
    expect(columns.ends[2]).toBe(from + 5);
    expect(unpackWaits('', from).length).toBe(0);
  });
});
