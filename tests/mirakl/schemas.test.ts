import { describe, expect, it } from 'vitest';
import { m11Envelope, miraklDate, miraklListedThread, miraklOrder, reasonsResponse } from '../../src-main/mirakl/schemas';

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

  it('read an empty next_page_token as the last page, like an absent one', () => {
    expect(m11Envelope.parse({ data: [], next_page_token: '' }).next_page_token).toBeNull();
    expect(m11Envelope.parse({ data: [] }).next_page_token).toBeNull();
    expect(m11Envelope.parse({ data: [], next_page_token: null }).next_page_token).toBeNull();
    expect(m11Envelope.parse({ data: [], next_page_token: 'abc' }).next_page_token).toBe('abc');
  });

  it('read an empty customer_notification_email as none', () => {
    const order = { order_id: '1-A', order_state: 'SHIPPED' };
    expect(miraklOrder.parse({ ...order, customer_notification_email: '' }).customer_notification_email).toBeNull();
    expect(miraklOrder.parse({ ...order, customer_notification_email: '  ' }).customer_notification_email).toBeNull();
    expect(miraklOrder.parse(order).customer_notification_email).toBeNull();
    expect(miraklOrder.parse({ ...order, customer_notification_email: 'relay@mirakl.net' }).customer_notification_email).toBe('relay@mirakl.net');
  });

  it('read RE02 with or without its deprecated total_count', () => {
    expect(reasonsResponse.parse({ reasons: [{ code: '20', label: 'Question about delivery' }] }).reasons).toHaveLength(1);
    expect(reasonsResponse.safeParse({ reasons: [{ code: '20' }], total_count: 1 }).success).toBe(false);
  });
});
