// The snooze menu's times, and when a conversation suggests attaching the invoice.
import { describe, expect, it } from 'vitest';
import type { OrderDocument } from '../../src-shared/contract';
import { snoozeChoices } from '../../src-renderer/lib/snooze-times';
import { documentTypeLabel, suggestedInvoice } from '../../src-renderer/lib/invoice-suggestion';

describe('snooze choices', () => {
  const at = (iso: string) => new Date(iso);
  const describe_ = (now: Date) => snoozeChoices(now).map((c) => `${c.id} ${c.at.getDate()} ${c.at.getHours()}:${String(c.at.getMinutes()).padStart(2, '0')}`);

  it('a Wednesday morning: in 3 hours, tomorrow 9:00, Monday 9:00', () => {
    expect(describe_(at('2026-03-04T10:15:00'))).toEqual(['later 4 13:15', 'tomorrow 5 9:00', 'monday 9 9:00']);
  });
  it('late in the evening: no "later today"', () => {
    expect(describe_(at('2026-03-04T19:30:00'))).toEqual(['tomorrow 5 9:00', 'monday 9 9:00']);
  });
  it('on a Sunday, Monday is tomorrow: offered once', () => {
    expect(describe_(at('2026-03-08T10:00:00'))).toEqual(['later 8 13:00', 'tomorrow 9 9:00']);
  });
});

describe('the invoice suggestion', () => {
  const invoice: OrderDocument = { id: 1, accountId: 1, orderId: 'A', name: 'facture-A.pdf', size: 1, type: 'CUSTOMER_INVOICE', uploadedAt: null, downloaded: true };
  const bill: OrderDocument = { ...invoice, id: 2, name: 'delivery-A.pdf', type: 'SYSTEM_DELIVERY_BILL' };
  const asking = (bodyText: string) => [{ direction: 'inbound' as const, bodyText }];

  it('suggests the invoice when the reason or the words ask for one', () => {
    expect(suggestedInvoice({ subject: 'Demande de facture' }, [], [bill, invoice])).toBe(invoice);
    expect(suggestedInvoice({ subject: '24' }, [], [invoice])).toBe(invoice);
    expect(suggestedInvoice({ subject: 'Frage' }, asking('Ich brauche eine Rechnung, bitte.'), [invoice])).toBe(invoice);
    expect(suggestedInvoice({ subject: 'Question' }, asking('Could you send the invoice?'), [invoice])).toBe(invoice);
  });
  it('suggests nothing otherwise, or when the order has no invoice', () => {
    expect(suggestedInvoice({ subject: 'Où est mon colis ?' }, asking('Toujours rien reçu.'), [invoice])).toBeNull();
    expect(suggestedInvoice({ subject: 'Invoice request' }, [], [bill])).toBeNull();
  });
  it('names document types in words', () => {
    expect([invoice, bill].map((d) => documentTypeLabel(d.type))).toEqual(['Invoice', 'Delivery bill']);
    expect(documentTypeLabel('RETURN_LABEL')).toBe('Return label');
  });
});
