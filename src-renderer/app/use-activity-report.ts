// Tells the app whether the technician is at the inbox (POST /api/activity, or IPC on the
// desktop): input at most once a minute, the page shown or hidden, the network back. The
// app polls Mirakl often while the inbox is in use, rarely when not, and at once on return.
import { useEffect } from 'react';
import type { ActivitySignal } from '../../src-shared/sync-status';
import { useClient } from './client-context';

/** Input is reported at most this often: enough for a 30-minute idle rule, nothing for the wire. */
const INPUT_EVERY_MS = 60_000;
const INPUT_EVENTS = ['pointerdown', 'keydown', 'wheel'] as const;

export function useActivityReport(): void {
  const client = useClient();
  useEffect(() => {
    const report = (signal: ActivitySignal) => void client.call('reportActivity', { signal }).catch(() => undefined);
    let lastInput = 0;
    const onInput = () => {
      const now = Date.now();
      if (now - lastInput < INPUT_EVERY_MS) return;
      lastInput = now;
      report('input');
    };
    const onVisibility = () => report(document.visibilityState === 'hidden' ? 'hidden' : 'visible');
    const onOnline = () => report('online');
    for (const name of INPUT_EVENTS) window.addEventListener(name, onInput, { capture: true, passive: true });
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('online', onOnline);
    return () => {
      for (const name of INPUT_EVENTS) window.removeEventListener(name, onInput, { capture: true });
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('online', onOnline);
    };
  }, [client]);
}
