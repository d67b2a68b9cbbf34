// The reply box: a draft per conversation that survives switching and restarts,
// Ctrl/Cmd+Enter to send, Alt+Enter to send and move to the next customer waiting, and a
// warning when the customer wrote again since the reply was started. `/` picks a saved
// reply; its fields and the values this conversation lacks are highlighted, Tab goes from
// one to the next, and the reply cannot leave with one left. Files ride along: picked,
// dropped or pasted.
import { useEffect, useMemo, useRef, useState, type ClipboardEvent, type DragEvent, type RefObject } from 'react';
import type { AttachmentRef, Conversation, Message, OrderDocument, OutboxFile } from '../../src-shared/contract';
import { renderTemplate, unfilledPlaceholders, type ReplyContext } from '../../src-shared/saved-reply-template';
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
import { slashQuery, type SavedReplyIndex } from '../saved-replies/picker-ranking';
import { PICKER_ID, SavedReplyPicker, optionId } from '../saved-replies/SavedReplyPicker';
import { AttachmentTray } from './AttachmentTray';
import { PlaceholderMirror } from './PlaceholderMirror';
import type { ReplyAttachments } from './use-reply-attachments';

/** What a reply carries: the files to name, and how they show until the service answers. */
export interface OutgoingFiles {
  refs: AttachmentRef[];
  shown: OutboxFile[];
}

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
  onSend: (body: string, to: Recipient, files: OutgoingFiles) => Promise<void>;
  attachments: ReplyAttachments;
  /** The order's invoice, when the conversation asks for one. */
  invoiceSuggestion: OrderDocument | null;
  /** Saved replies for the `/` picker (null while they load). */
  savedReplies: SavedReplyIndex | null;
  onPickerOpen: () => void;
  replyContext: ReplyContext;
  /** The customer's language (OR11), which saved replies are picked and written in. */
  language: string | null;
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
  const [picker, setPicker] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  const [dragging, setDragging] = useState(false);
  const sendAnywayRef = useRef<HTMLButtonElement>(null);
  const { attachments, savedReplies, replyContext, language } = props;
  useAutoGrow(textareaRef, text);
  const ranked = useMemo(
    () => (picker && savedReplies ? savedReplies.rank(picker.query, { accountId: conversation.accountId, language }) : []),
    [picker, savedReplies, conversation.accountId, language],
  );
  const holes = useMemo(() => unfilledPlaceholders(text), [text]);

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

  const onChange = (value: string, caret: number) => {
    setError(null);
    const query = slashQuery(value, caret);
    if (query && !picker) props.onPickerOpen();
    setPicker(query);
    if (query?.query !== picker?.query) setActive(0);
    // The reference point for "they wrote again" is when the reply was started.
    const seen = text.trim() === '' && value.trim() !== '' ? latestInbound : seenInboundId;
    if (seen !== seenInboundId) setSeenInboundId(seen);
    setText(value);
    persist(value, to, seen);
  };

  /** Selects the next field or missing value after the caret (or before it, backwards), wrapping. */
  const selectHole = (backwards = false): boolean => {
    const box = textareaRef.current;
    const found = unfilledPlaceholders(box?.value ?? text);
    if (!box || found.length === 0) return false;
    const caret = backwards ? box.selectionStart : box.selectionEnd;
    const next = backwards ? ([...found].reverse().find((h) => h.end < caret) ?? found.at(-1)!) : (found.find((h) => h.start >= caret) ?? found[0]!);
    box.focus();
    box.setSelectionRange(next.start, next.end);
    return true;
  };

  /** Puts the chosen saved reply, filled in, in place of the `/query`, and stops on its first field. */
  const insert = (index: number) => {
    const item = ranked[index];
    const box = textareaRef.current;
    if (!item || !picker || !box) return;
    const rendered = renderTemplate(item.reply.body, replyContext, item.reply.language ?? language);
    const end = box.selectionEnd;
    const value = text.slice(0, picker.start) + rendered.body + text.slice(end);
    setPicker(null);
    setText(value);
    setError(null);
    const seen = text.trim() === '' ? latestInbound : seenInboundId;
    if (seen !== seenInboundId) setSeenInboundId(seen);
    persist(value, to, seen);
    const afterInsert = picker.start + rendered.body.length;
    requestAnimationFrame(() => {
      const first = unfilledPlaceholders(value).find((h) => h.start >= picker.start && h.end <= afterInsert);
      box.focus();
      if (first) box.setSelectionRange(first.start, first.end);
      else box.setSelectionRange(afterInsert, afterInsert);
    });
  };

  const submit = async (andNext: boolean, confirmed = false) => {
    if (sending) return;
    if (!canSend(text)) {
      setError(hint?.text ?? 'Write a reply first');
      return;
    }
    if (holes.length > 0) {
      // Never with raw braces or a hole: stop on the first one.
      const first = holes[0]!;
      textareaRef.current?.focus();
      textareaRef.current?.setSelectionRange(first.start, first.end);
      setError(`Fill in “${first.label}” first (Tab goes from one to the next)`);
      return;
    }
    const refs = attachments.refs();
    if (refs === null) {
      setError('A file is still uploading: send once it is attached');
      return;
    }
    if (warnNew && !confirmed) {
      setAttention(true);
      sendAnywayRef.current?.focus();
      return;
    }
    const body = text;
    const current = editing;
    const files: OutgoingFiles = current
      ? { refs: [], shown: [] }
      : { refs, shown: attachments.items.map((a, i) => ({ id: -(i + 1), name: a.name, size: a.size ?? 0, contentType: '' })) };
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
        await props.onSend(body, to, files);
        attachments.clear();
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
  const hasFiles = (event: DragEvent) => [...event.dataTransfer.types].includes('Files');
  const pickerOpen = picker !== null;

  return (
    <form
      className={['composer', editing && 'composer--editing', dragging && 'composer--dropping'].filter(Boolean).join(' ')}
      aria-label="Reply"
      onSubmit={(event) => {
        event.preventDefault();
        void submit(false);
      }}
      onDragOver={(event) => {
        if (!hasFiles(event) || editing) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(event) => {
        setDragging(false);
        if (!hasFiles(event) || editing) return;
        event.preventDefault();
        attachments.addFiles([...event.dataTransfer.files]);
      }}
    >
      {pickerOpen && (
        <SavedReplyPicker
          items={ranked}
          active={Math.min(active, Math.max(0, ranked.length - 1))}
          context={replyContext}
          language={language}
          hasReplies={(savedReplies?.replies.length ?? 0) > 0}
          onChoose={insert}
          onHover={setActive}
        />
      )}
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
      <div className="composer__field">
        <PlaceholderMirror text={text} holes={holes} />
      <textarea
        ref={textareaRef}
        className="composer__input"
        aria-label={to === 'operator' ? 'Reply to the operator' : 'Reply to the customer'}
        aria-keyshortcuts="Control+Enter Meta+Enter Alt+Enter"
        aria-invalid={hint?.blocking && text.length > 0 ? true : undefined}
        aria-describedby="composer-hint"
        aria-controls={pickerOpen ? PICKER_ID : undefined}
        aria-activedescendant={pickerOpen && ranked[active] ? optionId(ranked[active].reply.id) : undefined}
        placeholder={to === 'operator' ? 'Write to the marketplace operator… (/ for a saved reply)' : `Reply to ${conversation.customer?.name ?? 'the customer'}… (/ for a saved reply)`}
        value={text}
        rows={2}
        spellCheck
        onChange={(event) => onChange(event.target.value, event.target.selectionStart)}
        onPaste={(event: ClipboardEvent<HTMLTextAreaElement>) => {
          const files = [...event.clipboardData.files];
          // A pasted image (a screenshot) becomes a file; pasted text stays text.
          if (files.length === 0 || editing || event.clipboardData.getData('text/plain') !== '') return;
          event.preventDefault();
          attachments.addFiles(files);
        }}
        onBlur={() => setPicker(null)}
        onKeyDown={(event) => {
          if (event.nativeEvent.isComposing) return;
          if (pickerOpen) {
            if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
              event.preventDefault();
              if (ranked.length > 0) setActive((i) => (i + (event.key === 'ArrowDown' ? 1 : ranked.length - 1)) % ranked.length);
              return;
            }
            if ((event.key === 'Enter' || event.key === 'Tab') && !hasModKey(event) && !event.altKey && ranked.length > 0) {
              event.preventDefault();
              insert(Math.min(active, ranked.length - 1));
              return;
            }
            if (event.key === 'Escape') {
              event.preventDefault();
              setPicker(null);
              return;
            }
          }
          if (event.key === 'Tab' && !event.ctrlKey && !event.altKey && !event.metaKey && selectHole(event.shiftKey)) {
            event.preventDefault();
            return;
          }
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
        onScroll={(event) => {
          const mirror = event.currentTarget.previousElementSibling;
          if (mirror) mirror.scrollTop = event.currentTarget.scrollTop;
        }}
      />
      </div>
      {!editing && <AttachmentTray attachments={attachments} suggestion={props.invoiceSuggestion} onError={setError} />}
      <div className="composer__footer">
        <span id="composer-hint" className="composer__hint" aria-live="polite">
          {error ? (
            <span className="composer__error" role="alert">
              {error}
            </span>
          ) : hint ? (
            <span className={hint.blocking ? 'composer__limit composer__limit--blocking' : 'composer__limit'}>{hint.text}</span>
          ) : holes.length > 0 ? (
            <span className="composer__holes" data-testid="reply-holes">
              To fill in: {[...new Set(holes.map((h) => h.label))].join(', ')} · <kbd>Tab</kbd> next
            </span>
          ) : (
            <span className="composer__keys">
              <kbd>/</kbd> saved reply · <Chord chord="Mod+Enter" /> send · <Chord chord="Alt+Enter" /> send &amp; next
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
