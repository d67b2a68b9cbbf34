// Turns store changes into AppEvents: rows are re-read and mapped to the contract's
// shapes, so a listener always gets what getConversation would answer.
import type { Store } from '../db/open';
import { conversationsByIds } from '../db/conversations';
import { changedMessageIds, messagesByIds, messagesWithOutboxFiles } from '../db/messages';
import { toConversation, toMessage } from '../db/contract-mapping';
import type { EventHub } from './event-hub';
import type { SyncedChange } from './sync-manager';

/**
 * A sync page adding more messages than this (a first sync, a backfill) announces only
 * its conversations: nobody reads hundreds of messages live, and a client showing one of
 * those conversations re-reads it on conversation.upserted.
 */
export const LIVE_MESSAGES_PER_PAGE = 200;

export class LiveEvents {
  constructor(
    private readonly store: Store,
    private readonly hub: EventHub,
  ) {}

  async conversations(ids: readonly number[]): Promise<void> {
    if (ids.length === 0 || this.hub.size === 0) return;
    for (const row of await conversationsByIds(this.store.db, ids)) {
      this.hub.emit({ type: 'conversation.upserted', conversation: toConversation(row) });
    }
  }

  async messages(ids: readonly number[]): Promise<void> {
    if (ids.length === 0 || this.hub.size === 0) return;
    for (const { message, attachments, outboxFiles } of await messagesByIds(this.store.db, ids)) {
      this.hub.emit({ type: 'message.upserted', message: toMessage(message, attachments, outboxFiles) });
    }
  }

  /** A message and its conversation (counters, preview, order in the list) changed. */
  async messageChanged(messageId: number, conversationId: number): Promise<void> {
    await this.messages([messageId]);
    await this.conversations([conversationId]);
  }

  async messageDeleted(messageId: number, conversationId: number): Promise<void> {
    this.hub.emit({ type: 'message.deleted', messageId, conversationId });
    await this.conversations([conversationId]);
  }

  /**
   * A committed sync page: its new messages, the replies it adopted, and our replies whose
   * files it may have brought (Mirakl's copies replace the ones shown); then its conversations.
   */
  async synced(change: SyncedChange): Promise<void> {
    if (this.hub.size === 0) return;
    const withFiles = await messagesWithOutboxFiles(this.store.db, change.conversationIds);
    const ids = await changedMessageIds(this.store.db, change.conversationIds, change.newerThan, [...change.unsentBefore, ...withFiles]);
    if (ids.length <= LIVE_MESSAGES_PER_PAGE) await this.messages(ids);
    await this.conversations(change.conversationIds);
  }
}
