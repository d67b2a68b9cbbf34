// "They wrote again while you were typing": shown before the reply can go out.
import { forwardRef } from 'react';

export const NewMessageNotice = forwardRef<HTMLButtonElement, { author: string; count: number; onSendAnyway: () => void; onDismiss: () => void }>(
  function NewMessageNotice({ author, count, onSendAnyway, onDismiss }, sendAnywayRef) {
    return (
      <div className="composer-notice" role="alert" data-testid="new-message-notice">
        <span className="composer-notice__text">
          <strong>{author}</strong> sent {count === 1 ? 'a new message' : `${count} new messages`} while you were writing.
        </span>
        <span className="composer-notice__actions">
          <button type="button" className="button button--small" onClick={onDismiss}>
            Review first
          </button>
          <button type="button" ref={sendAnywayRef} className="button button--small button--primary" onClick={onSendAnyway}>
            Send anyway
          </button>
        </span>
      </div>
    );
  },
);
