import { describe, expect, it } from 'vitest';
import { miraklDate, miraklListedThread } from '../../src-main/mirakl/schemas';

describe('Mirakl boundary schemas', () => {
  it('accept dates with or without milliseconds, Z or an offset', () => {
    expect(miraklDate.parse('2024-05-03T10:15:00Z')).toBe(Date.UTC(2024, 4, 3, 10, 15, 0));
    expect(miraklDate.parse('2024-05-03T10:15:00.123Z')).toBe(Date.UTC(2024, 4, 3, 10, 15, 0, 123));
    expect(miraklDate.parse('2024-05-03T12:15:00+02:00')).toBe(Date.UTC(2024, 4, 3, 10, 15, 0));
    expect(miraklDate.safeParse('03/05/2024').success).toBe(false);
  });

  it('reject a thread missing a required field, naming it', () => {
    const result = miraklListedThread.safeParse({ id: 't1', topic: { type: 'FREE_TEXT', value: 'x' } });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path[0])).toContain('date_updated');
  });
});
