// The open conversation: header, messages, reply box, and the order panel beside them.
import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { Conversation, Message } from '../../src-shared/contract';
import { errorText } from '../common/error-text';
import { useToast } from '../common/toasts';
import { Composer } from '../composer/Composer';
import type { DraftPreview, DraftStorage } from '../lib/draft-storage';
import { NewOrderThreadDialog } from '../order/NewOrderThread';
import { OrderPanel } from '../order/OrderPanel';
import { useThread, type ConversationChanged } from '../app/use-thread';
import { MessageList } from './MessageList';
import type { MessageActions } from './MessageItem';
import { ThreadHeader } from './ThreadHeader';
import { NoConversation, ThreadError, ThreadSkeleton, type WaitingCustomers } from './ThreadPlaceholders';

export function ThreadView({
  conversationId,
  hasConversations,
  waiting,
  onStart,
  onConversation,
  onOpenConversation,
  onBack,
  orderOpen,
  onToggleOrder,
  composerRef,
  composerFocusFor,
  onSendAndNext,
  onLeaveComposer,
  drafts,
  onDraftChange,
  now,
  reconnectSignal,
}: {
  conversationId: number | null;
  hasConversations: boolean;
  /** Customers waiting for a reply, and how to get to the one waiting longest. */
  waiting: WaitingCustomers;
  onStart: () => void;
  onConversation: ConversationChanged;
  /** Shows another conversation (e.g. one just started on the order). */
  onOpenConversation: (conversationId: number) => void;
  onBack: () => void;
  orderOpen: boolean;
  onToggleOrder: () => void;
  composerRef: RefObject<HTMLTextAreaElement | null>;
  composerFocusFor: RefObject<number | null>;
  onSendAndNext: (fromId: number) => void;
  onLeaveComposer: () => void;
  drafts: DraftStorage;
  onDraftChange: (conversationId: number, draft: DraftPreview | null) => void;
  now: Date;
  reconnectSignal: number;
}) {
  const thread = useThread(conversationId, onConversation);
  const toast = useToast();
  const [editing, setEditing] = useState<Message | null>(null);
  /** The new-thread-on-the-order dialog opened from a reply refused because its thread is closed. */
  const [newThreadOpen, setNewThreadOpen] = useState(false);

  useEffect(() => {
    setEditing(null);
    setNewThreadOpen(false);
  }, [conversationId]);

  // Back from a dropped link: events were missed, read the thread again.
  // Only a change of the signal reloads (reload itself changes with every load).
  const reloadRef = useRef(thread.reload);
  reloadRef.current = thread.reload;
  const firstSignal = useRef(reconnectSignal);
  useEffect(() => {
    if (reconnectSignal !== firstSignal.current) reloadRef.current();
  }, [reconnectSignal]);

  const latest = useRef(thread);
  latest.current = thread;
  const hasOrder = !!thread.detail?.conversation.orderId;
  const actions = useMemo<MessageActions>(
    () => ({
      onRetry: (message) => void latest.current.retry(message).catch((e: unknown) => toast(`Retry failed: ${errorText(e)}`, 'error')),
      onEdit: (message) => {
        setEditing(message);
        composerRef.current?.focus();
      },
      onDiscard: (message) => void latest.current.discard(message).catch((e: unknown) => toast(`Could not discard: ${errorText(e)}`, 'error')),
      onNewOrderThread: hasOrder ? () => setNewThreadOpen(true) : null,
    }),
    [toast, composerRef, hasOrder],
  );

  if (conversationId === null) return <NoConversation hasConversations={hasConversations} waiting={waiting} onStart={onStart} />;
  if (thread.status === 'error') {
    return <ThreadError message={thread.error ?? ''} notFound={thread.errorCode === 'not_found'} onRetry={thread.reload} onBack={onBack} />;
  }
  if (thread.status !== 'ready' || !thread.detail || thread.detail.conversation.id !== conversationId) return <ThreadSkeleton />;

  const { detail } = thread;
  const orderId = detail.conversation.orderId;
  return (
    <div className={orderOpen && orderId ? 'thread-area thread-area--with-order' : 'thread-area'}>
      <section className="thread" data-conversation-id={conversationId} aria-label={`Conversation with ${detail.conversation.customer?.name ?? 'the operator'}`}>
        <ThreadHeader detail={detail} orderOpen={orderOpen} onToggleOrder={onToggleOrder} onBack={onBack} />
        <MessageList key={`messages-${conversationId}`} messages={thread.messages} actions={actions} now={now} subject={detail.conversation.subject} />
        <Composer
          key={`composer-${conversationId}`}
          conversation={detail.conversation}
          messages={thread.messages}
          drafts={drafts}
          textareaRef={composerRef}
          focusRequest={composerFocusFor}
          editing={editing}
          onCancelEdit={() => setEditing(null)}
          onSend={thread.send}
          onRetryEdited={(message, body) => thread.retry(message, body)}
          onSendAndNext={() => onSendAndNext(conversationId)}
          onLeave={onLeaveComposer}
          onDraftChange={onDraftChange}
        />
      </section>
      {orderOpen && orderId && (
        <OrderPanel
          orderId={orderId}
          order={detail.order}
          accountId={detail.account.id}
          customerName={detail.conversation.customer?.name ?? null}
          onClose={onToggleOrder}
          onOpenConversation={onOpenConversation}
        />
      )}
      {orderId && (
        <NewOrderThreadDialog
          key={`new-thread-${conversationId}`}
          orderId={orderId}
          accountId={detail.account.id}
          customerName={detail.conversation.customer?.name ?? null}
          open={newThreadOpen}
          onClose={() => setNewThreadOpen(false)}
          onCreated={onOpenConversation}
        />
      )}
    </div>
  );
}
