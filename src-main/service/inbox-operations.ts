// Reading the inbox: the list, its counts, a conversation with its messages and order,
// an order's conversations; marking a conversation read.
import type { Conversation, ConversationDetail, SearchMatch, ServiceApi } from '../../src-shared/contract';
import type { Store } from '../db/open';
import {
  countConversations,
  countSearchResults,
  findConversation,
  listConversations,
  listOrderConversations,
  markConversationRead,
} from '../db/conversations';
import { findAccount } from '../db/account-admin';
import { listAccounts } from '../db/accounts';
import { messagesOfConversation } from '../db/messages';
import { toAccountSummary, toConversation, toMessage, toOrderSummary } from '../db/contract-mapping';
import { searchMatches } from '../db/search-matches';
import { toSearchTerms } from '../db/search-query';
import { ServiceError, notFound } from './errors';
import { decodeCursor, encodeCursor } from './list-cursor';
import type { LiveEvents } from './live-events';
import { openWaitRanges } from './response-time-operations';

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
      const after = input.cursor ? decodeCursor(input.cursor, input.sort) : null;
      const searchTerms = termsOf(input.q);
      // Typed something, but nothing searchable (only punctuation or emoji): nothing matches.
      if (searchTerms?.length === 0) return { items: [], nextCursor: null, ...(after ? {} : { total: { count: 0, exact: true } }) };
      const ranges = await openWaitRanges(store, input, deps.now());
      const filter = {
        ...(ranges ? { openWaitRanges: ranges } : {}),
        ...(input.accountId !== undefined ? { accountId: input.accountId } : {}),
        ...(input.orderId !== undefined ? { orderId: input.orderId } : {}),
        ...(input.replyNeeded !== undefined ? { replyNeeded: input.replyNeeded } : {}),
        ...(input.unread !== undefined ? { unread: input.unread } : {}),
        // Snoozed conversations stay out of the lists (not of a search) unless asked for.
        ...(input.snoozed !== undefined ? { snoozed: input.snoozed } : searchTerms ? {} : { snoozed: false }),
        ...(searchTerms ? { searchTerms } : {}),
        sort: input.sort,
      };
      const page = await searchable(listConversations(store.db, filter, after, input.limit));
      // Why each row of the page matched: computed for these rows only.
      const matches = searchTerms ? await searchMatches(store.db, page.rows, searchTerms, page.commonTerms) : new Map<number, SearchMatch>();
      return {
        items: page.rows.map((row) => {
          const match = matches.get(row.id);
          return match ? { ...toConversation(row), match } : toConversation(row);
        }),
        nextCursor: page.next ? encodeCursor(page.next, input.sort) : null,
        ...(page.total ? { total: page.total } : {}),
      };
    },

    async countConversations(input) {
      const searchTerms = termsOf(input.q);
      if (searchTerms !== undefined) {
        if (searchTerms.length === 0) return { all: 0, replyNeeded: 0, unread: 0, snoozed: 0, accounts: [], exact: true };
        return searchable(countSearchResults(store.db, searchTerms, input.accountId));
      }
      const totals = await countConversations(store.db, input.accountId);
      const accounts = (await listAccounts(store.db)).filter((a) => input.accountId === undefined || a.id === input.accountId);
      // One connection: its counts are the totals, without counting again.
      const perAccount =
        accounts.length === 1 && accounts[0]
          ? [{ accountId: accounts[0].id, ...totals }]
          : await Promise.all(accounts.map(async (a) => ({ accountId: a.id, ...(await countConversations(store.db, a.id)) })));
      return { ...totals, accounts: perAccount };
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

/** The FTS5 terms of a search box's text; undefined when nothing was typed, empty when nothing searchable was. */
function termsOf(q: string | undefined): string[] | undefined {
  return q === undefined || q.trim() === '' ? undefined : toSearchTerms(q);
}

/** A search's answer; an FTS5 or tsquery error (the terms are quoted so it cannot happen) is the query's fault, not a crash. */
function searchable<T>(query: Promise<T>): Promise<T> {
  return query.catch((error: unknown) => {
    if (error instanceof Error && /fts5|tsquery/i.test(error.message)) throw new ServiceError('invalid_field', 'This search cannot be run', 'q');
    throw error;
  });
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
    messages: messages.map(({ message, attachments, outboxFiles }) => toMessage(message, attachments, outboxFiles)),
  };
}
