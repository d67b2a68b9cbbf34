import { describe, expect, it } from 'vitest';
import { miraklListedThread } from '../../src-main/mirakl/schemas';
import { mapThread } from '../../src-main/sync/map-thread';
import { topicSubject } from '../../src-main/mirakl/topic-subject';

const thread = miraklListedThread.parse({
  id: 'th-1',
  topic: { type: 'FREE_TEXT', value: 'Demande de retour' },
  entities: [{ type: 'MMP_OFFER', id: 'offer-9', label: 'x' }, { type: 'MMP_ORDER', id: '20000037-A', label: '20000037-A' }],
  authorized_participants: [
    { type: 'SHOP', id: '2001', display_name: 'Shop' },
    { type: 'CUSTOMER', id: 'cust-42', display_name: 'Søren Tanaka' },
    { type: 'OPERATOR', display_name: 'Operator' },
  ],
  current_participants: [],
  date_created: '2024-05-01T08:00:00Z',
  date_updated: '2024-05-02T09:00:00.500Z',
  metadata: { last_message_date: '2024-05-02T09:00:00Z', last_sender: { type: 'CUSTOMER_USER', display_name: 'Søren' }, shop_reply_needed_since: '2024-05-02T09:00:00Z', total_count: 3 },
  messages: [
    { id: 'm3', body: 'Any news?', date_created: '2024-05-02T09:00:00Z', from: { type: 'CUSTOMER_USER', display_name: 'Søren' }, to: [] },
    { id: 'm1', body: '<p>Bonjour</p>', date_created: '2024-05-01T08:00:00Z', from: { type: 'CUSTOMER_USER', display_name: 'Søren' }, to: [], attachments: [{ id: 'a1', name: 'photo.jpg', size: 2400 }] },
    { id: 'm2', body: 'We are on it', date_created: '2024-05-01T10:00:00.250Z', from: { type: 'SHOP_USER', display_name: 'Tom' }, to: [] },
    { id: 'm4', body: 'Automated', date_created: '2024-05-01T11:00:00Z', from: { type: 'SYSTEM_USER', display_name: 'Bot' }, to: [] },
  ],
});

describe('mapping a Mirakl thread', () => {
  const mapped = mapThread(thread);

  it('takes the order from the MMP_ORDER entity and the customer from the CUSTOMER participant', () => {
    expect(mapped.orderId).toBe('20000037-A');
    expect(mapped.customer).toEqual({ miraklId: 'cust-42', name: 'Søren Tanaka' });
    expect(mapped.subject).toBe('Demande de retour');
  });

  it('orders messages by time and tells directions apart, keeping unknown sender types', () => {
    expect(mapped.messages.map((m) => m.miraklMessageId)).toEqual(['m1', 'm2', 'm4', 'm3']);
    expect(mapped.messages.map((m) => m.direction)).toEqual(['inbound', 'outbound', 'inbound', 'inbound']);
    expect(mapped.messages[2]!.senderType).toBe('SYSTEM_USER');
    expect(mapped.messages[0]!.bodyText).toBe('Bonjour');
    expect(mapped.messages[0]!.body).toBe('<p>Bonjour</p>');
    expect(mapped.messages[0]!.attachments).toEqual([{ miraklAttachmentId: 'a1', name: 'photo.jpg', size: 2400 }]);
  });

  it('converts times to epoch ms and keeps reply-needed', () => {
    expect(mapped.updatedAt).toBe(Date.UTC(2024, 4, 2, 9, 0, 0, 500));
    expect(mapped.replyNeededSince).toBe(Date.UTC(2024, 4, 2, 9));
    expect(mapped.lastMessageAt).toBe(Date.UTC(2024, 4, 2, 9));
  });
});

describe('subjects', () => {
  it('shows a reason code by its label, never as a bare number, and keeps free text as written', () => {
    expect(topicSubject({ type: 'REASON_CODE', value: '20' }, 'Question about delivery')).toBe('Question about delivery');
    expect(topicSubject({ type: 'REASON_CODE', value: '27' })).toBe('Reason 27');
    expect(topicSubject({ type: 'REASON_CODE', value: '27' }, '  ')).toBe('Reason 27');
    expect(topicSubject({ type: 'REASON_CODE', value: 'DAMAGED_PRODUCT' })).toBe('Damaged product');
    expect(topicSubject({ type: 'REASON_CODE', value: 'Produit endommagé' })).toBe('Produit endommagé');
    expect(topicSubject({ type: 'FREE_TEXT', value: 'WHERE_IS_IT' })).toBe('WHERE_IS_IT');
    expect(topicSubject({ type: 'FREE_TEXT', value: '20' }, 'Question about delivery')).toBe('20');
  });

  it('keeps the reason code beside the subject', () => {
    const coded = mapThread({ ...thread, topic: { type: 'REASON_CODE', value: '23' } });
    expect(coded).toMatchObject({ subject: 'Reason 23', topicType: 'REASON_CODE', topicValue: '23' });
  });
});

describe('what real shops send', () => {
  it('accepts absent or null optional fields and names a nameless customer after nobody yet', () => {
    const sparse = miraklListedThread.parse({
      id: 'th-2',
      topic: { type: 'REASON_CODE', value: '22' },
      entities: [{ type: 'MMP_ORDER', id: '20000038-A', label: null }],
      authorized_participants: [{ type: 'CUSTOMER', id: 'cust-7', display_name: null }],
      current_participants: [{ type: 'CUSTOMER', id: 'cust-7' }],
      date_created: '2024-05-01T08:00:00Z',
      date_updated: '2024-05-01T08:00:00Z',
      metadata: { last_message_date: '2024-05-01T08:00:00Z', last_sender: null, total_count: 1 },
      messages: [{ id: 'm1', body: null, date_created: '2024-05-01T08:00:00Z', from: { type: 'CUSTOMER_USER', display_name: '' }, to: [], attachments: null }],
    });
    const mapped = mapThread(sparse);
    expect(mapped.replyNeededSince).toBeNull();
    expect(mapped.orderId).toBe('20000038-A');
    expect(mapped.customer).toEqual({ miraklId: 'cust-7', name: '' });
    expect(mapped.messages[0]).toMatchObject({ body: '', bodyText: '', senderName: '', attachments: [] });
  });

  it("gives a customer's nameless message the thread's customer name", () => {
    const named = mapThread({ ...thread, messages: [{ ...thread.messages![0]!, from: { type: 'CUSTOMER_USER', display_name: '' } }] });
    expect(named.messages[0]!.senderName).toBe('Søren Tanaka');
  });
});
