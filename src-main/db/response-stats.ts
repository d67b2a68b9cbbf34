// The store's side of the response-time cockpit: each connection's target, the waits of a
// period, and open waits by start instant (every age bound is one instant per connection:
// stats/open-waits.ts). Portable SQL through Kysely; each read is an index range scan
// (waits_period, waits_open).
import { sql, type Kysely, type SqlBool } from 'kysely';
import { businessHoursSchema, type ResponseTarget } from '../../src-shared/response-target';
import type { WaitRow } from '../stats/response-times';
import type { Database } from './schema';

/** The targets set per connection (connections without a row use the default). */
export async function readResponseTargets(db: Kysely<Database>): Promise<Map<number, ResponseTarget>> {
  const rows = await db.selectFrom('response_targets').selectAll().execute();
  const targets = new Map<number, ResponseTarget>();
  for (const row of rows) {
    targets.set(row.account_id, {
      targetSeconds: row.target_seconds,
      warningSeconds: row.warning_seconds,
      scoringWindowDays: row.scoring_window_days,
      businessHours: parseBusinessHours(row.business_hours),
      preset: row.preset,
    });
  }
  return targets;
}

export async function writeResponseTarget(db: Kysely<Database>, accountId: number, target: ResponseTarget, now: number): Promise<void> {
  const values = {
    target_seconds: target.targetSeconds,
    warning_seconds: target.warningSeconds,
    scoring_window_days: target.scoringWindowDays,
    business_hours: target.businessHours === null ? null : JSON.stringify(target.businessHours),
    preset: target.preset,
    updated_at: now,
  };
  await db
    .insertInto('response_targets')
    .values({ account_id: accountId, ...values })
    .onConflict((oc) => oc.column('account_id').doUpdateSet(values))
    .execute();
}

/** Stored hours that no longer validate (edited by hand, another version) count every hour rather than fail. */
function parseBusinessHours(json: string | null): ResponseTarget['businessHours'] {
  if (json === null) return null;
  try {
    const parsed = businessHoursSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The query behind waitsStartedIn, exposed so the bench can run its SQL bare. */
export function waitsStartedInQuery(db: Kysely<Database>, from: number, to: number, accountId?: number) {
  let query = db
    .selectFrom('waits')
    .select(['account_id as accountId', 'started_at as startedAt', 'ended_at as endedAt'])
    .where('started_at', '>=', from)
    .where('started_at', '<', to);
  if (accountId !== undefined) query = query.where('account_id', '=', accountId);
  return query;
}

/** Waits started in [from, to), of one connection or all. */
export async function waitsStartedIn(db: Kysely<Database>, from: number, to: number, accountId?: number): Promise<WaitRow[]> {
  return waitsStartedInQuery(db, from, to, accountId).execute();
}

/**
 * How many waits of a connection are open, and how many of them started after each of the
 * given instants (one statement; each count is a range of the waits_open index).
 */
export async function countOpenWaits(db: Kysely<Database>, accountId: number, startedAfter: readonly number[]): Promise<{ total: number; after: number[] }> {
  const open = (extra: ReturnType<typeof sql>) =>
    sql<number>`(SELECT count(*) FROM waits WHERE ended_at IS NULL AND account_id = ${accountId}${extra})`;
  const columns = [open(sql``).as('total'), ...startedAfter.map((at, i) => open(sql` AND started_at > ${at}`).as(`a${i}`))];
  const result = await db.selectNoFrom(columns).executeTakeFirstOrThrow();
  const row = result as Record<string, number>;
  return { total: Number(row.total), after: startedAfter.map((_, i) => Number(row[`a${i}`])) };
}

/** Open waits of a connection started in [atOrAfter, atOrBefore]; a null bound is open. */
export interface OpenWaitRange {
  accountId: number;
  atOrAfter: number | null;
  atOrBefore: number | null;
}

/** The condition "started in one of these ranges" on an open waits row aliased `w` (false for no range). */
function inRanges(ranges: readonly OpenWaitRange[]) {
  if (ranges.length === 0) return sql<SqlBool>`1 = 0`;
  const parts = ranges.map((r) => {
    const lower = r.atOrAfter === null ? sql`` : sql` AND w.started_at >= ${r.atOrAfter}`;
    const upper = r.atOrBefore === null ? sql`` : sql` AND w.started_at <= ${r.atOrBefore}`;
    return sql`(w.account_id = ${r.accountId}${lower}${upper})`;
  });
  return sql<SqlBool>`(${sql.join(parts, sql` OR `)})`;
}

/** A list filter: the conversation has an open wait started in one of the ranges. */
export function hasOpenWaitIn(ranges: readonly OpenWaitRange[]) {
  return sql<SqlBool>`c.id IN (SELECT w.conversation_id FROM waits w WHERE w.ended_at IS NULL AND ${inRanges(ranges)})`;
}

/** Open waits started in the ranges, oldest first, with their conversation. */
export async function openWaitsIn(
  db: Kysely<Database>,
  ranges: readonly OpenWaitRange[],
  limit: number,
): Promise<Array<{ conversationId: number; accountId: number; startedAt: number }>> {
  const result = await sql<{ conversationId: number; accountId: number; startedAt: number }>`
    SELECT w.conversation_id AS "conversationId", w.account_id AS "accountId", w.started_at AS "startedAt"
    FROM waits w WHERE w.ended_at IS NULL AND ${inRanges(ranges)}
    ORDER BY w.started_at, w.conversation_id LIMIT ${limit}`.execute(db);
  return result.rows;
}
