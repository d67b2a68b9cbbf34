// Quick sync passes should not make the status line flicker: "Syncing…" shows only once a
// pass has run for a moment; until then the previous (settled) state stays on screen.
import { useEffect, useRef, useState } from 'react';
import type { SyncSummary } from '../lib/sync-summary';

const SHOW_BUSY_AFTER_MS = 800;

export function useCalmSummary(summary: SyncSummary): SyncSummary {
  const settled = useRef(summary);
  const [busyVisible, setBusyVisible] = useState(false);
  const busy = summary.tone === 'busy';
  if (!busy) settled.current = summary;

  useEffect(() => {
    if (!busy) {
      setBusyVisible(false);
      return;
    }
    const timer = setTimeout(() => setBusyVisible(true), SHOW_BUSY_AFTER_MS);
    return () => clearTimeout(timer);
  }, [busy]);

  // Nothing settled to show yet (first pass of a new account): show the work at once.
  if (busy && !busyVisible && settled.current.tone !== 'idle') return settled.current;
  return summary;
}
