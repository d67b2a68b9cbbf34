// What the list shows instead of rows: skeletons while loading, and the empty, no-results
// and error states, each saying what to do next.
import type { ListFilter } from '../lib/conversation-order';
import { Icon } from '../common/Icon';
import { RowSkeletonLines, useRowHeight } from './ConversationList';

export function ListSkeleton() {
  const height = useRowHeight();
  return (
    <div className="list-skeleton" aria-busy="true" aria-label="Loading conversations">
      {Array.from({ length: 9 }, (_, i) => (
        <div key={i} className="row row--skeleton row--static" style={{ height, opacity: 1 - i * 0.09 }}>
          <RowSkeletonLines />
        </div>
      ))}
    </div>
  );
}

export function ListEmpty({ filter, query, onClearSearch, onShowAll, neverSynced }: {
  filter: ListFilter;
  query: string;
  onClearSearch: () => void;
  onShowAll: () => void;
  neverSynced: boolean;
}) {
  if (query.trim()) {
    return (
      <div className="list-state" data-testid="no-results">
        <Icon name="search" size={28} className="list-state__icon" />
        <p className="list-state__title">No results for “{query.trim()}”</p>
        <p className="list-state__text">Search looks in subjects, customer names, order ids and messages{filter !== 'all' ? ' within this filter' : ''}.</p>
        <button type="button" className="button" onClick={onClearSearch}>
          Clear search
        </button>
      </div>
    );
  }
  if (filter === 'replyNeeded') {
    return (
      <div className="list-state" data-testid="empty-list">
        <Icon name="check" size={28} className="list-state__icon list-state__icon--ok" />
        <p className="list-state__title">All caught up</p>
        <p className="list-state__text">No customer is waiting for a reply.</p>
        <button type="button" className="button" onClick={onShowAll}>
          Show all conversations
        </button>
      </div>
    );
  }
  if (filter === 'snoozed') {
    return (
      <div className="list-state" data-testid="empty-list">
        <Icon name="clock" size={28} className="list-state__icon" />
        <p className="list-state__title">Nothing snoozed</p>
        <p className="list-state__text">Snooze a conversation (Z) to put it aside until a time or until the customer writes again.</p>
      </div>
    );
  }
  if (filter === 'unread') {
    return (
      <div className="list-state" data-testid="empty-list">
        <Icon name="inbox" size={28} className="list-state__icon" />
        <p className="list-state__title">Nothing unread</p>
        <p className="list-state__text">New customer messages will appear here as they arrive.</p>
      </div>
    );
  }
  return (
    <div className="list-state" data-testid="empty-list">
      <Icon name="inbox" size={28} className="list-state__icon" />
      <p className="list-state__title">{neverSynced ? 'Waiting for the first sync' : 'No conversations yet'}</p>
      <p className="list-state__text">
        {neverSynced ? 'Conversations appear as soon as they are fetched from Mirakl.' : 'When customers write to your shop, their messages land here.'}
      </p>
    </div>
  );
}

export function ListError({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div className="list-state list-state--error" role="alert">
      <Icon name="alert" size={28} className="list-state__icon" />
      <p className="list-state__title">Could not load conversations</p>
      <p className="list-state__text">{message}</p>
      <button type="button" className="button" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
