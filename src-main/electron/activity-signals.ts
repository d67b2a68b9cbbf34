// Thin wiring from Electron's events to the poller's activity signals: the machine going to
// sleep and waking, the window gaining focus, shown, hidden or minimized. What they mean for
// polling is decided in src-main/sync/poll-policy, not here.
import type { BrowserWindow, PowerMonitor } from 'electron';
import type { ActivitySignal } from '../../src-shared/sync-status';

type Report = (signal: ActivitySignal) => void;

/** The machine's sleep and wake. Returns the function that stops listening. */
export function reportPowerEvents(powerMonitor: PowerMonitor, report: Report): () => void {
  const suspend = () => report('suspend');
  const resume = () => report('resume');
  powerMonitor.on('suspend', suspend);
  powerMonitor.on('resume', resume);
  return () => {
    powerMonitor.off('suspend', suspend);
    powerMonitor.off('resume', resume);
  };
}

/** A window's focus and visibility, for as long as it lives (closed: hidden). */
export function reportWindowEvents(window: BrowserWindow, report: Report): void {
  window.on('focus', () => report('focus'));
  window.on('show', () => report('visible'));
  window.on('restore', () => report('visible'));
  window.on('hide', () => report('hidden'));
  window.on('minimize', () => report('hidden'));
  window.on('closed', () => report('hidden'));
}
