// The files replies carry (written by db/outbox with the reply), and what the limits on
// files need to know: how many an order's threads already hold. Mirakl counts at most 50
// per order across its threads; a reply's own files count until Mirakl's copies replace them.
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database } from './schema';

/** Files the store holds for the order's threads: Mirakl's attachments, and replies' files Mirakl has not returned yet. */
export async function attachmentCountOfOrder(db: Kysely<Database>, accountId: number, orderId: string): Promise<number> {
  const result = await sql<{ n: number }>`SELECT
      (SELECT count(*) FROM attachments a JOIN messages m ON m.id = a.message_id JOIN conversations c ON c.id = m.conversation_id
        WHERE c.account_id = ${accountId} AND c.order_id = ${orderId})
    + (SELECT count(*) FROM outbox_files f JOIN messages m ON m.id = f.message_id JOIN conversations c ON c.id = m.conversation_id
        WHERE c.account_id = ${accountId} AND c.order_id = ${orderId}
          AND NOT EXISTS (SELECT 1 FROM attachments a WHERE a.message_id = f.message_id)) AS n`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

/**
 * Forgets the files of replies Mirakl has returned with its own copies, or delivered more
 * than `deliveredBefore` ago (a copy that never came is not waited for forever). Returns
 * nothing: the caller removes files no row names any more.
 */
export async function forgetReplacedOutboxFiles(db: Kysely<Database>, deliveredBefore: number): Promise<void> {
  await db
    .deleteFrom('outbox_files')
    .where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom('attachments as a').select('a.id').whereRef('a.message_id', '=', 'outbox_files.message_id')),
        eb.and([
          eb('outbox_files.created_at', '<', deliveredBefore),
          eb.exists(
            eb
              .selectFrom('messages as m')
              .select('m.id')
              .whereRef('m.id', '=', 'outbox_files.message_id')
              .where(sql<SqlBool>`m.status = 'delivered'`),
          ),
        ]),
      ]),
    )
    .execute();
}

/** Every path an outbox file row still names (relative to the data folder): the files to keep. */
export async function outboxFilePaths(db: Kysely<Database>): Promise<Set<string>> {
  const rows = await db.selectFrom('outbox_files').select('path').execute();
  return new Set(rows.map((r) => r.path));
}
