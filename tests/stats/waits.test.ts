// The wait definition on hand-made threads.
import { describe, expect, it } from 'vitest';
import { waitsOf, type WaitMessage } from '../../src-main/stats/waits';

const H = 3_600_000;
const T0 = Date.UTC(2026, 10, 2, 9, 0);
let nextId = 1;
const customer = (at: number, id = nextId++): WaitMessage => ({ id, senderType: 'CUSTOMER_USER', status: 'delivered', sentAt: T0 + at });
const shop = (at: number, status: WaitMessage['status'] = 'delivered', id = nextId++): WaitMessage => ({ id, senderType: 'SHOP_USER', status, sentAt: T0 + at });
const operator = (at: number, id = nextId++): WaitMessage => ({ id, senderType: 'OPERATOR_USER', status: 'delivered', sentAt: T0 + at });
const wait = (start: number, end: number | null) => ({ startedAt: T0 + start, endedAt: end === null ? null : T0 + end });

describe('waits of a thread', () => {
  it('starts at the first customer message after the shop last wrote, ends at the next shop message', () => {
    const messages = [customer(0), customer(1 * H), shop(3 * H), customer(5 * H), shop(6 * H), shop(7 * H), customer(9 * H)];
    expect(waitsOf(messages)).toEqual([wait(0, 3 * H), wait(5 * H, 6 * H), wait(9 * H, null)]);
  });

  it('ignores operator messages: they neither start nor end a wait', () => {
    const messages = [customer(0), operator(1 * H), operator(2 * H), shop(4 * H), operator(5 * H), shop(6 * H)];
    expect(waitsOf(messages)).toEqual([wait(0, 4 * H)]);
    expect(waitsOf([operator(0), shop(1 * H)])).toEqual([]);
  });

  it('starts no wait for a shop message before any customer message', () => {
    expect(waitsOf([shop(0), shop(1 * H)])).toEqual([]);
    expect(waitsOf([shop(0), customer(2 * H), shop(5 * H)])).toEqual([wait(2 * H, 5 * H)]);
  });

  it('orders messages at the same millisecond by id', () => {
    // The shop's message was stored first: it does not answer the customer's message of the same ms.
    expect(waitsOf([customer(1 * H, 20), shop(1 * H, 'delivered', 10)])).toEqual([wait(1 * H, null)]);
    // The customer's message was stored first: answered at once.
    expect(waitsOf([shop(1 * H, 'delivered', 31), customer(1 * H, 30)])).toEqual([wait(1 * H, 1 * H)]);
  });

  it('takes the messages in time order whatever order they come in', () => {
    expect(waitsOf([shop(3 * H), customer(0), customer(4 * H)])).toEqual([wait(0, 3 * H), wait(4 * H, null)]);
  });

  it('ends a wait only with a reply Mirakl holds: pending and failed replies end nothing', () => {
    expect(waitsOf([customer(0), shop(1 * H, 'pending'), shop(2 * H, 'failed')])).toEqual([wait(0, null)]);
    expect(waitsOf([customer(0), shop(1 * H, 'pending'), shop(2 * H, 'delivered')])).toEqual([wait(0, 2 * H)]);
  });

  it('ignores senders it does not know', () => {
    expect(waitsOf([{ id: 99, senderType: 'SOME_NEW_TYPE', status: 'delivered', sentAt: T0 }, shop(1 * H)])).toEqual([]);
  });
});
