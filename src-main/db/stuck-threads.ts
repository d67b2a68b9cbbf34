// Threads Mirakl sent that do not match the contract. Each is kept as sent, with why, in the
// same transaction as the page it came with (so the cursor never moves past a thread that
// is neither stored nor kept here), asked for again on every pass, and removed once stored.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './schema';

export interface UnreadableThreadInput {
  /** Null when Mirakl sent no usable id. */
  id: string | null;
  raw: unknown;
  reason: string;
}

export interface StuckThread {
  threadKey: string;
  miraklThreadId: string | null;
  reason: string;
  since: number;
  attempts: number;
}

/** The row's key: the thread id, or a hash of what was sent when it has none (the same entry listed again is one row). */
export function stuckThreadKey(thread: Pick<UnreadableThreadInput, 'id' | 'raw'>): string {
  if (thread.id !== null) return thread.id;
  return `unidentified:${createHash('sha256').update(JSON.stringify(thread.raw) ?? '').digest('hex').slice(0, 24)}`;
}

/** Keeps (or updates) unreadable threads. Call inside the transaction of the page they came with. */
export async function recordStuckThreads(trx: Kysely<Database>, accountId: number, threads: readonly UnreadableThreadInput[], now: number): Promise<void> {
  for (const thread of threads) {
    const raw = JSON.stringify(thread.raw) ?? 'null';
    await trx
        .insertInto('stuck_threads')
        .values({
          account_id: accountId,
          thread_key: stuckThreadKey(thread),
          mirakl_thread_id: thread.id,
          reason: thread.reason,
          raw,
          since: now,
          last_attempt_at: now,
          attempts: 1,
        })
        .onConflict((oc) =>
          oc.columns(['account_id', 'thread_key']).doUpdateSet((eb) => ({
            reason: thread.reason,
            raw,
            last_attempt_at: now,
            attempts: eb('stuck_threads.attempts', '+', 1),
          })),
        )
        .execute();
  }
}

/** A retry that got no answer to judge (Mirakl refused it): the thread stays, with the same reason. */
export async function noteStuckAttempt(db: Kysely<Database>, accountId: number, threadKey: string, now: number): Promise<void> {
  await db
    .updateTable('stuck_threads')
    .set((eb) => ({ last_attempt_at: now, attempts: eb('attempts', '+', 1) }))
    .where('account_id', '=', accountId)
    .where('thread_key', '=', threadKey)
    .execute();
}

/** Threads now stored: no longer stuck. Call inside the transaction that stored them. */
export async function releaseStuckThreads(trx: Kysely<Database>, accountId: number, threadKeys: readonly string[]): Promise<void> {
  if (threadKeys.length === 0) return;
  await trx.deleteFrom('stuck_threads').where('account_id', '=', accountId).where('thread_key', 'in', [...threadKeys]).execute();
}

/** The account's stuck threads, oldest first. */
export async function listStuckThreads(db: Kysely<Database>, accountId: number): Promise<StuckThread[]> {
  const rows = await db
    .selectFrom('stuck_threads')
    .select(['thread_key', 'mirakl_thread_id', 'reason', 'since', 'attempts'])
    .where('account_id', '=', accountId)
    .orderBy('since')
    .orderBy('thread_key')
    .execute();
  return rows.map((r) => ({ threadKey: r.thread_key, miraklThreadId: r.mirakl_thread_id, reason: r.reason, since: r.since, attempts: r.attempts }));
}

/** Stuck threads that can be asked for again (they have an id), least recently tried first. */
export async function stuckThreadsToRetry(db: Kysely<Database>, accountId: number, limit: number): Promise<Array<{ threadKey: string; miraklThreadId: string }>> {
  const rows = await db
    .selectFrom('stuck_threads')
    .select(['thread_key', 'mirakl_thread_id'])
    .where('account_id', '=', accountId)
    .where('mirakl_thread_id', 'is not', null)
    .orderBy('last_attempt_at')
    .orderBy('thread_key')
    .limit(limit)
    .execute();
  return rows.flatMap((r) => (r.mirakl_thread_id === null ? [] : [{ threadKey: r.thread_key, miraklThreadId: r.mirakl_thread_id }]));
}
