// Who wrote a message, as the thread shows it: the customer, us (the shop), or the marketplace operator.
import type { Message } from '../../src-shared/contract';

export type Recipient = 'customer' | 'operator';
export type MessageRole = 'customer' | 'shop' | 'operator';

export function messageRole(message: Pick<Message, 'direction' | 'sender'>): MessageRole {
  if (message.direction === 'outbound') return 'shop';
  // Mirakl's sender types: CUSTOMER_USER, OPERATOR_USER, SHOP_USER (and future ones).
  return /OPERATOR/i.test(message.sender.type) ? 'operator' : 'customer';
}

export const ROLE_LABEL: Record<MessageRole, string> = {
  customer: 'Customer',
  shop: 'You',
  operator: 'Operator',
};

/** The newest inbound message id in a thread (0 when none): the reference point of a draft. */
export function latestInboundId(messages: readonly Pick<Message, 'id' | 'direction'>[]): number {
  let latest = 0;
  for (const m of messages) if (m.direction === 'inbound' && m.id > latest) latest = m.id;
  return latest;
}
