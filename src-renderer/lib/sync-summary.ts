// One honest line about freshness for the sidebar: syncing, synced N ago, offline, or an error.
import type { SyncProgress, SyncStatus } from '../../src-shared/sync-status';
import { formatAgo } from './relative-time';

/** The renderer's own link to the backend (HTTP event stream; always live over IPC). */
export type LinkState = 'connecting' | 'live' | 'reconnecting' | 'offline';

export type SyncTone = 'ok' | 'busy' | 'offline' | 'error' | 'idle';

export interface SyncSummary {
  tone: SyncTone;
  label: string;
  detail: string | null;
  /** Offer "Retry" (syncNow). */
  canRetry: boolean;
  progress: SyncProgress | null;
}

export function summarizeSync(statuses: readonly SyncStatus[], link: LinkState, now: Date, loaded = true): SyncSummary {
  if (link === 'reconnecting' || link === 'offline') {
    return {
      tone: 'offline',
      label: link === 'offline' ? 'Inbox service unreachable' : 'Reconnecting…',
      detail: 'Showing what is already loaded. Changes appear again once reconnected.',
      canRetry: false,
      progress: null,
    };
  }
  if (!loaded) return { tone: 'idle', label: 'Connecting…', detail: null, canRetry: false, progress: null };
  if (statuses.length === 0) {
    return { tone: 'idle', label: 'No Mirakl account connected', detail: 'Add one in Settings.', canRetry: false, progress: null };
  }
  const failing = statuses.filter((s) => s.lastError && (s.lastSuccessAt === null || Date.parse(s.lastError.at) >= Date.parse(s.lastSuccessAt)));
  const running = statuses.find((s) => s.state === 'running');
  // A new pass after a failed one is a retry, not news: the failure stays what is shown until a pass succeeds.
  if (running && failing.length === 0) {
    return { tone: 'busy', label: 'Syncing…', detail: progressText(running.progress), canRetry: false, progress: running.progress };
  }
  const lastSuccess = oldestSuccess(statuses);
  const since = lastSuccess ? `Last synced ${formatAgo(lastSuccess, now)}.` : 'Never synced.';
  if (failing.length > 0) {
    const first = failing[0] as SyncStatus;
    const error = first.lastError as NonNullable<SyncStatus['lastError']>;
    if (failing.every((s) => s.lastError?.offline)) {
      return {
        tone: 'offline',
        label: 'Offline · showing local data',
        detail: `Mirakl cannot be reached. Replies are queued and sent once it is back. ${since}`,
        canRetry: !running,
        progress: null,
      };
    }
    return { tone: 'error', label: 'Sync failed', detail: `${error.message} ${since}`.trim(), canRetry: !running, progress: null };
  }
  if (lastSuccess === null) return { tone: 'idle', label: 'Not synced yet', detail: null, canRetry: true, progress: null };
  const ago = formatAgo(lastSuccess, now);
  return { tone: 'ok', label: ago === 'just now' ? 'Synced just now' : `Synced ${ago}`, detail: stuckText(statuses), canRetry: true, progress: null };
}

/** Conversations Mirakl sent that could not be read (the rest synced): said once, plainly. */
function stuckText(statuses: readonly SyncStatus[]): string | null {
  const stuck = statuses.reduce((sum, s) => sum + s.stuckThreads.length, 0);
  if (stuck === 0) return null;
  return `${stuck === 1 ? 'One conversation' : `${stuck.toLocaleString('en')} conversations`} from Mirakl could not be read: tried again at every sync.`;
}

/** The staleness that matters is the account synced least recently; null if one never was. */
function oldestSuccess(statuses: readonly SyncStatus[]): string | null {
  let oldest: string | null = null;
  for (const s of statuses) {
    if (s.lastSuccessAt === null) return null;
    if (oldest === null || Date.parse(s.lastSuccessAt) < Date.parse(oldest)) oldest = s.lastSuccessAt;
  }
  return oldest;
}

function progressText(progress: SyncProgress | null): string | null {
  if (!progress || (progress.threads === 0 && progress.pages === 0)) return 'Looking for new messages';
  const parts = [`${progress.threads.toLocaleString('en')} conversation${progress.threads === 1 ? '' : 's'} checked`];
  if (progress.newMessages > 0) parts.push(`${progress.newMessages.toLocaleString('en')} new message${progress.newMessages === 1 ? '' : 's'}`);
  return parts.join(' · ');
}

/** Folds a sync.status event into the list of statuses (one per account). */
export function withStatus(statuses: readonly SyncStatus[], status: SyncStatus): SyncStatus[] {
  const index = statuses.findIndex((s) => s.accountId === status.accountId);
  if (index === -1) return [...statuses, status];
  const next = [...statuses];
  next[index] = status;
  return next;
}
