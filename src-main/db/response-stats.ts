// The store's side of the response-time cockpit: each connection's target, the waits of a
// period, and open waits by start instant (every age bound is one instant per connection:
// stats/open-waits.ts). Portable SQL through Kysely; each read is an index range scan
// (waits_period, waits_open).
import { sql, type Kysely, type SqlBool } from 'kysely';
import { businessHoursSchema, type ResponseTarget } from '../../src-shared/response-target';
import type { WaitColumns } from '../stats/response-times';
import { dialectOf } from './dialect';
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

/**
 * The query behind waitsStartedIn, exposed so the bench can run its SQL bare. The waits come
 * back as one text of numbers ("account,start − from,end − start,…", −1 for an open wait's
 * end), not a row each: 90 days of a busy shop are ~50,000 waits, and turning each row
 * into a JavaScript object costs several times more than SQLite's whole scan (measured: 44–75
 * ms of CPU against 15 ms to build the text and as much to read it; JSON.parse of the same
 * was slower). Shorter numbers (offsets) read faster. PostgreSQL's spelling of the
 * same is string_agg(…, ',').
 */
export function waitsStartedInQuery(db: Kysely<Database>, from: number, to: number, accountId?: number) {
  const packed =
    dialectOf(db) === 'postgres'
      ? sql<string | null>`string_agg(account_id || ',' || (started_at - ${from}::bigint) || ',' || coalesce(ended_at - started_at, -1), ',')`
      : sql<string | null>`group_concat(account_id || ',' || CAST(started_at - ${from} AS INTEGER) || ',' || coalesce(ended_at - started_at, -1), ',')`;
  let query = db
    .selectFrom('waits')
    .select(packed.as('packed'))
    .where('started_at', '>=', from)
    .where('started_at', '<', to);
  if (accountId !== undefined) query = query.where('account_id', '=', accountId);
  return query;
}

/** Waits started in [from, to), of one connection or all, in no particular order. */
export async function waitsStartedIn(db: Kysely<Database>, from: number, to: number, accountId?: number): Promise<WaitColumns> {
  const row = await waitsStartedInQuery(db, from, to, accountId).executeTakeFirst();
  return unpackWaits(row?.packed ?? '', from);
}

/** Reads "account,start − from,end − start,…" (−1: still open) into columns, without an intermediate array. */
export function unpackWaits(packed: string, from: number): WaitColumns {
  let fields = packed.length === 0 ? 0 : 1;
  for (let i = 0; i < packed.length; i++) if (packed.charCodeAt(i) === COMMA) fields++;
  const length = Math.floor(fields / 3);
  const columns: WaitColumns = { length, accountIds: new Float64Array(length), starts: new Float64Array(length), ends: new Float64Array(length) };
  let field = 0;
  let value = 0;
  let negative = false;
  const put = () => {
    const row = Math.floor(field / 3);
    const which = field % 3;
    if (which === 0) columns.accountIds[row] = value;
    else if (which === 1) columns.starts[row] = from + value;
    else columns.ends[row] = negative ? Number.NaN : columns.starts[row]! + value;
    field++;
    value = 0;
    negative = false;
  };
  for (let i = 0; i < packed.length; i++) {
    const c = packed.charCodeAt(i);
    if (c >= ZERO && c <= NINE) value = value * 10 + (c - ZERO);
    else if (c === COMMA) put();
    else if (c === MINUS) negative = true;
    else throw new Error(`Unexpected character in packed waits at ${i}`);
  }
  if (fields > 0) put();
  return columns;
}

const ZERO = 48;
const NINE = 57;
const COMMA = 44;
const MINUS = 45;

/**
 * How many waits of a connection are open, and how many of them started after each of the
 * given instants (one statement; each count is a range of the waits_open index).
 */
export async function countOpenWaits(db: Kysely<Database>, accountId: number, startedAfter: readonly number[]): Promise<{ total: number; after: number[] }> {
  const row = (await countOpenWaitsQuery(db, accountId, startedAfter).executeTakeFirstOrThrow()) as Record<string, number>;
  return { total: Number(row.total), after: startedAfter.map((_, i) => Number(row[`a${i}`])) };
}

/** The query behind countOpenWaits, exposed so the bench can run its SQL bare. */
export function countOpenWaitsQuery(db: Kysely<Database>, accountId: number, startedAfter: readonly number[]) {
  const open = (extra: ReturnType<typeof sql>) =>
    sql<number>`(SELECT count(*) FROM waits WHERE ended_at IS NULL AND account_id = ${accountId}${extra})`;
  return db.selectNoFrom([open(sql``).as('total'), ...startedAfter.map((at, i) => open(sql` AND started_at > ${at}`).as(`a${i}`))]);
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
