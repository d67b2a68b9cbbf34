// The reply box: a draft per conversation that survives switching and restarts,
// Ctrl/Cmd+Enter to send, Alt+Enter to send and move to the next customer waiting, and a
// warning when the customer wrote again since the reply was started.
import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { Conversation, Message } from '../../src-shared/contract';
import { errorText } from '../common/error-text';
import { Icon } from '../common/Icon';
import { DraftStorage, type DraftPreview } from '../lib/draft-storage';
import { latestInboundId, type Recipient } from '../lib/message-role';
import { Chord } from '../shortcuts/Chord';
import { hasModKey } from '../shortcuts/platform-keys';
import { canSend, limitHint } from './body-limits';
import { NewMessageNotice } from './NewMessageNotice';
import { RecipientChoice } from './RecipientChoice';
import { useAutoGrow } from './use-auto-grow';
import { NO_CUSTOMER_NAME } from '../sidebar/ConversationRow';

export interface ComposerProps {
  conversation: Conversation;
  messages: readonly Message[];
  drafts: DraftStorage;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  /** Holds this conversation's id when the box should take the focus on mount (Alt+Enter, Enter while loading). */
  focusRequest: RefObject<number | null>;
  /** A failed reply being corrected: sending retries it with the new text. */
  editing: Message | null;
  onCancelEdit: () => void;
  onSend: (body: string, to: Recipient) => Promise<void>;
  onRetryEdited: (message: Message, body: string) => Promise<void>;
  onSendAndNext: () => void;
  /** Esc: back to the list. */
  onLeave: () => void;
  /** The draft's text, or null when there is none (for the list's preview). */
  onDraftChange: (conversationId: number, draft: DraftPreview | null) => void;
}

export function Composer(props: ComposerProps) {
  const { conversation, messages, drafts, textareaRef, editing } = props;
  const customerAvailable = conversation.customer !== null;
  const initial = useMemo(() => drafts.load(conversation.id, conversation.miraklThreadId), [drafts, conversation.id, conversation.miraklThreadId]);
  const [text, setText] = useState(initial?.body ?? '');
  const [to, setTo] = useState<Recipient>(initial?.to ?? (customerAvailable ? 'customer' : 'operator'));
  const [seenInboundId, setSeenInboundId] = useState(initial?.seenInboundId ?? latestInboundId(messages));
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [attention, setAttention] = useState(false);
  const sendAnywayRef = useRef<HTMLButtonElement>(null);
  useAutoGrow(textareaRef, text);

  // On mount only (the box is keyed by conversation): take the focus if it was asked for.
  const { focusRequest } = props;
  useEffect(() => {
    if (focusRequest.current !== conversation.id) return;
    focusRequest.current = null;
    textareaRef.current?.focus();
  }, [focusRequest, conversation.id, textareaRef]);

  // Editing a failed reply: its text replaces the box until sent or cancelled (the draft is kept aside).
  useEffect(() => {
    if (editing) {
      setText(editing.body);
      textareaRef.current?.focus();
    } else {
      setText(drafts.load(conversation.id, conversation.miraklThreadId)?.body ?? '');
    }
  }, [editing, drafts, conversation.id, conversation.miraklThreadId, textareaRef]);

  const latestInbound = latestInboundId(messages);
  const newInbound = useMemo(() => messages.filter((m) => m.direction === 'inbound' && m.id > seenInboundId), [messages, seenInboundId]);
  const warnNew = !editing && text.trim() !== '' && newInbound.length > 0;
  const hint = limitHint(text);

  // The list's draft preview follows the typing at a calmer pace than keystrokes.
  const previewTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pendingPreview = useRef<(() => void) | null>(null);
  useEffect(
    () => () => {
      // Leaving the conversation: the list gets the last text now.
      if (previewTimer.current !== null) clearTimeout(previewTimer.current);
      pendingPreview.current?.();
    },
    [],
  );
  const persist = (body: string, recipient: Recipient, seen: number) => {
    if (editing) return;
    drafts.save(conversation.id, { body, to: recipient, seenInboundId: seen, threadId: conversation.miraklThreadId });
    if (previewTimer.current !== null) clearTimeout(previewTimer.current);
    const id = conversation.id;
    const threadId = conversation.miraklThreadId;
    const onDraftChange = props.onDraftChange;
    pendingPreview.current = () => {
      pendingPreview.current = null;
      onDraftChange(id, body.trim() !== '' ? { body, threadId } : null);
    };
    previewTimer.current = setTimeout(() => pendingPreview.current?.(), 300);
  };

  const onChange = (value: string) => {
    setError(null);
    // The reference point for "they wrote again" is when the reply was started.
    const seen = text.trim() === '' && value.trim() !== '' ? latestInbound : seenInboundId;
    if (seen !== seenInboundId) setSeenInboundId(seen);
    setText(value);
    persist(value, to, seen);
  };

  const submit = async (andNext: boolean, confirmed = false) => {
    if (sending) return;
    if (!canSend(text)) {
      setError(hint?.text ?? 'Write a reply first');
      return;
    }
    if (warnNew && !confirmed) {
      setAttention(true);
      sendAnywayRef.current?.focus();
      return;
    }
    const body = text;
    const current = editing;
    setSending(true);
    setError(null);
    setAttention(false);
    // Optimistic: the box empties at once, the reply shows as pending in the thread.
    setText('');
    if (!current) {
      drafts.clear(conversation.id);
      if (previewTimer.current !== null) clearTimeout(previewTimer.current);
      pendingPreview.current = null;
      props.onDraftChange(conversation.id, null);
    }
    try {
      if (current) {
        await props.onRetryEdited(current, body);
        props.onCancelEdit();
      } else {
        await props.onSend(body, to);
      }
      setSeenInboundId(latestInboundId(messages));
      if (andNext) props.onSendAndNext();
    } catch (e) {
      // Refused as written: the text comes back so nothing is lost.
      setText(body);
      if (!current) persist(body, to, seenInboundId);
      setError(errorText(e));
      textareaRef.current?.focus();
    } finally {
      setSending(false);
    }
  };

  const author = newInbound[newInbound.length - 1]?.sender.name ?? conversation.customer?.name ?? NO_CUSTOMER_NAME;

  return (
    <form
      className={editing ? 'composer composer--editing' : 'composer'}
      aria-label="Reply"
      onSubmit={(event) => {
        event.preventDefault();
        void submit(false);
      }}
    >
      {warnNew && (
        <div className={attention ? 'composer__notice composer__notice--attention' : 'composer__notice'}>
          <NewMessageNotice
            ref={sendAnywayRef}
            author={author}
            count={newInbound.length}
            onSendAnyway={() => void submit(false, true)}
            onDismiss={() => {
              setSeenInboundId(latestInbound);
              setAttention(false);
              persist(text, to, latestInbound);
              textareaRef.current?.focus();
            }}
          />
        </div>
      )}
      {editing && (
        <div className="composer__editing">
          <Icon name="edit" size={14} />
          <span>Editing a reply that was not sent</span>
          <button type="button" className="link-button" onClick={props.onCancelEdit}>
            Cancel
          </button>
        </div>
      )}
      <div className="composer__top">
        <RecipientChoice
          value={to}
          customerName={conversation.customer?.name ?? null}
          customerAvailable={customerAvailable}
          onChange={(next) => {
            setTo(next);
            persist(text, next, seenInboundId);
          }}
        />
      </div>
      <textarea
        ref={textareaRef}
        className="composer__input"
        aria-label={to === 'operator' ? 'Reply to the operator' : 'Reply to the customer'}
        aria-keyshortcuts="Control+Enter Meta+Enter Alt+Enter"
        aria-invalid={hint?.blocking && text.length > 0 ? true : undefined}
        aria-describedby="composer-hint"
        placeholder={to === 'operator' ? 'Write to the marketplace operator…' : `Reply to ${conversation.customer?.name ?? 'the customer'}…`}
        value={text}
        rows={2}
        spellCheck
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.nativeEvent.isComposing) return;
          if (event.key === 'Enter' && hasModKey(event)) {
            event.preventDefault();
            void submit(false);
          } else if (event.key === 'Enter' && event.altKey) {
            event.preventDefault();
            void submit(true);
          } else if (event.key === 'Escape') {
            event.preventDefault();
            if (editing) props.onCancelEdit();
            else props.onLeave();
          }
        }}
      />
      <div className="composer__footer">
        <span id="composer-hint" className="composer__hint" aria-live="polite">
          {error ? (
            <span className="composer__error" role="alert">
              {error}
            </span>
          ) : hint ? (
            <span className={hint.blocking ? 'composer__limit composer__limit--blocking' : 'composer__limit'}>{hint.text}</span>
          ) : (
            <span className="composer__keys">
              <Chord chord="Mod+Enter" /> send · <Chord chord="Alt+Enter" /> send &amp; next
            </span>
          )}
        </span>
        <button type="submit" className="button button--primary composer__send" disabled={sending || !canSend(text)} aria-keyshortcuts="Control+Enter">
          <Icon name="send" size={14} />
          {editing ? 'Send again' : 'Send'}
        </button>
      </div>
    </form>
  );
}
