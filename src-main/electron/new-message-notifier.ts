// Runs in the main process; pure (no electron), tested under Node.
//
// Turns the service's events into desktop notifications for new customer messages while
// the window is not focused. Only messages sent after the app started count: the first
// sync of an account, or the catch-up after a night offline, imports thousands of
// "new" messages that the unread badge reports far better than a burst of pop-ups.
// Messages arriving together are announced together.
import type { AppEvent, Message } from '../../src-shared/contract';

export interface NotificationRequest {
  title: string;
  body: string;
  /** The conversation a click opens (the newest one when several are announced). */
  conversationId: number;
}

export interface NewMessageNotifierOptions {
  /** Messages sent before this instant (ms) are history, not news. */
  since: number;
  isWindowFocused(): boolean;
  show(request: NotificationRequest): void;
  /** How long to gather messages into one notification. */
  batchMs?: number;
  setTimer?(fn: () => void, ms: number): unknown;
  clearTimer?(handle: unknown): void;
}

const BODY_PREVIEW_CHARS = 140;
/** Message ids already announced, kept to ignore the same message upserted again (edits, retries). */
const SEEN_LIMIT = 2000;

export function isNewCustomerMessage(message: Message, since: number): boolean {
  return message.direction === 'inbound' && message.status === 'delivered' && Date.parse(message.sentAt) >= since;
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > BODY_PREVIEW_CHARS ? `${flat.slice(0, BODY_PREVIEW_CHARS - 1)}…` : flat;
}

export function describeBatch(messages: readonly Message[]): NotificationRequest | null {
  const newest = messages.reduce<Message | null>((a, m) => (a === null || Date.parse(m.sentAt) >= Date.parse(a.sentAt) ? m : a), null);
  if (newest === null) return null;
  if (messages.length === 1) return { title: newest.sender.name || 'New message', body: preview(newest.bodyText), conversationId: newest.conversationId };
  const senders = [...new Set(messages.map((m) => m.sender.name).filter((n) => n !== ''))];
  const names = senders.length > 3 ? `${senders.slice(0, 3).join(', ')} and ${senders.length - 3} more` : senders.join(', ');
  return { title: `${messages.length} new messages`, body: names ? `From ${names}` : preview(newest.bodyText), conversationId: newest.conversationId };
}

export class NewMessageNotifier {
  private pending: Message[] = [];
  private readonly seen = new Set<number>();
  private timer: unknown = null;
  private readonly batchMs: number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(private readonly options: NewMessageNotifierOptions) {
    this.batchMs = options.batchMs ?? 1500;
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as NodeJS.Timeout));
  }

  handle(event: AppEvent): void {
    if (event.type !== 'message.upserted') return;
    const { message } = event;
    if (this.seen.has(message.id) || !isNewCustomerMessage(message, this.options.since)) return;
    this.remember(message.id);
    this.pending.push(message);
    this.timer ??= this.setTimer(() => this.flush(), this.batchMs);
  }

  /** Shows what was gathered, unless the user is looking at the window by now. */
  flush(): void {
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
    const batch = this.pending;
    this.pending = [];
    if (this.options.isWindowFocused()) return;
    const request = describeBatch(batch);
    if (request) this.options.show(request);
  }

  dispose(): void {
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
    this.pending = [];
  }

  private remember(id: number): void {
    this.seen.add(id);
    if (this.seen.size > SEEN_LIMIT) {
      const oldest = this.seen.values().next();
      if (!oldest.done) this.seen.delete(oldest.value);
    }
  }
}

/**
 * Linux notification servers (KDE, dunst, mako, xfce) read the body as markup, and Electron
 * passes it to libnotify unescaped: a customer's "<a href=…>" or "<img src=…>" would become
 * a live link or a remote image. Escaped there, plain text everywhere else.
 */
export function forNotificationServer(request: NotificationRequest, platform: NodeJS.Platform = process.platform): NotificationRequest {
  if (platform !== 'linux') return request;
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return { ...request, title: escape(request.title), body: escape(request.body) };
}
