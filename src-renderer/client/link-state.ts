// A tiny observable for the state of the live link.
import type { LinkState } from '../lib/sync-summary';

export class LinkStateBox {
  private current: LinkState;
  private readonly listeners = new Set<(state: LinkState) => void>();

  constructor(initial: LinkState) {
    this.current = initial;
  }

  get(): LinkState {
    return this.current;
  }

  set(state: LinkState): void {
    if (state === this.current) return;
    this.current = state;
    for (const listener of [...this.listeners]) listener(state);
  }

  listen(listener: (state: LinkState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
