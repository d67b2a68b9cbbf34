// Above the list: how many conversations a search found, and the list's order (newest
// activity first, or the customers waiting longest first).
import type { ListSort, SearchTotal } from '../../src-shared/contract';
import { formatCount } from '../lib/highlight-parts';

export const SORT_LABELS: Record<ListSort, string> = { recent: 'Newest first', waiting: 'Longest waiting first' };

export function ListToolbar({ total, query, sort, onSort }: {
  /** The search's number of results; null when not searching or not known yet. */
  total: SearchTotal | null;
  /** The search the count answers. */
  query: string;
  sort: ListSort;
  onSort: (sort: ListSort) => void;
}) {
  return (
    <div className="list-toolbar">
      {/* Announced when a search's count arrives. */}
      <p className="list-toolbar__count" role="status">
        {total && (
          <span data-testid="result-count" data-query={query}>
            {formatCount(total.count, total.exact)} {total.count === 1 && total.exact ? 'result' : 'results'}
          </span>
        )}
      </p>
      <select
        className="list-toolbar__sort"
        aria-label="Sort conversations"
        title={sort === 'waiting' ? 'Only the conversations awaiting a reply, the oldest wait first' : 'The latest activity first'}
        value={sort}
        onChange={(event) => onSort(event.target.value === 'waiting' ? 'waiting' : 'recent')}
      >
        {(Object.keys(SORT_LABELS) as ListSort[]).map((value) => (
          <option key={value} value={value}>
            {SORT_LABELS[value]}
          </option>
        ))}
      </select>
    </div>
  );
}
