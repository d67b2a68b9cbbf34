// Keeps the waits table in step with the messages: every writer of messages (the sync's
// ThreadWriter, the outbox when a reply is delivered, merged or discarded) calls this in the
// same transaction, for each conversation it changed. A conversation's waits are recomputed
// from its messages (stats/waits.ts) and rewritten only when they differ.
// Synchronous prepared statements on the raw connection: it runs inside the store's
// synchronous transactions, on the sync's hot path.
import type BetterSqlite3 from 'better-sqlite3';
import { sameWaits, waitsOf, type Wait, type WaitMessage } from '../stats/waits';

type Statement = BetterSqlite3.Statement;

export class WaitsWriter {
  private readonly selectMessages: Statement;
  private readonly selectWaits: Statement;
  private readonly deleteWaits: Statement;
  private readonly insertWait: Statement;

  constructor(sqlite: BetterSqlite3.Database) {
    this.selectMessages = sqlite.prepare(
      `SELECT id, sender_type AS senderType, status, sent_at AS sentAt FROM messages
       WHERE conversation_id = ? AND sender_type IN ('CUSTOMER_USER', 'SHOP_USER') ORDER BY sent_at, id`,
    );
    this.selectWaits = sqlite.prepare('SELECT started_at AS startedAt, ended_at AS endedAt FROM waits WHERE conversation_id = ? ORDER BY started_at, ended_at');
    this.deleteWaits = sqlite.prepare('DELETE FROM waits WHERE conversation_id = ?');
    this.insertWait = sqlite.prepare('INSERT INTO waits (conversation_id, account_id, started_at, ended_at) VALUES (?, ?, ?, ?)');
  }

  /** The waits of a conversation the store did not hold, from its messages (no stored waits to compare). */
  addNew(conversationId: number, accountId: number, messages: readonly WaitMessage[]): void {
    for (const wait of waitsOf(messages)) this.insertWait.run(conversationId, accountId, wait.startedAt, wait.endedAt);
  }

  /** Recomputes a conversation's waits from the messages the store holds now. */
  refresh(conversationId: number, accountId: number): void {
    const messages = this.selectMessages.all(conversationId) as WaitMessage[];
    const waits = waitsOf(messages);
    const stored = this.selectWaits.all(conversationId) as Wait[];
    if (sameWaits(waits, stored)) return;
    this.deleteWaits.run(conversationId);
    for (const wait of waits) this.insertWait.run(conversationId, accountId, wait.startedAt, wait.endedAt);
  }
}

/** Recomputes the waits of every conversation (e.g. after rows were written without the writers). */
export function rebuildAllWaits(sqlite: BetterSqlite3.Database): void {
  const writer = new WaitsWriter(sqlite);
  const conversations = sqlite.prepare('SELECT id, account_id AS accountId FROM conversations').all() as Array<{ id: number; accountId: number }>;
  for (const { id, accountId } of conversations) writer.refresh(id, accountId);
}
