// Who, about what, which order and marketplace; snooze, done and unread; the Order button
// opens the panel beside.
import type { Conversation, ConversationDetail } from '../../src-shared/contract';
import { Icon } from '../common/Icon';
import { NO_CUSTOMER_NAME } from '../sidebar/ConversationRow';
import { displaySubject } from '../lib/subject';
import { ConversationActions, ConversationMarkNotice } from './ConversationActions';

export function ThreadHeader({ detail, orderOpen, onToggleOrder, onBack, onConversationChanged, onLeave, snoozeRequest }: {
  detail: ConversationDetail;
  orderOpen: boolean;
  onToggleOrder: () => void;
  onBack: () => void;
  onConversationChanged: (conversation: Conversation) => void;
  onLeave: (conversation: Conversation) => void;
  snoozeRequest: number;
}) {
  const { conversation, account } = detail;
  const name = conversation.customer?.name ?? NO_CUSTOMER_NAME;
  return (
    <header className="thread-header">
      <button type="button" className="icon-button thread-header__back" aria-label="Back to the conversation list" onClick={onBack}>
        <Icon name="back" />
      </button>
      <div className="thread-header__text">
        <h2 className="thread-header__title">
          <span className="thread-header__name">{name}</span>
          {conversation.customer?.email && (
            <span className="thread-header__email" title={conversation.customer.email}>
              {conversation.customer.email}
            </span>
          )}
        </h2>
        <p className="thread-header__meta">
          <span className="thread-header__subject" title={conversation.topic.type === 'REASON_CODE' ? `Mirakl reason code ${conversation.topic.value}` : undefined}>
            {displaySubject(conversation.subject)}
          </span>
          {conversation.orderId && (
            <>
              <span aria-hidden="true"> · </span>
              <span>Order {conversation.orderId}</span>
            </>
          )}
          <span aria-hidden="true"> · </span>
          <span className="thread-header__account" title="Marketplace">
            {account.name}
          </span>
        </p>
        <ConversationMarkNotice conversation={conversation} />
      </div>
      <ConversationActions conversation={conversation} onChanged={onConversationChanged} onLeave={onLeave} snoozeRequest={snoozeRequest} />
      {conversation.orderId && (
        <button
          type="button"
          className={orderOpen ? 'button button--toggle button--pressed' : 'button button--toggle'}
          aria-pressed={orderOpen}
          // Only while the panel exists: a reference to a missing element is an invalid ARIA value.
          aria-controls={orderOpen ? 'order-panel' : undefined}
          aria-keyshortcuts="O"
          onClick={onToggleOrder}
        >
          <Icon name="box" size={15} />
          Order
        </button>
      )}
    </header>
  );
}
