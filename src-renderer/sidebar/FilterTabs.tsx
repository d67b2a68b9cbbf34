// All · Reply needed · Unread · Snoozed, each with its count: tabs over the conversation list (the
// WAI-ARIA tabs pattern: one tab stop, ←/→ Home/End move and show, the list is the panel).
import { useRef, type KeyboardEvent } from 'react';
import type { ConversationCounts } from '../../src-shared/contract';
import type { ListFilter } from '../lib/conversation-order';
import { formatCount } from '../lib/highlight-parts';

type Tally = Pick<ConversationCounts, 'all' | 'replyNeeded' | 'unread' | 'snoozed' | 'exact'>;

const FILTERS: Array<{ id: ListFilter; label: string; count: Exclude<keyof Tally, 'exact'> }> = [
  { id: 'all', label: 'All', count: 'all' },
  { id: 'replyNeeded', label: 'Reply needed', count: 'replyNeeded' },
  { id: 'unread', label: 'Unread', count: 'unread' },
  { id: 'snoozed', label: 'Snoozed', count: 'snoozed' },
];

/** The panel the tabs control: it wraps whatever the list area shows (rows, empty or error state). */
export const FILTER_PANEL_ID = 'conversation-panel';

export function filterTabId(filter: ListFilter): string {
  return `filter-tab-${filter}`;
}

/** The filter a key moves to from `current`, or null when the key is not a tab key. */
export function filterAfterKey(current: ListFilter, key: string): ListFilter | null {
  const index = FILTERS.findIndex((f) => f.id === current);
  const last = FILTERS.length - 1;
  const target = key === 'ArrowRight' ? (index + 1) % FILTERS.length : key === 'ArrowLeft' ? (index + last) % FILTERS.length : key === 'Home' ? 0 : key === 'End' ? last : null;
  return target === null ? null : (FILTERS[target]?.id ?? null);
}

/** `counts`: of the whole inbox (or one marketplace's when the list shows one), or of a search's results while searching (the tabs' label says which). */
export function FilterTabs({ value, counts, searching, onChange }: {
  value: ListFilter;
  counts: Tally | null;
  searching: boolean;
  onChange: (filter: ListFilter) => void;
}) {
  const tabs = useRef(new Map<ListFilter, HTMLButtonElement>());

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, from: ListFilter) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const next = filterAfterKey(from, event.key);
    if (next === null) return;
    event.preventDefault();
    tabs.current.get(next)?.focus();
    onChange(next);
  };

  return (
    <div className="filters" role="tablist" aria-label={searching ? 'Filter the search results' : 'Filter conversations'}>
      {FILTERS.map((filter) => {
        const count = counts?.[filter.count];
        const selected = filter.id === value;
        return (
          <button
            key={filter.id}
            ref={(element) => {
              if (element) tabs.current.set(filter.id, element);
              else tabs.current.delete(filter.id);
            }}
            id={filterTabId(filter.id)}
            type="button"
            role="tab"
            aria-selected={selected}
            aria-controls={FILTER_PANEL_ID}
            tabIndex={selected ? 0 : -1}
            className={selected ? 'filters__tab filters__tab--selected' : 'filters__tab'}
            onClick={() => onChange(filter.id)}
            onKeyDown={(event) => onKeyDown(event, filter.id)}
            data-filter={filter.id}
          >
            <span>{filter.label}</span>
            {count !== undefined && (
              <span className={`filters__count${filter.id === 'replyNeeded' && count > 0 ? ' filters__count--attention' : ''}`}>
                {formatCount(count, counts?.exact ?? true)}
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}
