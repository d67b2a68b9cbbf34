// Reading the inbox: the list, its counts, a conversation with its messages and order,
// an order's conversations; marking a conversation read.
import type { Conversation, ConversationDetail, ServiceApi } from '../../src-shared/contract';
import type { Store } from '../db/open';
import {
  countConversations,
  findConversation,
  listConversations,
  listOrderConversations,
  markConversationRead,
} from '../db/conversations';
import { findAccount } from '../db/account-admin';
import { messagesOfConversation } from '../db/messages';
import { toAccountSummary, toConversation, toMessage, toOrderSummary } from '../db/contract-mapping';
import { toSearchTerms } from '../db/search-query';
import { ServiceError, notFound } from './errors';
import { decodeCursor, encodeCursor } from './list-cursor';
import type { LiveEvents } from './live-events';

export interface InboxDeps {
  store: Store;
  live: LiveEvents;
  now(): number;
}

type InboxOperations = Pick<ServiceApi, 'listConversations' | 'countConversations' | 'getConversation' | 'markRead' | 'listOrderConversations'>;

export function inboxOperations(deps: InboxDeps): InboxOperations {
  const { store } = deps;
  return {
    async listConversations(input) {
      const after = input.cursor ? decodeCursor(input.cursor) : null;
      let searchTerms: string[] | undefined;
      if (input.q !== undefined && input.q.trim() !== '') {
        searchTerms = toSearchTerms(input.q);
        // Typed something, but nothing searchable (only punctuation or emoji): nothing matches.
        if (searchTerms.length === 0) return { items: [], nextCursor: null };
      }
      const filter = {
        ...(input.accountId !== undefined ? { accountId: input.accountId } : {}),
        ...(input.orderId !== undefined ? { orderId: input.orderId } : {}),
        ...(input.replyNeeded !== undefined ? { replyNeeded: input.replyNeeded } : {}),
        ...(input.unread !== undefined ? { unread: input.unread } : {}),
        ...(searchTerms ? { searchTerms } : {}),
      };
      const page = await listConversations(store.db, filter, after, input.limit).catch((error: unknown) => {
        // The terms are quoted so this cannot happen; if it ever does, it is the query's fault, not a crash.
        if (error instanceof Error && /fts5|tsquery/i.test(error.message)) throw new ServiceError('invalid_field', 'This search cannot be run', 'q');
        throw error;
      });
      return { items: page.rows.map(toConversation), nextCursor: page.next ? encodeCursor(page.next) : null };
    },

    async countConversations(input) {
      return countConversations(store.db, input.accountId);
    },

    async getConversation(input) {
      return conversationDetail(store, input.id);
    },

    async markRead(input) {
      if (!(await markConversationRead(store.db, input.id, deps.now()))) throw notFound('Conversation', input.id);
      const conversation = await conversationOf(store, input.id);
      await deps.live.conversations([input.id]);
      return conversation;
    },

    async listOrderConversations(input) {
      const rows = await listOrderConversations(store.db, input.orderId, input.accountId);
      return { items: rows.map(toConversation) };
    },
  };
}

export async function conversationOf(store: Store, id: number): Promise<Conversation> {
  const row = await findConversation(store.db, id);
  if (!row) throw notFound('Conversation', id);
  return toConversation(row);
}

export async function conversationDetail(store: Store, id: number): Promise<ConversationDetail> {
  const row = await findConversation(store.db, id);
  if (!row) throw notFound('Conversation', id);
  const account = await findAccount(store.db, row.account_id);
  if (!account) throw notFound('Connection', row.account_id);
  const order =
    row.order_id === null
      ? undefined
      : await store.db
          .selectFrom('orders')
          .selectAll()
          .where('account_id', '=', row.account_id)
          .where('mirakl_order_id', '=', row.order_id)
          .executeTakeFirst();
  const messages = await messagesOfConversation(store.db, id);
  return {
    conversation: toConversation(row),
    account: toAccountSummary(account),
    order: order ? toOrderSummary(order) : null,
    messages: messages.map(({ message, attachments }) => toMessage(message, attachments)),
  };
}
