// One conversation in the list: who, when, what, and how long they have been waiting.
import { memo } from 'react';
import { format } from 'date-fns';
import type { ConversationListItem, SearchMatch } from '../../src-shared/contract';
import { Highlighted } from '../common/Highlighted';
import { Icon } from '../common/Icon';
import { formatFullDate, formatListTime } from '../lib/relative-time';
import { waitedBadge } from '../lib/waited';
import { displaySubject } from '../lib/subject';

export const NO_CUSTOMER_NAME = 'Marketplace operator';

export const ConversationRow = memo(function ConversationRow({ conversation, selected, now, draft, top, height, position, setSize, onSelect }: {
  /** With `match` when the list was searched: the row shows why it matched. */
  conversation: ConversationListItem;
  /** 1-based place in the whole list, and its size (-1 while more pages remain): the DOM holds only a window of rows. */
  position: number;
  setSize: number;
  selected: boolean;
  now: Date;
  /** The technician's unsent reply: shown instead of the last message, like a mail client. */
  draft: string | null;
  top: number;
  height: number;
  onSelect: (id: number) => void;
}) {
  const unread = conversation.unreadCount > 0;
  const badge = waitedBadge(conversation.replyNeededSince, now);
  const className = ['row', unread && 'row--unread', selected && 'row--selected'].filter(Boolean).join(' ');
  const { match } = conversation;
  const subject = displaySubject(conversation.subject);
  const name = conversation.customer?.name ?? NO_CUSTOMER_NAME;
  return (
    <div
      role="option"
      id={`conversation-${conversation.id}`}
      aria-selected={selected}
      aria-posinset={position}
      aria-setsize={setSize}
      className={className}
      style={{ transform: `translateY(${top}px)`, height }}
      data-conversation-id={conversation.id}
      onClick={() => onSelect(conversation.id)}
    >
      <div className="row__line">
        <span className="row__dot" aria-hidden="true" />
        {unread && <span className="sr-only">Unread. </span>}
        <span className="row__name">{marked(match, 'customer', name)}</span>
        <time className="row__time" dateTime={conversation.lastMessageAt} title={formatFullDate(conversation.lastMessageAt)}>
          {formatListTime(conversation.lastMessageAt, now)}
        </time>
      </div>
      <div className="row__line">
        {/* A reason-code subject is shown in words: its marks would not fit them. */}
        <span className="row__subject">{subject === conversation.subject ? marked(match, 'subject', subject) : subject}</span>
        {badge && (
          <span className={badge.urgent ? 'wait-badge wait-badge--urgent' : 'wait-badge'} title={badge.description}>
            <Icon name="clock" size={12} />
            <span className="sr-only">{badge.description}</span>
            <span aria-hidden="true">{badge.label}</span>
          </span>
        )}
      </div>
      <div className="row__preview">
        {match?.field === 'message' ? (
          <Highlighted text={match.text} ranges={match.highlights} />
        ) : match?.field === 'attachment' ? (
          <span className="row__attachment">
            <Icon name="paperclip" size={12} label="Attachment" /> <Highlighted text={match.text} ranges={match.highlights} />
          </span>
        ) : draft !== null ? (
          <>
            <span className="row__draft">Draft · </span>
            {draft.slice(0, 200)}
          </>
        ) : (
          conversation.lastMessagePreview
        )}
      </div>
      <div className="row__meta">
        {conversation.orderId && <span className="row__order">{marked(match, 'orderId', conversation.orderId)}</span>}
        {conversation.snooze && (
          <span className="row__snooze" title={conversation.snooze.wakeAt ? `Snoozed until ${formatFullDate(conversation.snooze.wakeAt)}` : 'Snoozed until the customer writes'}>
            <Icon name="clock" size={11} />
            {conversation.snooze.wakeAt ? `until ${format(Date.parse(conversation.snooze.wakeAt), 'EEE HH:mm')}` : 'until they write'}
          </span>
        )}
      </div>
    </div>
  );
});

/** A field with the search's terms marked, when the search matched it; the plain text otherwise. */
function marked(match: SearchMatch | undefined, field: SearchMatch['field'], text: string) {
  return match?.field === field && match.text === text ? <Highlighted text={text} ranges={match.highlights} /> : text;
}
