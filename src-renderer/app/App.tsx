// The inbox: the work queue on the left, the open conversation on the right.
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Conversation, ListSort, OperationInput } from '../../src-shared/contract';
import { CockpitEntry, WaitFilterChip } from '../cockpit/CockpitEntry';
import { Icon } from '../common/Icon';
import { errorText } from '../common/error-text';
import { useToast } from '../common/toasts';
import { addressOf, conversationInAddress } from '../lib/conversation-address';
import type { ListFilter } from '../lib/conversation-order';
import { DraftStorage, browserStorage, type DraftPreview } from '../lib/draft-storage';
import { summarizeSync } from '../lib/sync-summary';
import type { WaitFilter } from '../lib/wait-filter';
import { SettingsDialog } from '../settings/SettingsDialog';
import { ShortcutsDialog } from '../shortcuts/ShortcutsDialog';
import { useGlobalShortcuts } from '../shortcuts/use-global-shortcuts';
import { ConversationList } from '../sidebar/ConversationList';
import { FILTER_PANEL_ID, FilterTabs, filterTabId } from '../sidebar/FilterTabs';
import { ListEmpty, ListError, ListSkeleton } from '../sidebar/ListPlaceholder';
import { ListToolbar } from '../sidebar/ListToolbar';
import { SearchBox } from '../sidebar/SearchBox';
import { SyncStatusBar } from '../sidebar/SyncStatusBar';
import { ThreadView } from '../thread/ThreadView';
import { useClient } from './client-context';
import { useAppEvents } from './use-app-events';
import { DemoBanner } from './DemoBanner';
import { rememberOrderPanel, rememberSelection, rememberSort, restoreOrderPanel, restoreSelection, restoreSort } from './selection-memory';
import { useConversationList } from './use-conversation-list';
import type { ConversationChanged } from './use-thread';
import { useCounts } from './use-counts';
import { useDebounced } from './use-debounced';
import { useLinkState } from './use-link-state';
import { useNow } from './use-now';
import { useSettingsData } from './use-settings-data';
import { useSyncStatus } from './use-sync-status';
import { useCalmSummary } from './use-calm-summary';
import { useSavedReplies } from './use-saved-replies';
import { MarketplaceFilter } from '../sidebar/MarketplaceFilter';

const SEARCH_DEBOUNCE_MS = 250;

// The cockpit and its charting library load when first opened: the inbox does not wait for them.
const CockpitView = lazy(() => import('../cockpit/CockpitView').then((m) => ({ default: m.CockpitView })));

export function App() {
  const client = useClient();
  const toast = useToast();
  const drafts = useMemo(() => {
    const storage = new DraftStorage(browserStorage());
    storage.prune();
    return storage;
  }, []);

  const [filter, setFilter] = useState<ListFilter>('all');
  const [search, setSearch] = useState('');
  const q = useDebounced(search, SEARCH_DEBOUNCE_MS);
  const [sort, setSort] = useState<ListSort>(restoreSort);
  // A conversation's address (a shared link, Back) wins over the one open last time.
  const [selectedId, setSelectedId] = useState<number | null>(() => conversationInAddress(window.location) ?? restoreSelection());
  const [orderOpen, setOrderOpen] = useState(restoreOrderPanel);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [draftPreviews, setDraftPreviews] = useState<ReadonlyMap<number, DraftPreview>>(() => drafts.previews());
  const [retrying, setRetrying] = useState(false);
  const [reconnectSignal, setReconnectSignal] = useState(0);
  const [cockpitOpen, setCockpitOpen] = useState(false);
  const [waitFilter, setWaitFilter] = useState<WaitFilter | null>(null);

  /** One marketplace's conversations, or every connection's (null). */
  const [accountFilter, setAccountFilter] = useState<number | null>(null);
  const list = useConversationList({ filter, q, sort, wait: waitFilter, accountId: accountFilter }, selectedId);
  const searching = q.trim() !== '';
  const { counts, refresh: refreshCounts, adjust: adjustCounts } = useCounts(q);
  const savedReplies = useSavedReplies();
  /** Bumped by Z: the open conversation's snooze menu opens. */
  const [snoozeRequest, setSnoozeRequest] = useState(0);
  const shownCounts =
    accountFilter === null || !counts
      ? counts
      : { ...(counts.accounts.find((a) => a.accountId === accountFilter) ?? { all: 0, replyNeeded: 0, unread: 0, snoozed: 0 }), exact: counts.exact };
  const sync = useSyncStatus();
  const settings = useSettingsData();
  /** The demo setting as the service last confirmed it. */
  const confirmedDemo = useRef<boolean | null>(null);
  if (confirmedDemo.current === null && settings.preferences) confirmedDemo.current = settings.preferences.demoEnabled;
  const now = useNow(30_000);

  const link = useLinkState(() => {
    list.reload(true);
    refreshCounts();
    sync.reload();
    settings.reload();
    setReconnectSignal((n) => n + 1);
  });
  const summary = useCalmSummary(summarizeSync(sync.statuses, link, now, sync.loaded));

  const listRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const composerRef = useRef<HTMLTextAreaElement>(null);
  /** A conversation whose reply box takes the focus as soon as it renders (it may still be loading). */
  const composerFocusFor = useRef<number | null>(null);

  /** Opens a conversation (null: the list alone); the address follows, so Back returns to the previous one. */
  const select = useCallback((id: number | null, fromHistory = false) => {
    setSelectedId(id);
    rememberSelection(id);
    if (!fromHistory && conversationInAddress(window.location) !== id) window.history.pushState(null, '', addressOf(window.location, id));
    // Opening a conversation shows it, in place of the cockpit.
    if (id !== null) setCockpitOpen(false);
  }, []);

  // The address names the open conversation from the start; Back and Forward open the one they name.
  useEffect(() => {
    const named = conversationInAddress(window.location);
    if (named !== selectedIdRef.current) window.history.replaceState(null, '', addressOf(window.location, selectedIdRef.current));
    const onPopState = () => select(conversationInAddress(window.location), true);
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, [select]);

  // The desktop shell asks for a conversation (its notification was clicked) or a panel (its menu).
  useAppEvents((event) => {
    if (event.type === 'ui.openConversation') select(event.conversationId);
    if (event.type === 'ui.openPanel') (event.panel === 'settings' ? setSettingsOpen : setShortcutsOpen)(true);
  });

  const itemsRef = useRef(list.items);
  itemsRef.current = list.items;
  const selectedIdRef = useRef(selectedId);
  selectedIdRef.current = selectedId;

  const move = (delta: 1 | -1) => {
    const items = itemsRef.current;
    if (items.length === 0) return;
    const index = selectedId === null ? -1 : items.findIndex((c) => c.id === selectedId);
    const next = index === -1 ? items[0] : items[Math.min(items.length - 1, Math.max(0, index + delta))];
    if (next && next.id !== selectedId) select(next.id);
    // Keys keep working from the list; the message pane is not focused by moving.
    if (document.activeElement === document.body || document.activeElement === null) listRef.current?.focus();
  };

  /**
   * Opens the customer waiting longest for a reply (other than `fromId`, just answered), in
   * the list as it is filtered and searched: the server's longest-waiting order, not the rows
   * loaded so far.
   */
  const openNextWaiting = useCallback(
    async (fromId: number | null) => {
      const input: OperationInput<'listConversations'> = { sort: 'waiting', limit: 2 };
      if (searching) input.q = q.trim().slice(0, 200);
      if (filter === 'unread') input.unread = true;
      let page;
      try {
        page = await client.call('listConversations', input);
      } catch (e) {
        toast(errorText(e), 'error');
        return;
      }
      const next = page.items.find((c) => c.id !== fromId);
      if (!next) {
        const where = searching ? ' among these results' : '';
        toast(fromId === null ? `No customer is waiting for a reply${where}.` : `Sent. No other customer is waiting for a reply${where}.`);
        return;
      }
      // The next reply box takes the focus once that conversation has rendered.
      composerFocusFor.current = next.id;
      select(next.id);
    },
    [client, filter, q, searching, select, toast],
  );

  const focusList = useCallback(() => {
    listRef.current?.focus();
  }, []);

  /**
   * Done with this conversation for now (snoozed, marked unread): back to the list. The row,
   * kept while it was open, then leaves a list it no longer belongs to (a snoozed one).
   */
  const leaveConversation = useCallback(
    (conversation?: Conversation) => {
      select(null);
      requestAnimationFrame(() => {
        if (conversation) list.patch(conversation);
        focusList();
      });
    },
    [focusList, list, select],
  );

  const toggleOrder = useCallback(() => {
    setOrderOpen((open) => {
      rememberOrderPanel(!open);
      return !open;
    });
  }, []);

  useGlobalShortcuts({
    move,
    focusComposer: () => {
      if (composerRef.current) composerRef.current.focus();
      else composerFocusFor.current = selectedId;
    },
    focusSearch: () => {
      searchRef.current?.focus();
      searchRef.current?.select();
    },
    toggleOrder,
    openShortcuts: () => setShortcutsOpen(true),
    openSettings: () => setSettingsOpen(true),
    toggleCockpit: () => setCockpitOpen((open) => !open),
    snooze: () => {
      if (selectedId !== null) setSnoozeRequest((n) => n + 1);
    },
    toggleDone: () => {
      const open = itemsRef.current.find((c) => c.id === selectedId);
      if (!open) return;
      client.call(open.doneAt ? 'undoDone' : 'markDone', { id: open.id }).then(
        (changed) => onConversation(changed, open),
        (e: unknown) => toast(errorText(e), 'error'),
      );
    },
    markUnread: () => {
      const open = itemsRef.current.find((c) => c.id === selectedId);
      if (!open) return;
      client.call('markUnread', { id: open.id }).then(
        (changed) => {
          onConversation(changed, open);
          leaveConversation(changed);
        },
        (e: unknown) => toast(errorText(e), 'error'),
      );
    },
    dialogOpen: () => settingsOpen || shortcutsOpen,
    arrowsAllowedFrom: (target) => target === null || target === document.body || !!target.closest('.sidebar'),
  });

  const onDraftChange = useCallback((id: number, draft: DraftPreview | null) => {
    setDraftPreviews((current) => {
      const known = current.get(id) ?? null;
      if (known === draft || (known && draft && known.body === draft.body && known.threadId === draft.threadId)) return current;
      const next = new Map(current);
      if (draft === null) next.delete(id);
      else next.set(id, draft);
      return next;
    });
  }, []);

  const retrySync = () => {
    setRetrying(true);
    sync.syncNow().then(
      () => setRetrying(false),
      (e: unknown) => {
        setRetrying(false);
        toast(`Could not start a sync: ${errorText(e)}`, 'error');
      },
    );
  };

  const patchList = list.patch;
  const onConversation = useCallback<ConversationChanged>(
    (conversation, before) => {
      // The counts move with the row (both at once), then the server recounts.
      const previous = before ?? itemsRef.current.find((c) => c.id === conversation.id);
      if (previous) adjustCounts(previous, conversation);
      patchList(conversation);
      refreshCounts();
    },
    [adjustCounts, patchList, refreshCounts],
  );

  // Enter in the search: the first match opens, and the list takes the focus on its row (↑/↓
  // go on from there). The results may still be on their way (the search is debounced).
  const openFirstMatch = useRef(false);
  const openFirstMatchIfLoaded = useCallback(() => {
    if (!openFirstMatch.current) return;
    const answered = list.loadedFor !== null && list.loadedFor.q === search && list.loadedFor.filter === filter;
    if (list.status === 'error' || (search === q && list.status === 'ready' && answered)) {
      openFirstMatch.current = false;
      const first = list.items[0];
      if (!first) return;
      select(first.id);
      requestAnimationFrame(focusList);
    }
  }, [filter, focusList, list.items, list.loadedFor, list.status, q, search, select]);
  useEffect(openFirstMatchIfLoaded, [openFirstMatchIfLoaded]);

  // The tab (or taskbar) says how much is unread, like a mail client.
  const unread = counts?.unread ?? 0;
  useEffect(() => {
    document.title = unread > 0 ? `(${unread.toLocaleString('en')}) Mirakl Customer Service` : 'Mirakl Customer Service';
  }, [unread]);

  const isDemo = settings.connections.length > 0 && settings.connections.every((c) => c.isDemo);
  const neverSynced = sync.statuses.length > 0 && sync.statuses.every((s) => s.lastSuccessAt === null);

  let listContent;
  if (list.status === 'loading') listContent = <ListSkeleton />;
  else if (list.status === 'error') listContent = <ListError message={list.error ?? ''} onRetry={() => list.reload()} />;
  else if (list.items.length === 0) {
    listContent = (
      <ListEmpty
        // The longest-waiting order holds only conversations awaiting a reply: empty, it is "all caught up".
        filter={sort === 'waiting' && filter === 'all' ? 'replyNeeded' : filter}
        query={q}
        neverSynced={neverSynced}
        onClearSearch={() => {
          setSearch('');
          searchRef.current?.focus();
        }}
        onShowAll={() => {
          setFilter('all');
          setSort('recent');
          rememberSort('recent');
        }}
      />
    );
  } else {
    listContent = (
      <ConversationList
        items={list.items}
        hasMore={list.hasMore}
        loadingMore={list.loadingMore}
        loadMoreError={list.loadMoreError}
        onLoadMore={list.loadMore}
        selectedId={selectedId}
        onSelect={select}
        now={now}
        drafts={draftPreviews}
        listRef={listRef}
      />
    );
  }

  return (
    <div className={selectedId === null && !cockpitOpen ? 'app' : 'app app--thread-open'}>
      {isDemo && <DemoBanner onOpenSettings={() => setSettingsOpen(true)} />}
      <div className="app__panes">
        <aside className="sidebar" aria-label="Inbox">
          {/* The page's one level-one heading; an open conversation's header is a level two under it. */}
          <h1 className="sr-only">Inbox</h1>
          <div className="sidebar__top">
            <SyncStatusBar summary={summary} onRetry={retrySync} retrying={retrying} />
            <div className="sidebar__tools">
              <button type="button" className="icon-button" aria-label="Sync now" title="Sync now" onClick={retrySync} disabled={retrying || summary.tone === 'busy'}>
                <Icon name="refresh" />
              </button>
              <button type="button" className="icon-button" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onClick={() => setShortcutsOpen(true)}>
                <Icon name="keyboard" />
              </button>
              <button type="button" className="icon-button" aria-label="Settings" title="Settings" onClick={() => setSettingsOpen(true)}>
                <Icon name="settings" />
              </button>
            </div>
          </div>
          <SearchBox
            ref={searchRef}
            value={search}
            onChange={(value) => {
              openFirstMatch.current = false;
              setSearch(value);
            }}
            onLeave={focusList}
            onSubmit={() => {
              openFirstMatch.current = true;
              openFirstMatchIfLoaded();
            }}
            busy={search !== q || (list.status === 'loading' && q !== '')}
          />
          <MarketplaceFilter connections={settings.connections} counts={counts} value={accountFilter} onChange={setAccountFilter} />
          {/* Above the tabs: Tab goes from the tabs straight to the list they control. */}
          <ListToolbar
            total={searching && list.status === 'ready' && list.loadedFor?.q === q ? list.total : null}
            query={q}
            sort={sort}
            onSort={(next) => {
              setSort(next);
              rememberSort(next);
            }}
          />
          <FilterTabs value={filter} counts={shownCounts} searching={searching} onChange={setFilter} />
          {waitFilter && <WaitFilterChip filter={waitFilter} onClear={() => setWaitFilter(null)} />}
          <div className="conversation-panel" id={FILTER_PANEL_ID} role="tabpanel" aria-labelledby={filterTabId(filter)}>
            {listContent}
          </div>
          <CockpitEntry open={cockpitOpen} onToggle={() => setCockpitOpen((open) => !open)} />
        </aside>
        <main className="main">
          {cockpitOpen ? (
            <Suspense fallback={<p className="cockpit-empty">Opening response times…</p>}>
              <CockpitView
                connections={settings.connections}
                now={now}
                onShowList={(wait) => {
                  setWaitFilter(wait);
                  setFilter('all');
                  setSearch('');
                  requestAnimationFrame(focusList);
                }}
                onOpenConversation={select}
                onClose={() => setCockpitOpen(false)}
              />
            </Suspense>
          ) : (
            <ThreadView
              conversationId={selectedId}
              hasConversations={list.items.length > 0}
              // Of the results while searching; the Unread tab's waiting customers are not counted.
              waiting={filter === 'unread' ? { count: null, exact: true } : { count: shownCounts?.replyNeeded ?? 0, exact: shownCounts?.exact ?? true }}
              onStart={() => void openNextWaiting(null)}
              onConversation={onConversation}
              onOpenConversation={select}
              onBack={() => {
                select(null);
                requestAnimationFrame(focusList);
              }}
              orderOpen={orderOpen}
              onToggleOrder={toggleOrder}
              composerRef={composerRef}
              composerFocusFor={composerFocusFor}
              onSendAndNext={(fromId) => void openNextWaiting(fromId)}
              onLeaveComposer={() => {
                composerRef.current?.blur();
                focusList();
              }}
              drafts={drafts}
              onDraftChange={onDraftChange}
              now={now}
              reconnectSignal={reconnectSignal}
              savedReplies={savedReplies.index}
              onPickerOpen={savedReplies.reload}
              signature={settings.preferences?.signature ?? ''}
              onLeaveConversation={leaveConversation}
              snoozeRequest={snoozeRequest}
            />
          )}
        </main>
      </div>
      <SettingsDialog
        open={settingsOpen}
        onClose={() => setSettingsOpen(false)}
        connections={settings.connections}
        connectionsLoading={!settings.connectionsLoaded}
        preferences={settings.preferences}
        onSavedRepliesChanged={savedReplies.reload}
        onConnectionsChanged={() => {
          settings.reload();
          sync.reload();
          list.reload(true);
          refreshCounts();
        }}
        onPreferencesSaved={(preferences, confirmed) => {
          settings.setPreferences(preferences);
          // Demo on/off changes what is in the inbox, once the service has applied it.
          if (confirmed && confirmedDemo.current !== null && confirmedDemo.current !== preferences.demoEnabled) {
            settings.reload();
            sync.reload();
            list.reload(true);
            refreshCounts();
          }
          if (confirmed) confirmedDemo.current = preferences.demoEnabled;
        }}
      />
      <ShortcutsDialog open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} />
    </div>
  );
}
