// The work queue: a virtualized listbox (only the rows in view exist in the DOM, so 100,000
// conversations scroll like 100) that loads further pages as it nears the end, and keeps
// what the technician is looking at in place when live updates reorder it.
import { draftFor, type DraftPreview } from '../lib/draft-storage';
import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ConversationListItem } from '../../src-shared/contract';
import { ConversationRow } from './ConversationRow';

/** Row height in rem: four lines of text; in px it follows the user's font size. */
const ROW_REM = 5.375;
/** Pages are fetched this many rows before the end, so scrolling rarely waits. */
const PREFETCH_ROWS = 25;
const LOADING_ROWS = 3;

export function useRowHeight(): number {
  const [height] = useState(() => {
    const rootPx = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
    return Math.round(ROW_REM * rootPx);
  });
  return height;
}

/** Rows at the top of the view remembered for scroll anchoring. */
const ANCHOR_ROWS = 6;

export function ConversationList({
  items,
  hasMore,
  loadingMore,
  loadMoreError,
  onLoadMore,
  selectedId,
  onSelect,
  now,
  drafts,
  listRef,
}: {
  items: readonly ConversationListItem[];
  hasMore: boolean;
  loadingMore: boolean;
  loadMoreError: string | null;
  onLoadMore: () => void;
  selectedId: number | null;
  onSelect: (id: number) => void;
  now: Date;
  /** Unsent reply text by conversation. */
  drafts: ReadonlyMap<number, DraftPreview>;
  listRef: RefObject<HTMLDivElement | null>;
}) {
  const rowHeight = useRowHeight();
  const count = items.length + (hasMore ? LOADING_ROWS : 0);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => listRef.current,
    estimateSize: () => rowHeight,
    overscan: 6,
    getItemKey: (index) => items[index]?.id ?? `loading-${index}`,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const lastIndex = virtualItems.length > 0 ? (virtualItems[virtualItems.length - 1]?.index ?? 0) : 0;

  // Near the end of what is loaded: fetch the next page.
  useEffect(() => {
    if (hasMore && !loadingMore && !loadMoreError && lastIndex >= items.length - PREFETCH_ROWS) onLoadMore();
  }, [hasMore, loadingMore, loadMoreError, lastIndex, items.length, onLoadMore]);

  // Scroll anchoring: the rows at the top of the view stay where they are when rows are
  // inserted or removed above them. At the very top, new conversations simply appear (like a
  // mail client). The first visible rows are all remembered: when the top one is itself the
  // conversation that just got a message (it moves up to the head of the list), the next
  // one that did not move up holds the view instead.
  const anchor = useRef<{ ids: number[]; index: number; offset: number } | null>(null);
  const itemsRef = useRef(items);
  itemsRef.current = items;
  useEffect(() => {
    const element = listRef.current;
    if (!element) return;
    const record = () => {
      const top = element.scrollTop;
      const index = Math.floor(top / rowHeight);
      const ids = itemsRef.current.slice(index, index + ANCHOR_ROWS).map((c) => c.id);
      anchor.current = top > 0 && ids.length > 0 ? { ids, index, offset: top - index * rowHeight } : null;
    };
    element.addEventListener('scroll', record, { passive: true });
    return () => element.removeEventListener('scroll', record);
  }, [listRef, rowHeight]);
  useLayoutEffect(() => {
    const element = listRef.current;
    const held = anchor.current;
    if (!element || !held) return;
    for (const [k, id] of held.ids.entries()) {
      const index = items.findIndex((c) => c.id === id);
      // Gone, or moved up past where it was (it is the one that changed): try the next row.
      if (index === -1 || index < held.index + k) continue;
      const wanted = (index - k) * rowHeight + held.offset;
      if (Math.abs(element.scrollTop - wanted) >= 1) element.scrollTop = wanted;
      anchor.current = { ids: items.slice(index - k, index - k + ANCHOR_ROWS).map((c) => c.id), index: index - k, offset: held.offset };
      return;
    }
  }, [items, listRef, rowHeight]);

  // Keyboard moves bring the selected row into view; live reorders do not move the view.
  const selectedIndex = selectedId === null ? -1 : items.findIndex((c) => c.id === selectedId);
  const scrolledFor = useRef<number | null>(null);
  useEffect(() => {
    if (selectedId === scrolledFor.current || selectedIndex === -1) return;
    scrolledFor.current = selectedId;
    virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedId, selectedIndex, virtualizer]);

  return (
    <div
      ref={listRef}
      id="conversation-list"
      className="conversation-list"
      role="listbox"
      aria-label="Conversations"
      // Only a row that is in the DOM can be the active descendant (the list is virtualized).
      aria-activedescendant={selectedIndex !== -1 && virtualItems.some((v) => v.index === selectedIndex) ? `conversation-${selectedId}` : undefined}
      aria-busy={loadingMore}
      tabIndex={0}
    >
      <div className="conversation-list__canvas" style={{ height: virtualizer.getTotalSize() }}>
        {virtualItems.map((row) => {
          const conversation = items[row.index];
          if (!conversation) {
            return (
              <div key={row.key} className="row row--skeleton" aria-hidden="true" style={{ transform: `translateY(${row.start}px)`, height: rowHeight }}>
                <RowSkeletonLines />
              </div>
            );
          }
          return (
            <ConversationRow
              key={row.key}
              conversation={conversation}
              selected={conversation.id === selectedId}
              now={now}
              draft={draftFor(drafts, conversation)}
              position={row.index + 1}
              setSize={hasMore ? -1 : items.length}
              top={row.start}
              height={rowHeight}
              onSelect={onSelect}
            />
          );
        })}
      </div>
      {loadMoreError && (
        <div className="conversation-list__more-error" role="alert">
          Could not load more: {loadMoreError}{' '}
          <button type="button" className="link-button" onClick={onLoadMore}>
            Retry
          </button>
        </div>
      )}
    </div>
  );
}

export function RowSkeletonLines() {
  return (
    <>
      <span className="skeleton skeleton--name" />
      <span className="skeleton skeleton--subject" />
      <span className="skeleton skeleton--preview" />
    </>
  );
}
