// The always-visible freshness line: synced N ago, syncing (with progress), offline, or an
// error with its reason and a retry.
import type { SyncSummary } from '../lib/sync-summary';
import { Spinner } from '../common/Spinner';

export function SyncStatusBar({ summary, onRetry, retrying }: { summary: SyncSummary; onRetry: () => void; retrying: boolean }) {
  const showRetry = summary.canRetry && (summary.tone === 'error' || summary.tone === 'offline');
  return (
    <div className={`sync-status sync-status--${summary.tone}`} data-testid="sync-status">
      {/* Announced: changes of state only, not the minute-by-minute "synced N min ago". */}
      <span className="sr-only" role="status" aria-live="polite">
        {summary.tone === 'ok' ? 'Synced' : summary.tone === 'busy' ? 'Syncing' : summary.label}
      </span>
      <div className="sync-status__line">
        {summary.tone === 'busy' ? <Spinner label="Syncing" size={10} /> : <span className="sync-status__dot" aria-hidden="true" />}
        <span className="sync-status__label">{summary.label}</span>
      </div>
      {summary.detail && (
        <p className="sync-status__detail" title={summary.detail}>
          {summary.detail}
        </p>
      )}
      {showRetry && (
        <button type="button" className="link-button sync-status__retry" onClick={onRetry} disabled={retrying}>
          {retrying ? 'Retrying…' : 'Retry now'}
        </button>
      )}
      {summary.tone === 'busy' && <div className="progress-bar" aria-hidden="true" />}
    </div>
  );
}
