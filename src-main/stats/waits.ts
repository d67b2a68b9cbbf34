// A customer's wait for the shop's answer, computed from a thread's messages (pure: no I/O).
//
// A wait starts at a customer message that comes after the shop's last message in its thread
// (or at the thread's first customer message when the shop has not written yet), and ends at
// the shop's next message in that thread. Operator messages neither start nor end a wait.
// This is Mirakl's shop_reply_needed_since, kept for every wait instead of only the last.
//
// - Messages are taken in (sent_at, id) order: a customer and a shop message at the same
//   millisecond count in the order the store holds them (id).
// - A shop message is SHOP_USER as Mirakl holds it: synced, or a reply written here once
//   Mirakl accepted it (status delivered). A pending or failed reply is not on Mirakl yet and
//   ends nothing.
// - A customer message is CUSTOMER_USER. Any other sender (OPERATOR_USER, a newer type) is ignored.

export const CUSTOMER_SENDER = 'CUSTOMER_USER';
export const SHOP_SENDER = 'SHOP_USER';

export interface WaitMessage {
  id: number;
  senderType: string;
  status: 'delivered' | 'pending' | 'failed';
  sentAt: number;
}

export interface Wait {
  startedAt: number;
  /** Null while the customer still waits. */
  endedAt: number | null;
}

type Role = 'customer' | 'shop' | null;

export function roleOf(message: Pick<WaitMessage, 'senderType' | 'status'>): Role {
  if (message.senderType === CUSTOMER_SENDER) return 'customer';
  if (message.senderType === SHOP_SENDER && message.status === 'delivered') return 'shop';
  return null;
}

/** The waits of one thread, oldest first. The messages may come in any order. */
export function waitsOf(messages: readonly WaitMessage[]): Wait[] {
  const ordered = isOrdered(messages) ? messages : [...messages].sort((a, b) => a.sentAt - b.sentAt || a.id - b.id);
  const waits: Wait[] = [];
  let openSince: number | null = null;
  for (const message of ordered) {
    const role = roleOf(message);
    if (role === 'customer') {
      if (openSince === null) openSince = message.sentAt;
    } else if (role === 'shop' && openSince !== null) {
      waits.push({ startedAt: openSince, endedAt: message.sentAt });
      openSince = null;
    }
  }
  if (openSince !== null) waits.push({ startedAt: openSince, endedAt: null });
  return waits;
}

function isOrdered(messages: readonly WaitMessage[]): boolean {
  for (let i = 1; i < messages.length; i++) {
    const a = messages[i - 1]!;
    const b = messages[i]!;
    if (a.sentAt > b.sentAt || (a.sentAt === b.sentAt && a.id > b.id)) return false;
  }
  return true;
}

export function sameWaits(a: readonly Wait[], b: readonly Wait[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i]!.startedAt !== b[i]!.startedAt || a[i]!.endedAt !== b[i]!.endedAt) return false;
  }
  return true;
}
