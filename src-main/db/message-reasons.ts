// The labels of a connection's REASON_CODE topics (Mirakl RE02, type MESSAGING). Conversations
// show the label as their subject: saving a list re-words every conversation of the account
// whose code it covers, in the same transaction, so labels arriving after their threads (or
// changed on Mirakl's side) show at once, and search finds them through the subject's index.
import { sql, type Kysely, type SqlBool } from 'kysely';
import { REASON_CODE_TOPIC, topicSubject } from '../mirakl/topic-subject';
import type { Store } from './open';
import { lockAccountWrites } from './account-writes-lock';
import type { Database } from './schema';

/** Spelt as a literal: SQLite then surely answers from the partial index on reason-code conversations. */
const isReasonCode = sql<SqlBool>`topic_type = ${sql.lit(REASON_CODE_TOPIC)}`;

export interface MessageReason {
  code: string;
  label: string;
}

/** Labels by code. */
export async function messageReasons(db: Kysely<Database>, accountId: number): Promise<Map<string, string>> {
  const rows = await db.selectFrom('message_reasons').select(['code', 'label']).where('account_id', '=', accountId).execute();
  return new Map(rows.map((r) => [r.code, r.label]));
}

/** Replaces the account's reason list with Mirakl's and re-words its conversations. One transaction. */
export function saveMessageReasons(store: Store, accountId: number, reasons: readonly MessageReason[], now: number): Promise<void> {
  const labels = new Map(reasons.filter((r) => r.code.trim() !== '').map((r) => [r.code, r.label]));
  return store.transaction(async (trx) => {
    await lockAccountWrites(trx, accountId);
    let stale = trx.deleteFrom('message_reasons').where('account_id', '=', accountId);
    if (labels.size > 0) stale = stale.where('code', 'not in', [...labels.keys()]);
    await stale.execute();
    for (const [code, label] of labels) {
      await trx
        .insertInto('message_reasons')
        .values({ account_id: accountId, code, label, fetched_at: now })
        .onConflict((oc) => oc.columns(['account_id', 'code']).doUpdateSet({ label, fetched_at: now }))
        .execute();
    }
    await trx
      .insertInto('sync_state')
      .values({ account_id: accountId, reasons_fetched_at: now })
      .onConflict((oc) => oc.column('account_id').doUpdateSet({ reasons_fetched_at: now }))
      .execute();
    const codes = await trx.selectFrom('conversations').select('topic_value').distinct().where('account_id', '=', accountId).where(isReasonCode).execute();
    for (const { topic_value: code } of codes) {
      const subject = topicSubject({ type: REASON_CODE_TOPIC, value: code }, labels.get(code));
      await trx
        .updateTable('conversations')
        .set({ subject })
        .where('account_id', '=', accountId)
        .where(isReasonCode)
        .where('topic_value', '=', code)
        .where('subject', '!=', subject)
        .execute();
    }
  });
}
