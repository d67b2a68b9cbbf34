// Runs in the main process; pure (no electron), tested under Node.
//
// Keeps the dock/taskbar badge at the number of unread conversations. Recounted (one
// indexed query) a moment after events stop arriving, not once per event: a sync page
// can upsert hundreds of conversations in one go.
import type { AppEvent } from '../../src-shared/contract';

export interface UnreadBadgeOptions {
  countUnread(): Promise<number>;
  setBadge(count: number): void;
  debounceMs?: number;
  log?(message: string): void;
}

export class UnreadBadge {
  private timer: NodeJS.Timeout | null = null;
  private last: number | null = null;
  private disposed = false;

  constructor(private readonly options: UnreadBadgeOptions) {}

  handle(event: AppEvent): void {
    if (event.type === 'sync.status') return;
    this.refreshSoon();
  }

  refreshSoon(): void {
    if (this.disposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), this.options.debounceMs ?? 400);
  }

  async refresh(): Promise<void> {
    this.timer = null;
    try {
      const count = await this.options.countUnread();
      if (this.disposed || count === this.last) return;
      this.last = count;
      this.options.setBadge(count);
    } catch (error) {
      this.options.log?.(`cannot count unread conversations: ${(error as Error).message}`);
    }
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
