// The demo inbox reads like a real one: conversations last active at many different times
// (not all "5 min ago"), messages in order, and no customer sending the same line again days later.
import { describe, expect, it } from 'vitest';
import { generateDemoData } from '../../src-main/fake-mirakl/demo-data';
import { FakeMiraklStore } from '../../src-main/fake-mirakl/store';

const NOW = new Date('2024-06-01T12:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function demoThreads(threads: number, seed: number) {
  const store = new FakeMiraklStore();
  generateDemoData(store, { threads, seed, now: NOW });
  return store.listThreads();
}

/** How long ago each thread's latest message was written. */
function latestAges(seed: number): number[] {
  return demoThreads(200, seed).map((t) => NOW.getTime() - Date.parse(t.messages.at(-1)!.date_created));
}

describe('demo data times', () => {
  it('spreads the latest messages: a few within the hour, more today and yesterday, the rest over weeks', () => {
    for (const seed of [7, 11, 34]) {
      const ages = latestAges(seed);
      const share = (test: (age: number) => boolean) => ages.filter(test).length / ages.length;
      expect(Math.min(...ages)).toBeGreaterThanOrEqual(5 * MINUTE);
      expect(share((age) => age < HOUR)).toBeGreaterThan(0.02);
      expect(share((age) => age < HOUR)).toBeLessThan(0.2);
      expect(share((age) => age >= HOUR && age < 2 * DAY)).toBeGreaterThan(0.3);
      expect(share((age) => age >= 7 * DAY)).toBeGreaterThan(0.15);
      // Not squeezed against "now": hardly two threads share the same minute.
      const minutes = new Set(ages.map((age) => Math.floor(age / MINUTE)));
      expect(minutes.size).toBeGreaterThan(ages.length * 0.9);
    }
  });

  it('keeps each thread in order and after its order was placed', () => {
    const store = new FakeMiraklStore();
    generateDemoData(store, { threads: 120, seed: 5, now: NOW });
    for (const thread of store.listThreads()) {
      const times = thread.messages.map((m) => Date.parse(m.date_created));
      for (let k = 1; k < times.length; k++) expect(times[k]).toBeGreaterThan(times[k - 1]!);
      const order = store.orders.get(thread.entities[0]!.id)!;
      expect(times[0]).toBeGreaterThan(Date.parse(order.created_date));
      expect(times.at(-1)).toBeLessThanOrEqual(NOW.getTime() - 5 * MINUTE);
    }
  });

  it('never has a customer send the same text on two different days of one thread', () => {
    for (const seed of [7, 11]) {
      for (const thread of demoThreads(60, seed)) {
        const daysByBody = new Map<string, Set<string>>();
        for (const message of thread.messages.filter((m): m is typeof m & { body: string } => m.from.type === 'CUSTOMER_USER' && m.body !== null)) {
          const days = daysByBody.get(message.body) ?? new Set<string>();
          days.add(message.date_created.slice(0, 10));
          daysByBody.set(message.body, days);
        }
        for (const [body, days] of daysByBody) expect(days.size, `${thread.id}: ${body.slice(0, 60)}`).toBe(1);
      }
    }
  });
});
