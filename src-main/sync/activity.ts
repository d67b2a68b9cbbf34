// Whether the inbox is in use, from the signals the shell, the renderer and the HTTP server
// report (see poll-policy for the rules). The schedulers read the mode when they set their
// next pass; 'back' tells them to sync at once.
import { EventEmitter } from 'node:events';
import type { PollMode } from '../../src-shared/sync-status';
import { applySignal, initialPresence, pollMode, type ActivitySignal, type PollSettings, type Presence } from './poll-policy';

export class Activity extends EventEmitter<{ back: []; mode: [PollMode] }> {
  private presence: Presence;
  private lastMode: PollMode;

  constructor(
    private pollSettings: PollSettings,
    options: { watched: boolean; now?: () => number },
  ) {
    super();
    this.now = options.now ?? Date.now;
    this.presence = initialPresence(this.now(), options.watched);
    this.lastMode = this.mode();
  }

  private readonly now: () => number;

  get settings(): PollSettings {
    return this.pollSettings;
  }

  /** The interval while in use changed (the preference). */
  setActiveInterval(activeIntervalMs: number): void {
    this.pollSettings = { ...this.pollSettings, activeIntervalMs };
  }

  mode(): PollMode {
    return pollMode(this.presence, this.now(), this.pollSettings);
  }

  report(signal: ActivitySignal): void {
    const outcome = applySignal(this.presence, signal, this.now(), this.pollSettings);
    this.presence = outcome.presence;
    const mode = this.mode();
    if (mode !== this.lastMode) {
      this.lastMode = mode;
      this.emit('mode', mode);
    }
    if (outcome.syncNow) this.emit('back');
  }
}
