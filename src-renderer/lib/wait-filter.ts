// The cockpit's list filters: conversations whose open wait is of an age, or about to pass
// its target. The server decides which conversations match (ages may count business hours).
import { WAIT_AGE_BUCKETS, type WaitAgeBucket } from '../../src-shared/response-target';

export type WaitFilter = { waitAge: WaitAgeBucket; accountId?: number } | { breachWithinHours: number; accountId?: number };

export function waitFilterLabel(filter: WaitFilter): string {
  if ('waitAge' in filter) return `Waiting ${WAIT_AGE_BUCKETS.find((b) => b.id === filter.waitAge)?.label ?? filter.waitAge}`;
  return `Passing the target within ${filter.breachWithinHours} h`;
}

export function sameWaitFilter(a: WaitFilter | null, b: WaitFilter | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
