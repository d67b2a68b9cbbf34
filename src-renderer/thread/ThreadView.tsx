// The open conversation: header, messages, reply box, and the order panel beside them.
import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { Conversation, Message, OrderDocument } from '../../src-shared/contract';
import { customerLanguage, replyContextOf } from '../../src-shared/reply-context';
import { errorText } from '../common/error-text';
import { useToast } from '../common/toasts';
import { Composer } from '../composer/Composer';
import type { DraftPreview, DraftStorage } from '../lib/draft-storage';
import { NewOrderThreadDialog } from '../order/NewOrderThread';
import { OrderPanel } from '../order/OrderPanel';
import { useThread, type ConversationChanged } from '../app/use-thread';
import { useOrderDocuments } from '../app/use-order-documents';
import { useReplyAttachments } from '../composer/use-reply-attachments';
import { suggestedInvoice } from '../lib/invoice-suggestion';
import type { SavedReplyIndex } from '../saved-replies/picker-ranking';
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
  savedReplies,
  onPickerOpen,
  signature,
  onLeaveConversation,
  snoozeRequest,
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
  savedReplies: SavedReplyIndex | null;
  /** The `/` picker opened: saved replies are read again (another window or a script may have changed them). */
  onPickerOpen: () => void;
  /** The technician's signature, for saved replies. */
  signature: string;
  /** Snoozed or marked unread: back to the list. */
  onLeaveConversation: (conversation: Conversation) => void;
  snoozeRequest: number;
}) {
  const thread = useThread(conversationId, onConversation);
  const attachments = useReplyAttachments(conversationId ?? 0);
  const ready = thread.status === 'ready' && thread.detail !== null && thread.detail.conversation.id === conversationId ? thread.detail : null;
  const documents = useOrderDocuments(ready?.conversation.orderId ?? null, ready?.account.id ?? null);
  const replyContext = useMemo(() => (ready ? replyContextOf(ready, signature) : null), [ready, signature]);
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
  const attachDocument = (document: OrderDocument) => {
    attachments.addDocument(document);
    composerRef.current?.focus();
  };
  return (
    <div className={orderOpen && orderId ? 'thread-area thread-area--with-order' : 'thread-area'}>
      <section className="thread" data-conversation-id={conversationId} aria-label={`Conversation with ${detail.conversation.customer?.name ?? 'the operator'}`}>
        <ThreadHeader
          detail={detail}
          orderOpen={orderOpen}
          onToggleOrder={onToggleOrder}
          onBack={onBack}
          onConversationChanged={(conversation) => onConversation(conversation, detail.conversation)}
          onLeave={onLeaveConversation}
          snoozeRequest={snoozeRequest}
        />
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
          attachments={attachments}
          invoiceSuggestion={suggestedInvoice(detail.conversation, thread.messages, documents.items)}
          savedReplies={savedReplies}
          onPickerOpen={onPickerOpen}
          replyContext={replyContext ?? replyContextOf(detail, signature)}
          language={customerLanguage(detail)}
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
          documents={documents}
          onAttach={attachDocument}
          attachedDocumentIds={attachments.items.flatMap((a) => (a.kind === 'document' ? [a.documentId] : []))}
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
