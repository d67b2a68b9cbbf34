// Counted time: calendar, and business hours in the connection's own time zone (weekends, DST).
import { describe, expect, it } from 'vitest';
import { BusinessClock, calendarClock } from '../../src-main/stats/work-clock';
import { daysOfPeriod } from '../../src-main/stats/local-time';

const H = 3_600_000;
const M = 60_000;
const parisWeekdays = new BusinessClock({ timeZone: 'Europe/Paris', days: [1, 2, 3, 4, 5], opens: '09:00', closes: '18:00' });
/** Paris is UTC+1 in winter, UTC+2 in summer. */
const paris = (iso: string) => Date.parse(iso);

describe('calendar clock', () => {
  it('counts every millisecond and never negative', () => {
    expect(calendarClock.between(1_000, 5_000)).toBe(4_000);
    expect(calendarClock.between(5_000, 1_000)).toBe(0);
    expect(calendarClock.after(1_000, H)).toBe(1_000 + H);
  });
});

describe('business hours', () => {
  it('counts only the open hours of open days, across a weekend', () => {
    // Friday 17:00 Paris → Monday 10:00 Paris: 1 h on Friday, 1 h on Monday.
    expect(parisWeekdays.between(paris('2026-11-06T17:00:00+01:00'), paris('2026-11-09T10:00:00+01:00'))).toBe(2 * H);
    // Saturday to Sunday: nothing counts.
    expect(parisWeekdays.between(paris('2026-11-07T08:00:00+01:00'), paris('2026-11-08T20:00:00+01:00'))).toBe(0);
    // A whole working week: 5 × 9 h.
    expect(parisWeekdays.between(paris('2026-11-09T00:00:00+01:00'), paris('2026-11-16T00:00:00+01:00'))).toBe(45 * H);
  });

  it('reads the hours in the connection’s zone across a DST change', () => {
    // Paris leaves summer time on Sunday 25 October 2026. Friday 23 Oct 17:00 (+02:00) → Monday 26 Oct 10:00 (+01:00).
    expect(parisWeekdays.between(paris('2026-10-23T17:00:00+02:00'), paris('2026-10-26T10:00:00+01:00'))).toBe(2 * H);
    // Every hour of every day: the fall-back Sunday counts 25 hours.
    const always = new BusinessClock({ timeZone: 'Europe/Paris', days: [1, 2, 3, 4, 5, 6, 7], opens: '00:00', closes: '24:00' });
    expect(always.between(paris('2026-10-25T00:00:00+02:00'), paris('2026-10-26T00:00:00+01:00'))).toBe(25 * H);
    // One business day, Monday to Friday, all day (Best Buy Canada): Friday noon → Monday noon is 24 h.
    const toronto = new BusinessClock({ timeZone: 'America/Toronto', days: [1, 2, 3, 4, 5], opens: '00:00', closes: '24:00' });
    expect(toronto.between(Date.parse('2026-11-06T12:00:00-05:00'), Date.parse('2026-11-09T12:00:00-05:00'))).toBe(24 * H);
  });

  it('turns a deadline in business time into an instant', () => {
    // 24 business hours from Thursday 17:00: 1 h Thu, 9 h Fri, 9 h Mon, 5 h Tue → Tuesday 14:00.
    expect(parisWeekdays.after(paris('2026-11-05T17:00:00+01:00'), 24 * H)).toBe(paris('2026-11-10T14:00:00+01:00'));
    // From a Saturday, the count starts on Monday at 09:00.
    expect(parisWeekdays.after(paris('2026-11-07T12:00:00+01:00'), 1 * H)).toBe(paris('2026-11-09T10:00:00+01:00'));
  });

  it('turns an age into the latest start that is at least that old', () => {
    const now = paris('2026-11-09T10:00:00+01:00'); // Monday 10:00: 1 h of Monday has counted
    // 2 business hours back: Friday 17:00.
    expect(parisWeekdays.latestStartAged(now, 2 * H)).toBe(paris('2026-11-06T17:00:00+01:00'));
    // 1 business hour back reaches Monday 09:00; the latest start that old is Monday 09:00 itself.
    expect(parisWeekdays.latestStartAged(now, 1 * H)).toBe(paris('2026-11-09T09:00:00+01:00'));
    // A wait started on Saturday is exactly 1 h old too.
    expect(parisWeekdays.between(paris('2026-11-07T12:00:00+01:00'), now)).toBe(1 * H);
    // The earliest start at most 1 h old: Friday 18:00 (nothing counts from there to Monday 09:00).
    expect(parisWeekdays.earliestStartWithin(now, 1 * H)).toBe(paris('2026-11-06T18:00:00+01:00'));
    expect(parisWeekdays.between(paris('2026-11-06T18:00:00+01:00'), now)).toBe(1 * H);
    expect(parisWeekdays.between(paris('2026-11-06T18:00:00+01:00') - M, now)).toBe(1 * H + M);
  });

  it('agrees with itself: the ages of the instants it returns are the ages asked', () => {
    const now = paris('2026-10-27T11:20:00+01:00');
    for (const age of [0.5 * H, 4 * H, 12 * H, 20 * H, 24 * H, 100 * H]) {
      const latest = parisWeekdays.latestStartAged(now, age);
      expect(parisWeekdays.between(latest, now)).toBe(age);
      expect(parisWeekdays.between(latest + 1, now)).toBeLessThan(age);
      const earliest = parisWeekdays.earliestStartWithin(now, age);
      expect(parisWeekdays.between(earliest, now)).toBe(age);
      expect(parisWeekdays.between(earliest - 1, now)).toBeGreaterThan(age);
    }
  });
});

describe('days of a period', () => {
  it('gives each local day with the instant it starts, DST days included', () => {
    const days = daysOfPeriod('Europe/Paris', paris('2026-10-24T00:00:00+02:00'), paris('2026-10-27T00:00:00+01:00'));
    expect(days.map((d) => d.date)).toEqual(['2026-10-24', '2026-10-25', '2026-10-26']);
    expect(days[2]!.start - days[1]!.start).toBe(25 * H);
    expect(days[1]!.start - days[0]!.start).toBe(24 * H);
  });
});
