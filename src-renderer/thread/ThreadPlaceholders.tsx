// The thread area when no conversation is open, while one loads, or when it failed to.
import { Icon } from '../common/Icon';
import { formatCount } from '../lib/highlight-parts';
import { Chord } from '../shortcuts/Chord';

/** Customers waiting for a reply in the list as filtered and searched; `count` null when not counted. */
export interface WaitingCustomers {
  count: number | null;
  exact: boolean;
}

export function NoConversation({ hasConversations, waiting, onStart }: { hasConversations: boolean; waiting: WaitingCustomers; onStart: () => void }) {
  return (
    <div className="thread-empty">
      <Icon name="inbox" size={36} className="thread-empty__icon" />
      <h2 className="thread-empty__title">{hasConversations ? 'Pick a conversation' : 'Nothing to answer'}</h2>
      {(waiting.count === null || waiting.count > 0) && (
        <button type="button" className="button button--primary thread-empty__start" onClick={onStart}>
          Answer the next waiting customer
          {waiting.count !== null && <span className="thread-empty__count">{formatCount(waiting.count, waiting.exact)} waiting</span>}
        </button>
      )}
      {/* Separate items, not one sentence with "·" between: wrapping never starts a line with a separator. */}
      <ul className="thread-empty__hints" aria-label="Keyboard shortcuts">
        <li>
          <kbd>j</kbd> <kbd>k</kbd> or <kbd>↑</kbd> <kbd>↓</kbd> move through the list
        </li>
        <li>
          <kbd>Enter</kbd> replies
        </li>
        <li>
          <Chord chord="Mod+K" /> searches
        </li>
        <li>
          <kbd>?</kbd> all shortcuts
        </li>
      </ul>
    </div>
  );
}

export function ThreadSkeleton() {
  return (
    <div className="thread thread--loading" aria-busy="true" aria-label="Loading conversation">
      <div className="thread-header">
        <div className="thread-header__text">
          <span className="skeleton skeleton--title" />
          <span className="skeleton skeleton--meta" />
        </div>
      </div>
      <div className="message-scroller">
        <div className="message-list">
          {[62, 48, 70].map((width, i) => (
            <div key={i} className={i === 1 ? 'message message--shop' : 'message message--customer'}>
              <span className="skeleton skeleton--sender" />
              <span className="skeleton skeleton--bubble" style={{ width: `${width}%` }} />
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}

export function ThreadError({ message, notFound, onRetry, onBack }: { message: string; notFound: boolean; onRetry: () => void; onBack: () => void }) {
  return (
    <div className="thread-empty" role="alert">
      <Icon name="alert" size={32} className="thread-empty__icon thread-empty__icon--error" />
      <p className="thread-empty__title">{notFound ? 'This conversation no longer exists' : 'Could not open this conversation'}</p>
      <p className="thread-empty__text">{message}</p>
      <div className="thread-empty__actions">
        {!notFound && (
          <button type="button" className="button" onClick={onRetry}>
            Try again
          </button>
        )}
        <button type="button" className="button button--quiet" onClick={onBack}>
          Back to the list
        </button>
      </div>
    </div>
  );
}
