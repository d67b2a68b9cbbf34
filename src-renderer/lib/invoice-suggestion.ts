// A conversation about an invoice (Mirakl's reason "Request an invoice", code 24, or words
// like facture, invoice, Rechnung in its subject or the customer's last message) suggests
// attaching the order's invoice.
import type { Conversation, Message, OrderDocument } from '../../src-shared/contract';

const INVOICE_WORDS = /\b(factur\w*|invoic\w*|rechnung\w*|fattur\w*|faktur\w*)\b/i;
/** RE02's "Request an invoice". */
const INVOICE_REASON_CODE = '24';

export function isAboutInvoice(conversation: Pick<Conversation, 'subject'>, messages: readonly Pick<Message, 'direction' | 'bodyText'>[]): boolean {
  if (conversation.subject.trim() === INVOICE_REASON_CODE || INVOICE_WORDS.test(conversation.subject)) return true;
  const lastFromCustomer = [...messages].reverse().find((m) => m.direction === 'inbound');
  return lastFromCustomer !== undefined && INVOICE_WORDS.test(lastFromCustomer.bodyText);
}

export function isInvoice(document: Pick<OrderDocument, 'type' | 'name'>): boolean {
  return /INVOICE/i.test(document.type) || INVOICE_WORDS.test(document.name);
}

/** The invoice to suggest, if the conversation asks for one and the order has one. */
export function suggestedInvoice(
  conversation: Pick<Conversation, 'subject'>,
  messages: readonly Pick<Message, 'direction' | 'bodyText'>[],
  documents: readonly OrderDocument[],
): OrderDocument | null {
  if (!isAboutInvoice(conversation, messages)) return null;
  return documents.find(isInvoice) ?? null;
}

/** How a document's type reads in the order panel. */
export function documentTypeLabel(type: string): string {
  if (/INVOICE/i.test(type)) return 'Invoice';
  if (/DELIVERY/i.test(type)) return 'Delivery bill';
  if (/CREDIT/i.test(type)) return 'Credit note';
  return type.toLowerCase().replace(/_/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
}
