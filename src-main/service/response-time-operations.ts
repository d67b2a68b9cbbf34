// The response-time cockpit: each connection's target, the figures of a period (waits
// judged against their own connection's target, days in the zone asked for), open waits by
// age and the conversations about to breach. The definitions are in stats/; the store keeps
// the waits (db/waits.ts) and answers by index ranges (db/response-stats.ts).
import type { ResponseTimes, ServiceApi } from '../../src-shared/contract';
import { DEFAULT_RESPONSE_TARGET, WAIT_AGE_BUCKETS, type ResponseTarget, type WaitAgeBucket } from '../../src-shared/response-target';
import { listAccounts } from '../db/accounts';
import { findAccount } from '../db/account-admin';
import { conversationsByIds } from '../db/conversations';
import { iso, toConversation } from '../db/contract-mapping';
import type { Store } from '../db/open';
import { countOpenWaits, openWaitsIn, readResponseTargets, waitsStartedIn, writeResponseTarget, type OpenWaitRange } from '../db/response-stats';
import { daysOfPeriod, localInstant } from '../stats/local-time';
import { startRangeForAge, startRangeForBreach } from '../stats/open-waits';
import { summarizePeriod, type TargetRule } from '../stats/response-times';
import { clockFor } from '../stats/work-clock';
import { ServiceError, notFound } from './errors';

export interface ResponseTimeDeps {
  store: Store;
  now(): number;
  /** The zone of days when none is asked for (default: the machine's). */
  timeZone?: string;
}

type ResponseTimeOperations = Pick<ServiceApi, 'getResponseTimes' | 'listBreachingConversations' | 'listResponseTargets' | 'setResponseTarget'>;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** The longest period asked at once (a custom period of a year and a bit). */
export const MAX_PERIOD_DAYS = 400;

interface ConnectionRule extends TargetRule {
  accountId: number;
  target: ResponseTarget;
}

export function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The rule of each connection asked for (one, or all), from the store. */
async function rulesOf(store: Store, accountId?: number): Promise<ConnectionRule[]> {
  const targets = await readResponseTargets(store.db);
  let ids: number[];
  if (accountId !== undefined) {
    if (!(await findAccount(store.db, accountId))) throw notFound('Connection', accountId);
    ids = [accountId];
  } else {
    ids = (await listAccounts(store.db)).map((a) => a.id);
  }
  return ids.map((id) => {
    const target = targets.get(id) ?? DEFAULT_RESPONSE_TARGET;
    return { accountId: id, target, targetMs: target.targetSeconds * 1000, clock: clockFor(target.businessHours) };
  });
}

/** An instant, or a calendar day's start in the zone. */
function resolveBound(value: string, timeZone: string): number {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (day) return localInstant(timeZone, { year: Number(day[1]), month: Number(day[2]) - 1, day: Number(day[3]) }, 0);
  return Date.parse(value);
}

const AGE_BOUNDS_MS = WAIT_AGE_BUCKETS.filter((b) => b.toHours !== null).map((b) => (b.toHours as number) * HOUR_MS);

/** Open waits by age bucket, summed over the connections. */
async function openByAge(store: Store, rules: readonly ConnectionRule[], now: number): Promise<ResponseTimes['openByAge']> {
  const counts = WAIT_AGE_BUCKETS.map(() => 0);
  for (const rule of rules) {
    // Waits younger than each bound started after the instant that bound is from now (in the rule's own time).
    const bounds = AGE_BOUNDS_MS.map((age) => rule.clock.latestStartAged(now, age));
    const { total, after } = await countOpenWaits(store.db, rule.accountId, bounds);
    let younger = 0;
    after.forEach((count, i) => {
      counts[i]! += count - younger;
      younger = count;
    });
    counts[counts.length - 1]! += total - younger;
  }
  return WAIT_AGE_BUCKETS.map((b, i) => ({ bucket: b.id, count: counts[i]! }));
}

/** The start ranges of the cockpit's list filters, one per connection. */
export async function openWaitRanges(
  store: Store,
  filter: { breachWithinHours?: number; waitAge?: WaitAgeBucket; accountId?: number },
  now: number,
): Promise<OpenWaitRange[] | undefined> {
  if (filter.breachWithinHours === undefined && filter.waitAge === undefined) return undefined;
  const rules = await rulesOf(store, filter.accountId).catch((error: unknown) => {
    if (error instanceof ServiceError && error.code === 'not_found') return [];
    throw error;
  });
  const ranges: OpenWaitRange[] = [];
  for (const rule of rules) {
    let lower: number | null = null;
    let upper: number | null = null;
    if (filter.breachWithinHours !== undefined) {
      const range = startRangeForBreach(rule.clock, now, rule.targetMs, filter.breachWithinHours * HOUR_MS);
      lower = range.atOrAfter;
      upper = range.atOrBefore;
    }
    if (filter.waitAge !== undefined) {
      const bucket = WAIT_AGE_BUCKETS.find((b) => b.id === filter.waitAge)!;
      const range = startRangeForAge(rule.clock, now, bucket.fromHours * HOUR_MS, bucket.toHours === null ? null : bucket.toHours * HOUR_MS);
      // Times are whole milliseconds: "after t" is "at or after t + 1".
      if (range.after !== null) lower = Math.max(lower ?? Number.NEGATIVE_INFINITY, Math.floor(range.after) + 1);
      if (range.atOrBefore !== null) upper = Math.min(upper ?? Number.POSITIVE_INFINITY, range.atOrBefore);
    }
    if (lower !== null && upper !== null && lower > upper) continue;
    ranges.push({ accountId: rule.accountId, atOrAfter: lower, atOrBefore: upper });
  }
  return ranges;
}

export function responseTimeOperations(deps: ResponseTimeDeps): ResponseTimeOperations {
  const { store } = deps;
  const defaultZone = deps.timeZone ?? machineTimeZone();

  return {
    async getResponseTimes(input) {
      const timeZone = input.tz ?? defaultZone;
      const from = resolveBound(input.from, timeZone);
      const to = resolveBound(input.to, timeZone);
      if (!(to > from)) throw new ServiceError('invalid_field', 'must be after from', 'to');
      if (to - from > MAX_PERIOD_DAYS * DAY_MS) throw new ServiceError('invalid_field', `the period must be at most ${MAX_PERIOD_DAYS} days`, 'to');
      const now = deps.now();
      const rules = await rulesOf(store, input.accountId);
      for (const rule of rules) rule.clock.cover(from, Math.max(to, now));
      const waits = await waitsStartedIn(store.db, from, to, input.accountId);
      const totals = summarizePeriod(waits, { from, to, now, days: daysOfPeriod(timeZone, from, to), rules: new Map(rules.map((r) => [r.accountId, r])) });
      const targets = new Set(rules.map((r) => r.target.targetSeconds));
      return {
        targetSeconds: targets.size === 1 ? [...targets][0]! : rules.length === 0 ? DEFAULT_RESPONSE_TARGET.targetSeconds : null,
        ...totals,
        openByAge: await openByAge(store, rules, now),
      };
    },

    async listBreachingConversations(input) {
      const now = deps.now();
      const rules = await rulesOf(store, input.accountId);
      const ranges = (await openWaitRanges(store, { breachWithinHours: input.withinHours, ...(input.accountId !== undefined ? { accountId: input.accountId } : {}) }, now)) ?? [];
      const waits = await openWaitsIn(store.db, ranges, input.limit);
      const byAccount = new Map(rules.map((r) => [r.accountId, r]));
      const conversations = new Map((await conversationsByIds(store.db, waits.map((w) => w.conversationId))).map((c) => [c.id, c]));
      const items = waits.flatMap((wait) => {
        const conversation = conversations.get(wait.conversationId);
        const rule = byAccount.get(wait.accountId);
        if (!conversation || !rule) return [];
        return [{ conversation: toConversation(conversation), waitingSince: iso(wait.startedAt), breachAt: iso(rule.clock.after(wait.startedAt, rule.targetMs)) }];
      });
      // Soonest breach first (for one target that is oldest first).
      items.sort((a, b) => Date.parse(a.breachAt) - Date.parse(b.breachAt) || Date.parse(a.waitingSince) - Date.parse(b.waitingSince));
      return { items };
    },

    async listResponseTargets() {
      const rules = await rulesOf(store);
      return { items: rules.map((r) => ({ accountId: r.accountId, target: r.target })) };
    },

    async setResponseTarget(input) {
      const { id, ...target } = input;
      if (!(await findAccount(store.db, id))) throw notFound('Connection', id);
      await writeResponseTarget(store.db, id, target, deps.now());
      return { accountId: id, target };
    },
  };
}
