// "About to breach": conversations whose wait passes its target within the next hours,
// soonest first. A row opens the conversation.
import type { BreachingConversation } from '../../src-shared/contract';
import { formatFullDate } from '../lib/relative-time';
import { duration } from './format';

export function BreachList({ items, now, names, onOpen }: {
  items: readonly BreachingConversation[];
  now: Date;
  names: ReadonlyMap<number, string>;
  onOpen: (conversationId: number) => void;
}) {
  if (items.length === 0) return <p className="cockpit-empty">No customer’s wait passes its target in the next hours.</p>;
  return (
    <ol className="breach-list">
      {items.map((item) => {
        const left = Math.max(0, (Date.parse(item.breachAt) - now.getTime()) / 1000);
        const c = item.conversation;
        return (
          <li key={c.id}>
            <button type="button" className="breach-list__row" onClick={() => onOpen(c.id)} data-conversation-id={c.id}>
              <span className="breach-list__who">
                <span className="breach-list__name">{c.customer?.name ?? 'Customer'}</span>
                <span className="breach-list__subject">{c.subject}</span>
              </span>
              <span className="breach-list__meta">
                <span className="breach-list__left" title={`Passes the target ${formatFullDate(item.breachAt)}`}>
                  {left < 60 ? 'breaching now' : `${duration(left)} left`}
                </span>
                <span className="breach-list__market">{names.get(c.accountId) ?? ''}</span>
              </span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}
