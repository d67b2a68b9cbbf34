// The open conversation: its detail and messages, live updates, read marking, and the
// replies sent from it (shown at once as pending, then as Mirakl accepted or refused them).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Conversation, ConversationDetail, Message } from '../../src-shared/contract';
import { InboxError } from '../../src-shared/inbox-client';
import { errorText } from '../common/error-text';
import type { Recipient } from '../lib/message-role';
import type { OutgoingFiles } from '../composer/Composer';
import { removeMessage, upsertMessage } from '../lib/thread-messages';
import { useClient } from './client-context';
import { useAppEvents } from './use-app-events';

export interface ThreadState {
  detail: ConversationDetail | null;
  /** Oldest first, with our not-yet-acknowledged replies (negative ids) at the end. */
  messages: readonly Message[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  errorCode: string | null;
}

export interface Thread extends ThreadState {
  reload(): void;
  /** Resolves once the reply is stored (pending); rejects with errors the writer must fix (too short, too long…). */
  send(body: string, to: Recipient, files?: OutgoingFiles): Promise<void>;
  retry(message: Message, body?: string): Promise<void>;
  discard(message: Message): Promise<void>;
}

/** The open conversation gets read again this long after new messages arrive while the window is in view. */
const MARK_READ_DELAY_MS = 800;

const IDLE: ThreadState = { detail: null, messages: [], status: 'idle', error: null, errorCode: null };

let localIds = 0;

/** A newer state of a conversation; `before` is the state it replaces, when the caller knows it. */
export type ConversationChanged = (conversation: Conversation, before?: Conversation) => void;

export function useThread(id: number | null, onConversation: ConversationChanged): Thread {
  const client = useClient();
  const [state, setState] = useState<ThreadState>(IDLE);
  const current = useRef(id);
  current.current = id;
  const onConversationRef = useRef(onConversation);
  onConversationRef.current = onConversation;
  const markReadTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  /** Recipient of each reply not yet stored by the service (negative ids), for a retry. */
  const localRecipients = useRef(new Map<number, Recipient>());
  /** Events seen per message id: an answer older than the last event about a message is stale. */
  const eventCounts = useRef(new Map<number, number>());

  const markRead = useCallback(
    (conversationId: number) => {
      client.call('markRead', { id: conversationId }).then(
        (conversation) => {
          onConversationRef.current(conversation);
          setState((s) => (s.detail?.conversation.id === conversation.id ? { ...s, detail: { ...s.detail, conversation } } : s));
        },
        () => {
          // Unread state is cosmetic; the next open retries.
        },
      );
    },
    [client],
  );

  /**
   * An event about the open conversation that arrived while it was loading may describe a
   * change the answer in flight does not have yet (events and answers travel separately):
   * read it again, quietly, once this load lands.
   */
  const loading = useRef<number | null>(null);
  const changedWhileLoading = useRef(false);
  const load = useCallback(
    (conversationId: number, quiet: boolean) => {
      if (!quiet) setState({ ...IDLE, status: 'loading' });
      loading.current = conversationId;
      changedWhileLoading.current = false;
      client.call('getConversation', { id: conversationId }).then(
        (detail) => {
          if (current.current !== conversationId) return;
          if (loading.current === conversationId) loading.current = null;
          if (changedWhileLoading.current) {
            changedWhileLoading.current = false;
            setTimeout(() => reloadQuietly.current?.(conversationId), 0);
          }
          setState((s) => {
            // Replies still being sent stay on screen across a reload.
            const local = s.detail?.conversation.id === conversationId ? s.messages.filter((m) => m.id < 0) : [];
            return { detail: detail, messages: [...detail.messages, ...local], status: 'ready', error: null, errorCode: null };
          });
          if (detail.conversation.unreadCount > 0) {
            // Read from now on: the row and the Unread count say so at once; markRead confirms.
            onConversationRef.current({ ...detail.conversation, unreadCount: 0 }, detail.conversation);
            markRead(conversationId);
          }
        },
        (error: unknown) => {
          if (current.current !== conversationId) return;
          if (loading.current === conversationId) loading.current = null;
          const errorCode = error instanceof InboxError ? error.code : null;
          setState((s) => (quiet && s.status === 'ready' ? s : { ...IDLE, status: 'error', error: errorText(error), errorCode }));
        },
      );
    },
    [client, markRead],
  );
  const reloadQuietly = useRef<((conversationId: number) => void) | null>(null);
  reloadQuietly.current = (conversationId) => {
    if (current.current === conversationId) load(conversationId, true);
  };

  useEffect(() => {
    if (markReadTimer.current !== null) clearTimeout(markReadTimer.current);
    if (id === null) setState(IDLE);
    else load(id, false);
  }, [id, load]);

  useEffect(() => () => {
    if (markReadTimer.current !== null) clearTimeout(markReadTimer.current);
  }, []);

  useAppEvents((event) => {
    const open = current.current;
    if (open === null) return;
    const about = event.type === 'message.upserted' ? event.message.conversationId : event.type === 'message.deleted' ? event.conversationId : event.type === 'conversation.upserted' ? event.conversation.id : null;
    if (about === open && loading.current === open) changedWhileLoading.current = true;
    if (event.type === 'message.upserted' && event.message.direction === 'outbound') eventCounts.current.set(event.message.id, (eventCounts.current.get(event.message.id) ?? 0) + 1);
    if (event.type === 'message.upserted' && event.message.conversationId === open) {
      setState((s) => (s.status === 'ready' ? { ...s, messages: withEventMessage(s.messages, event.message) } : s));
    } else if (event.type === 'message.deleted' && event.conversationId === open) {
      setState((s) => ({ ...s, messages: removeMessage(s.messages, event.messageId) }));
    } else if (event.type === 'conversation.upserted' && event.conversation.id === open) {
      const conversation = event.conversation;
      setState((s) => (s.detail ? { ...s, detail: { ...s.detail, conversation } } : s));
      // A message came in while the technician is looking at this very conversation: it is read.
      if (conversation.unreadCount > 0 && document.visibilityState === 'visible' && document.hasFocus()) {
        if (markReadTimer.current !== null) clearTimeout(markReadTimer.current);
        markReadTimer.current = setTimeout(() => {
          markReadTimer.current = null;
          if (current.current === conversation.id) markRead(conversation.id);
        }, MARK_READ_DELAY_MS);
      }
    }
  });

  const replaceLocal = useCallback((localId: number, next: Message | null) => {
    setState((s) => {
      const without = removeMessage(s.messages, localId);
      // onlyIfAbsent: the event about this message may already have brought a fresher state.
      return { ...s, messages: next ? upsertMessage(without, next, true) : without };
    });
  }, []);

  const sendAs = useCallback(
    async (conversationId: number, body: string, to: Recipient, localId: number, files: OutgoingFiles['refs'] = []) => {
      try {
        const message = await client.call('sendMessage', { id: conversationId, body, to, ...(files.length > 0 ? { attachments: files } : {}) });
        localRecipients.current.delete(localId);
        if (current.current === conversationId) replaceLocal(localId, message);
      } catch (error) {
        // Refused as written, or the app could not even store it (backend unreachable): the
        // reply exists nowhere but on screen, so it goes back into the composer (and its
        // draft) instead of living on as a bubble that switching conversations would lose.
        replaceLocal(localId, null);
        throw error;
      }
    },
    [client, replaceLocal],
  );

  const send = useCallback(
    async (body: string, to: Recipient, files: OutgoingFiles = { refs: [], shown: [] }) => {
      const detail = state.detail;
      if (!detail) return;
      const localId = -++localIds;
      const optimistic: Message = {
        id: localId,
        miraklMessageId: null,
        conversationId: detail.conversation.id,
        direction: 'outbound',
        sender: { type: 'SHOP_USER', name: detail.account.name },
        body,
        bodyText: body,
        sentAt: new Date().toISOString(),
        status: 'pending',
        error: null,
        attachments: [],
        outboxFiles: files.shown,
      };
      localRecipients.current.set(localId, to);
      setState((s) => ({ ...s, messages: [...s.messages, optimistic] }));
      await sendAs(detail.conversation.id, body, to, localId, files.refs);
    },
    [sendAs, state.detail],
  );

  const retry = useCallback(
    async (message: Message, body?: string) => {
      if (message.id < 0) {
        // Never stored: send it again from scratch.
        setState((s) => ({ ...s, messages: s.messages.map((m) => (m.id === message.id ? { ...m, status: 'pending' as const, error: null, body: body ?? m.body, bodyText: body ?? m.bodyText } : m)) }));
        await sendAs(message.conversationId, body ?? message.body, localRecipients.current.get(message.id) ?? 'customer', message.id);
        return;
      }
      setState((s) => ({ ...s, messages: s.messages.map((m) => (m.id === message.id ? { ...m, status: 'pending' as const, error: null } : m)) }));
      const eventsBefore = eventCounts.current.get(message.id) ?? 0;
      try {
        const updated = await client.call('retryMessage', body === undefined ? { id: message.id } : { id: message.id, body });
        if ((eventCounts.current.get(message.id) ?? 0) === eventsBefore) {
          setState((s) => ({ ...s, messages: upsertMessage(s.messages, updated) }));
        }
      } catch (error) {
        setState((s) => ({ ...s, messages: s.messages.map((m) => (m.id === message.id ? { ...m, status: 'failed' as const, error: errorText(error) } : m)) }));
        throw error;
      }
    },
    [client, sendAs],
  );

  const discard = useCallback(
    async (message: Message) => {
      if (message.id > 0) await client.call('discardMessage', { id: message.id });
      localRecipients.current.delete(message.id);
      setState((s) => ({ ...s, messages: removeMessage(s.messages, message.id) }));
    },
    [client],
  );

  const reload = useCallback(() => {
    if (current.current !== null) load(current.current, state.status === 'ready');
  }, [load, state.status]);

  return { ...state, reload, send, retry, discard };
}

/**
 * Folds in a message.upserted event. The event about our own new reply can arrive before
 * the answer to sendMessage: it then takes the place of the optimistic copy (same body),
 * so the reply never shows twice.
 */
function withEventMessage(messages: readonly Message[], message: Message): readonly Message[] {
  if (message.direction === 'outbound' && !messages.some((m) => m.id === message.id)) {
    const local = messages.find((m) => m.id < 0 && m.body === message.body);
    if (local) return upsertMessage(removeMessage(messages, local.id), message);
  }
  return upsertMessage(messages, message);
}
