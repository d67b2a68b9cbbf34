// The cockpit's small pure parts: periods as the API takes them, CSV, and how numbers read.
import { describe, expect, it } from 'vitest';
import { periodQuery, scoringWindowQuery } from '../../src-renderer/cockpit/period';
import { toCsv } from '../../src-renderer/cockpit/csv';
import { dayRange, duration, percent, ruleText } from '../../src-renderer/cockpit/format';
import { dayBars } from '../../src-renderer/cockpit/series';

describe('periods', () => {
  const now = new Date(2026, 10, 30, 15, 20); // local time
  it('asks for the last N days, today included, up to now', () => {
    expect(periodQuery({ kind: 'last', days: 7 }, now, 'Europe/Paris')).toEqual({ from: '2026-11-24', to: now.toISOString(), tz: 'Europe/Paris' });
    expect(periodQuery({ kind: 'last', days: 30 }, now, 'UTC')?.from).toBe('2026-11-01');
  });
  it('asks for a custom range of whole days, and refuses one backwards', () => {
    expect(periodQuery({ kind: 'custom', firstDay: '2026-10-01', lastDay: '2026-10-31' }, now, 'UTC')).toEqual({ from: '2026-10-01', to: '2026-11-01', tz: 'UTC' });
    expect(periodQuery({ kind: 'custom', firstDay: '2026-10-31', lastDay: '2026-10-01' }, now, 'UTC')).toBeNull();
    expect(periodQuery({ kind: 'custom', firstDay: 'nope', lastDay: '2026-10-01' }, now, 'UTC')).toBeNull();
  });
  it('scores over a rolling window ending now', () => {
    const q = scoringWindowQuery(30, now, 'UTC');
    expect(Date.parse(q.to) - Date.parse(q.from)).toBe(30 * 86_400_000);
  });
});

describe('CSV', () => {
  it('quotes what needs quoting and ends lines with CRLF', () => {
    expect(toCsv(['Day', 'Missed, still open', 'Note'], [['2026-11-30', 3, 'say "hi"'], ['2026-12-01', null, ' padded']])).toBe(
      'Day,"Missed, still open",Note\r\n2026-11-30,3,"say ""hi"""\r\n2026-12-01,," padded"\r\n',
    );
  });
});

describe('formats', () => {
  it('reads durations and rates without overstating them', () => {
    expect(duration(null)).toBe('—');
    expect(duration(45 * 60)).toBe('45 min');
    expect(duration(3 * 3600 + 20 * 60)).toBe('3 h 20 min');
    expect(duration(24 * 3600)).toBe('24 h');
    expect(duration(48 * 3600)).toBe('48 h');
    expect(duration(50 * 3600)).toBe('2 d 2 h');
    expect(percent(1)).toBe('100 %');
    expect(percent(0.99999)).toBe('99.9 %');
    expect(percent(0.5)).toBe('50.0 %');
  });
  it('says a rule in words', () => {
    expect(dayRange([1, 2, 3, 4, 5])).toBe('Mon–Fri');
    expect(dayRange([1, 3, 5])).toBe('Mon, Wed, Fri');
    expect(ruleText({ targetSeconds: 86_400, businessHours: null })).toBe('within 24 h');
    expect(ruleText({ targetSeconds: 86_400, warningSeconds: 72_000, businessHours: null })).toBe('within 24 h, warned at 20 h');
    expect(ruleText({ targetSeconds: 86_400, businessHours: { timeZone: 'America/Toronto', days: [1, 2, 3, 4, 5], opens: '00:00', closes: '24:00' } })).toBe(
      'within 24 h of business time (Mon–Fri, America/Toronto)',
    );
  });
  it('splits a day into parts that add up to its waits', () => {
    const [bar] = dayBars([{ date: '2026-11-30', waits: 10, answeredWithinTarget: 5, answeredLate: 2, missed: 4, pending: 1, medianSeconds: 60 }]);
    expect(bar).toMatchObject({ within: 5, late: 2, openLate: 2, pending: 1 });
    expect(bar!.within + bar!.late + bar!.openLate + bar!.pending).toBe(10);
  });
});
