// All · Reply needed · Unread, each with its count.
import type { ConversationCounts } from '../../src-shared/contract';
import type { ListFilter } from '../lib/conversation-order';

const FILTERS: Array<{ id: ListFilter; label: string; count: keyof ConversationCounts }> = [
  { id: 'all', label: 'All', count: 'all' },
  { id: 'replyNeeded', label: 'Reply needed', count: 'replyNeeded' },
  { id: 'unread', label: 'Unread', count: 'unread' },
];

export function FilterTabs({ value, counts, onChange }: { value: ListFilter; counts: ConversationCounts | null; onChange: (filter: ListFilter) => void }) {
  return (
    <div className="filters" role="tablist" aria-label="Filter conversations">
      {FILTERS.map((filter) => {
        const count = counts?.[filter.count];
        const selected = filter.id === value;
        return (
          <button
            key={filter.id}
            type="button"
            role="tab"
            aria-selected={selected}
            aria-controls="conversation-list"
            className={selected ? 'filters__tab filters__tab--selected' : 'filters__tab'}
            onClick={() => onChange(filter.id)}
            data-filter={filter.id}
          >
            <span>{filter.label}</span>
            {count !== undefined && (
              <span className={`filters__count${filter.id === 'replyNeeded' && count > 0 ? ' filters__count--attention' : ''}`}>
                {count.toLocaleString('en')}
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}
