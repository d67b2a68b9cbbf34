// Fan-out of AppEvents to the transports (IPC push, Server-Sent Events). A listener that
// throws is reported and never stops the others, nor the code that emitted.
import type { AppEvent } from '../../src-shared/contract';

export type EventListener = (event: AppEvent) => void;

export class EventHub {
  private readonly listeners = new Set<EventListener>();

  constructor(private readonly onListenerError: (error: unknown) => void = () => undefined) {}

  subscribe(listener: EventListener): () => void {
    // Wrapped so the same function subscribed twice gets two independent subscriptions.
    const entry: EventListener = (event) => listener(event);
    this.listeners.add(entry);
    return () => {
      this.listeners.delete(entry);
    };
  }

  emit(event: AppEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
