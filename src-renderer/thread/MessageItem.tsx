// One message. Who wrote it shows three ways (side, colour and a label), so it reads the
// same without colour; our replies carry their delivery state.
import { memo } from 'react';
import type { Message } from '../../src-shared/contract';
import { Icon } from '../common/Icon';
import { formatClockTime, formatFullDate } from '../lib/relative-time';
import { messageRole, ROLE_LABEL } from '../lib/message-role';
import { describeReplyFailure } from '../lib/reply-failure';
import { AttachmentChip } from './AttachmentChip';
import { humanSize } from '../../src-shared/human-size';
import { LinkifiedText } from './LinkifiedText';

export interface MessageActions {
  onRetry(message: Message): void;
  onEdit(message: Message): void;
  onDiscard(message: Message): void;
  /** Opens the new-thread-on-the-order dialog; null when the conversation has no order. */
  onNewOrderThread: (() => void) | null;
}

export const MessageItem = memo(function MessageItem({ message, compact, actions }: { message: Message; compact: boolean; actions: MessageActions }) {
  const role = messageRole(message);
  const time = formatClockTime(message.sentAt);
  const className = [`message`, `message--${role}`, `message--${message.status}`, compact && 'message--compact'].filter(Boolean).join(' ');
  return (
    <article className={className} data-message-id={message.id} data-status={message.status} aria-label={`${message.sender.name}, ${ROLE_LABEL[role].toLowerCase()}, ${formatFullDate(message.sentAt)}`}>
      {!compact && (
        <header className="message__header">
          <span className="message__sender">{message.sender.name}</span>
          <span className={`role-tag role-tag--${role}`}>{role === 'shop' ? 'You' : ROLE_LABEL[role]}</span>
          <time className="message__time" dateTime={message.sentAt} title={formatFullDate(message.sentAt)}>
            {time}
          </time>
          {role === 'shop' && message.status === 'delivered' && (
            <span className="message__delivered" data-testid="reply-delivered" title="Delivered to Mirakl">
              <Icon name="check" size={13} />
              <span className="sr-only">Delivered</span>
            </span>
          )}
        </header>
      )}
      <div className="message__bubble" title={compact ? formatFullDate(message.sentAt) : undefined}>
        {message.bodyText.trim() !== '' && (
          <div className="message__body">
            <LinkifiedText text={message.bodyText} />
          </div>
        )}
        {message.attachments.length > 0 && (
          <div className="message__attachments">
            {message.attachments.map((a) => (
              <AttachmentChip key={a.id} attachment={a} />
            ))}
          </div>
        )}
        {message.outboxFiles.length > 0 && (
          // The reply's own files until Mirakl's copies are synced: shown, not downloadable.
          <div className="message__attachments message__attachments--outbox" data-testid="reply-files">
            {message.outboxFiles.map((file) => (
              <span key={file.id} className="attachment attachment--outbox" title={`${file.name}, sent with the reply`}>
                <Icon name="paperclip" size={14} />
                <span className="attachment__name">{file.name}</span>
                <span className="attachment__size">{humanSize(file.size)}</span>
              </span>
            ))}
          </div>
        )}
      </div>
      {role === 'shop' && message.status !== 'delivered' && <DeliveryState message={message} actions={actions} />}
    </article>
  );
});

/** Pending or failed: said under the bubble, with what can be done about it. */
function DeliveryState({ message, actions }: { message: Message; actions: MessageActions }) {
  if (message.status === 'pending') {
    return (
      <div className="message__state message__state--pending" data-testid="reply-pending" title={message.error ?? undefined}>
        <Icon name="clock" size={13} />
        <span>{message.error ? 'Queued · sent automatically once Mirakl answers' : 'Sending…'}</span>
      </div>
    );
  }
  if (message.status === 'failed') {
    const failure = describeReplyFailure(message.error);
    const [, lead = failure.summary, rest = ''] = /^(\S+(?:\s+\S+)?)\s*(.*)$/.exec(failure.summary) ?? [];
    const newThread = failure.threadClosed ? actions.onNewOrderThread : null;
    return (
      <div className="message__state message__state--failed" role="status" data-testid="reply-failed">
        <p className="message__failure">
          {/* The icon stays with the first word, however narrow the pane. */}
          <span className="message__failure-lead">
            <Icon name="alert" size={14} />
            <strong>{lead}</strong>
          </span>
          {rest && <strong> {rest}</strong>}
          {failure.reason && <span className="message__failure-reason"> {failure.reason}</span>}
        </p>
        <ul className="message__failed-actions" aria-label="What to do with this reply">
          {newThread && (
            <li>
              <button type="button" className="link-button" onClick={newThread}>
                New thread on the order
              </button>
            </li>
          )}
          <li>
            <button type="button" className="link-button" onClick={() => actions.onRetry(message)}>
              Retry
            </button>
          </li>
          <li>
            <button type="button" className="link-button" onClick={() => actions.onEdit(message)}>
              Edit
            </button>
          </li>
          <li>
            <button type="button" className="link-button link-button--danger" onClick={() => actions.onDiscard(message)}>
              Discard
            </button>
          </li>
        </ul>
      </div>
    );
  }
  return null;
}
