// Writes the full-text indexes (messages_fts, conversations_fts, order_ids_fts) for new rows.
// The code that inserts rows calls this, not an AFTER INSERT trigger: a trigger gives every
// INSERT a statement savepoint, and FTS5 flushes its pending terms to a new index segment at
// each savepoint, so a first sync wrote one tiny segment per message and spent 3x the time of
// the inserts themselves merging them. Here the new rows of a transaction are indexed
// together, as its last writes (one flush). Edits and deletes keep their triggers: they
// are rare, and an edit of a row still waiting here must flush() first (see below).
import type BetterSqlite3 from 'better-sqlite3';

export class SearchIndexWriter {
  private readonly insertMessage: BetterSqlite3.Statement;
  private readonly indexConversation: BetterSqlite3.Statement;
  private readonly indexConversationWithAttachments: BetterSqlite3.Statement;
  private readonly indexOrderId: BetterSqlite3.Statement;
  private messages: Array<[id: number, bodyText: string]> = [];
  private conversations = new Set<number>();
  private withAttachments = new Set<number>();

  constructor(sqlite: BetterSqlite3.Database) {
    this.insertMessage = sqlite.prepare('INSERT INTO messages_fts (rowid, body_text) VALUES (?, ?)');
    // Read back at flush: a subject or customer name changed later in the same transaction
    // is indexed as it ended up (REPLACE: the update trigger may have indexed it already).
    // A conversation new to the store without attachments skips collecting their names
    // (conversation_search_rows' subquery): most have none, and a first sync inserts thousands.
    this.indexConversation = sqlite.prepare(
      `INSERT OR REPLACE INTO conversations_fts (rowid, subject, customer_name, order_id, attachment_names)
       SELECT c.id, c.subject, cu.name, c.order_id, NULL FROM conversations c LEFT JOIN customers cu ON cu.id = c.customer_id
       WHERE c.id = ?`,
    );
    this.indexConversationWithAttachments = sqlite.prepare(
      `INSERT OR REPLACE INTO conversations_fts (rowid, subject, customer_name, order_id, attachment_names)
       SELECT id, subject, customer_name, order_id, attachment_names FROM conversation_search_rows WHERE id = ?`,
    );
    this.indexOrderId = sqlite.prepare(
      'INSERT OR REPLACE INTO order_ids_fts (rowid, order_id) SELECT id, order_id FROM conversations WHERE id = ? AND order_id IS NOT NULL',
    );
  }

  /** A message row just inserted. Indexed at flush(). */
  addMessage(id: number, bodyText: string): void {
    this.messages.push([id, bodyText]);
  }

  /** A conversation row just inserted. Indexed at flush(). */
  addConversation(id: number): void {
    this.conversations.add(id);
  }

  /** Attachments were just added to a conversation's messages (new or not): its names are indexed at flush(). */
  addAttachments(conversationId: number): void {
    this.withAttachments.add(conversationId);
  }

  /**
   * Indexes what was added. Call inside the transaction that inserted the rows: as its
   * last write, and before any UPDATE of a message's body_text (its trigger would remove
   * from the index a row that is not in it yet, corrupting it).
   */
  flush(): void {
    const { messages, conversations, withAttachments } = this;
    if (messages.length === 0 && conversations.size === 0 && withAttachments.size === 0) return;
    this.discard();
    for (const id of conversations) {
      if (!withAttachments.has(id)) this.indexConversation.run(id);
      this.indexOrderId.run(id);
    }
    for (const id of withAttachments) this.indexConversationWithAttachments.run(id);
    for (const row of messages) this.insertMessage.run(...row);
  }

  /** Forgets what was added (the transaction that inserted the rows rolled back). */
  discard(): void {
    this.messages = [];
    this.conversations = new Set();
    this.withAttachments = new Set();
  }
}
