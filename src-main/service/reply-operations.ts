// Answering: a reply is stored as pending before anything leaves, then the outbox sends
// it. Retry and discard never act on a reply that may already be on Mirakl without
// reading the thread first. Starting a thread (OR43) is direct: the user waits for it.
import type { Message, ServiceApi } from '../../src-shared/contract';
import { unfilledPlaceholders } from '../../src-shared/saved-reply-template';
import type { Store } from '../db/open';
import { accountsOfOrder, findConversation } from '../db/conversations';
import { findAccount } from '../db/account-admin';
import { listAccounts } from '../db/accounts';
import { findMessage, lastShopSignature } from '../db/messages';
import { discardReply, enqueueReply, mayHaveReachedMirakl, readOutboxState, requeueReply, type OutboxState } from '../db/outbox';
import { saveOrders } from '../db/orders';
import { deleteUploads } from '../db/uploads';
import { writeThreads } from '../db/thread-writer';
import { toMessage } from '../db/contract-mapping';
import { MiraklError } from '../mirakl/errors';
import { bodyToText } from '../sync/body-text';
import { mapThread } from '../sync/map-thread';
import type { ConnectionRegistry } from './connection-registry';
import { ServiceError, fromMiraklError, notFound } from './errors';
import { conversationDetail } from './inbox-operations';
import type { LiveEvents } from './live-events';
import type { OrderDocuments } from './order-documents';
import type { OutboxSender } from './outbox-sender';
import type { ReplyFiles } from './reply-files';

export interface ReplyDeps {
  store: Store;
  live: LiveEvents;
  outbox: OutboxSender;
  registry: ConnectionRegistry;
  files: ReplyFiles;
  documents: OrderDocuments;
  now(): number;
  log(message: string, error?: unknown): void;
}

type ReplyOperations = Pick<ServiceApi, 'sendMessage' | 'retryMessage' | 'discardMessage' | 'startThread' | 'listOrderDocuments'>;

/** A saved reply's {{field}} or {{variable}} left in a body: never sent to a customer. */
export function refuseUnfilled(body: string): void {
  const left = unfilledPlaceholders(body)[0];
  if (left) throw new ServiceError('invalid_field', `Fill in ${left.raw} (${left.label}) before sending`, 'body');
}

export function replyOperations(deps: ReplyDeps): ReplyOperations {
  const { store, live, outbox } = deps;

  async function messageOf(id: number): Promise<Message> {
    const found = await findMessage(store.db, id);
    if (!found) throw notFound('Message', id);
    return toMessage(found.message, found.attachments, found.outboxFiles);
  }

  /** The reply, if it is one this app may still act on (not received, not delivered, not being sent). */
  async function unsentReply(id: number, doing: string): Promise<OutboxState> {
    const state = await readOutboxState(store.db, id);
    if (!state) throw notFound('Message', id);
    ensureActionable(state, doing);
    return state;
  }

  /** Throws unless the reply may be acted on now; run again inside the transaction that acts. */
  function ensureActionable(state: OutboxState, doing: string): void {
    const id = state.messageId;
    if (state.direction !== 'outbound' || state.miraklMessageId !== null || state.status === 'delivered') {
      throw new ServiceError('conflict', `Cannot ${doing} message ${id}: Mirakl already has it`);
    }
    if (outbox.isBusy(id) || outbox.heldElsewhere(state.leaseOwner, state.leaseUntil)) {
      throw new ServiceError('conflict', `Cannot ${doing} message ${id} while it is being sent; try again in a moment`);
    }
  }

  /**
   * Reads the thread when an earlier attempt may have posted the reply unseen. When Mirakl
   * has it, the reply is recorded as delivered and the caller's action refused.
   */
  async function ensureNotOnMirakl(state: OutboxState, doing: string): Promise<void> {
    if (!mayHaveReachedMirakl(state)) return;
    let copy: string | null;
    try {
      copy = await outbox.locateOnMirakl(state.messageId);
    } catch (error) {
      // The thread is gone: the reply cannot be on it.
      if (error instanceof MiraklError && error.status === 404) return;
      const cause = error instanceof Error ? error.message : String(error);
      throw new ServiceError(
        error instanceof MiraklError && !error.transient ? 'mirakl_refused' : 'mirakl_unreachable',
        `Cannot ${doing} this reply yet: an earlier attempt may have reached Mirakl and checking failed (${cause}). Try again when Mirakl answers.`,
      );
    }
    if (copy !== null) {
      await outbox.adopt(state.messageId, copy);
      throw new ServiceError('conflict', `Mirakl already received this reply (an earlier attempt got through); it was not ${doing === 'discard' ? 'discarded' : 'changed'}`);
    }
  }

  return {
    async sendMessage(input) {
      const conversation = await findConversation(store.db, input.id);
      if (!conversation) throw notFound('Conversation', input.id);
      if (input.to === 'customer' && conversation.customer_mirakl_id === null) {
        throw new ServiceError('invalid_field', 'This conversation has no customer to answer: send the reply to the operator', 'to');
      }
      refuseUnfilled(input.body);
      const account = await findAccount(store.db, conversation.account_id);
      if (!account) throw notFound('Connection', conversation.account_id);
      const resolved = await deps.files.resolve(input.attachments ?? [], { accountId: conversation.account_id, orderId: conversation.order_id, body: input.body });
      // The files first, then the reply naming them, both before any network call: from here on the reply survives anything.
      const files = await deps.files.copyToOutbox(resolved);
      let id: number;
      try {
        id = await enqueueReply(store, {
          accountId: conversation.account_id,
          conversationId: conversation.id,
          body: input.body,
          bodyText: bodyToText(input.body),
          senderName: (await lastShopSignature(store.db, conversation.id)) ?? account.shop_name ?? account.name,
          recipient: input.to,
          now: deps.now(),
          files,
          usedUploadIds: resolved.flatMap((f) => (f.uploadId === null ? [] : [f.uploadId])),
        });
      } catch (error) {
        await deps.files.discard(files);
        throw error;
      }
      const message = await messageOf(id);
      await live.messageChanged(id, conversation.id);
      outbox.kick();
      return message;
    },

    async retryMessage(input) {
      if (input.body !== undefined) refuseUnfilled(input.body);
      const state = await unsentReply(input.id, 'retry');
      const edited = input.body !== undefined && input.body !== state.body;
      // A new body must not replace one Mirakl may already show.
      if (edited) {
        await ensureNotOnMirakl(state, 'edit');
      }
      // Checked again as the change is made: the sender may have taken it meanwhile.
      const edit = edited && input.body !== undefined ? { body: input.body, bodyText: bodyToText(input.body) } : null;
      await requeueReply(store, input.id, edit, deps.now(), (current) => ensureActionable(current, 'retry'));
      const message = await messageOf(input.id);
      await live.messageChanged(input.id, state.conversationId);
      outbox.kick();
      return message;
    },

    async discardMessage(input) {
      const state = await unsentReply(input.id, 'discard');
      await ensureNotOnMirakl(state, 'discard');
      // Checked again as the reply is removed: the sender may have taken it meanwhile.
      const conversationId = await discardReply(store, input.id, deps.now(), (current) => ensureActionable(current, 'discard'));
      if (conversationId !== null) await live.messageDeleted(input.id, conversationId);
      return { ok: true as const };
    },

    async startThread(input) {
      refuseUnfilled(input.body);
      const accountId = input.accountId ?? (await accountOfOrder(store, input.orderId));
      if (!(await findAccount(store.db, accountId))) throw notFound('Connection', accountId);
      const files = await deps.files.resolve(input.attachments ?? [], { accountId, orderId: input.orderId, body: input.body });
      const client = await deps.registry.clientFor(accountId);
      let threadId: string;
      try {
        ({ thread_id: threadId } = await client.createThread(
          input.orderId,
          {
            body: input.body,
            to: [...new Set(input.to)].map((to) => to.toUpperCase()),
            topic: { type: 'FREE_TEXT', value: input.subject },
          },
          files.map((f) => ({ path: f.source, name: f.name, contentType: f.contentType })),
        ));
      } catch (error) {
        if (error instanceof MiraklError && error.outcomeUnknown) {
          throw new ServiceError(
            'mirakl_unreachable',
            `Mirakl did not confirm the new thread (${error.message}). It may have been created: it will appear after the next sync; check before starting it again.`,
          );
        }
        throw fromMiraklError(error, 'Starting a thread');
      }
      // The thread holds the files now: their uploads are used up (the sweep removes their bytes).
      await deleteUploads(store.db, files.flatMap((f) => (f.uploadId === null ? [] : [f.uploadId])));
      let thread;
      try {
        thread = await client.getThread(threadId);
      } catch (error) {
        throw new ServiceError('mirakl_unreachable', `The thread was created on Mirakl but cannot be read yet (${(error as Error).message}); it will appear after the next sync`);
      }
      const now = deps.now();
      const changed: number[] = [];
      await store.transaction((trx) => writeThreads(trx, accountId, [mapThread(thread)], { firstPass: false, now }, changed));
      const row = await store.db
        .selectFrom('conversations')
        .select('id')
        .where('account_id', '=', accountId)
        .where('mirakl_thread_id', '=', threadId)
        .executeTakeFirstOrThrow();
      await fetchOrderIfMissing(deps, accountId, input.orderId);
      const detail = await conversationDetail(store, row.id);
      await live.messages(detail.messages.map((m) => m.id));
      await live.conversations([row.id]);
      return detail;
    },

    async listOrderDocuments(input) {
      const accountId = input.accountId ?? (await accountOfOrder(store, input.orderId));
      if (!(await findAccount(store.db, accountId))) throw notFound('Connection', accountId);
      return deps.documents.list(accountId, input.orderId, deps.now());
    },
  };
}

/** The account an order belongs to, when the caller did not say. */
async function accountOfOrder(store: Store, orderId: string): Promise<number> {
  const known = await accountsOfOrder(store.db, orderId);
  if (known.length === 1 && known[0] !== undefined) return known[0];
  if (known.length === 0) {
    const accounts = await listAccounts(store.db);
    if (accounts.length === 1 && accounts[0]) return accounts[0].id;
  }
  throw new ServiceError(
    'invalid_field',
    known.length > 1 ? 'Several connections know this order: choose one' : 'Choose the connection this order belongs to',
    'accountId',
  );
}

/** The order summary for the new conversation's side panel; the next sync retries if this fails. */
async function fetchOrderIfMissing(deps: ReplyDeps, accountId: number, orderId: string): Promise<void> {
  const known = await deps.store.db
    .selectFrom('orders')
    .select('id')
    .where('account_id', '=', accountId)
    .where('mirakl_order_id', '=', orderId)
    .executeTakeFirst();
  if (known) return;
  try {
    const client = await deps.registry.clientFor(accountId);
    await saveOrders(deps.store, accountId, await client.getOrders([orderId]), deps.now());
  } catch (error) {
    deps.log(`Order ${orderId} details not fetched`, error);
  }
}

