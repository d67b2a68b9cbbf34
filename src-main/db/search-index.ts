// Writes the full-text indexes (messages_fts, conversations_fts) for new rows. The code
// that inserts rows calls this, not an AFTER INSERT trigger: a trigger gives every INSERT
// a statement savepoint, and FTS5 flushes its pending terms to a new index segment at each
// savepoint, so a first sync wrote one tiny segment per message and spent 3x the time of
// the inserts themselves merging them. Here the new rows of a transaction are indexed
// together, as its last writes (one flush). Edits and deletes keep their triggers: they
// are rare, and an edit of a row still waiting here must flush() first (see below).
import type BetterSqlite3 from 'better-sqlite3';

export class SearchIndexWriter {
  private readonly insertMessage: BetterSqlite3.Statement;
  private readonly indexConversation: BetterSqlite3.Statement;
  private messages: Array<[id: number, bodyText: string]> = [];
  private conversations: number[] = [];

  constructor(sqlite: BetterSqlite3.Database) {
    this.insertMessage = sqlite.prepare('INSERT INTO messages_fts (rowid, body_text) VALUES (?, ?)');
    // Read back at flush: a subject or customer name changed later in the same transaction
    // is indexed as it ended up (REPLACE: the update trigger may have indexed it already).
    this.indexConversation = sqlite.prepare(
      `INSERT OR REPLACE INTO conversations_fts (rowid, subject, customer_name, order_id)
       SELECT c.id, c.subject, cu.name, c.order_id FROM conversations c LEFT JOIN customers cu ON cu.id = c.customer_id
       WHERE c.id = ?`,
    );
  }

  /** A message row just inserted. Indexed at flush(). */
  addMessage(id: number, bodyText: string): void {
    this.messages.push([id, bodyText]);
  }

  /** A conversation row just inserted. Indexed at flush(). */
  addConversation(id: number): void {
    this.conversations.push(id);
  }

  /**
   * Indexes what was added. Call inside the transaction that inserted the rows: as its
   * last write, and before any UPDATE of a message's body_text (its trigger would remove
   * from the index a row that is not in it yet, corrupting it).
   */
  flush(): void {
    const { messages, conversations } = this;
    if (messages.length === 0 && conversations.length === 0) return;
    this.messages = [];
    this.conversations = [];
    for (const id of conversations) this.indexConversation.run(id);
    for (const row of messages) this.insertMessage.run(...row);
  }

  /** Forgets what was added (the transaction that inserted the rows rolled back). */
  discard(): void {
    this.messages = [];
    this.conversations = [];
  }
}
