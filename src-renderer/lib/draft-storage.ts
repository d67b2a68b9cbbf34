// Unsent replies, one per conversation, kept in localStorage so they survive switching
// conversations, reloads and restarts of the app.
import type { Recipient } from './message-role';

export interface Draft {
  body: string;
  to: Recipient;
  /**
   * The newest inbound message id the technician had seen when the draft was started:
   * anything newer arrived while they were writing and deserves a warning before sending.
   */
  seenInboundId: number;
  /** Epoch ms of the last edit: old drafts are forgotten. */
  updatedAt: number;
  /**
   * The Mirakl thread the draft answers. Conversation ids are per database: the same page
   * origin can serve another store later (serve --db …), whose conversation 12 is another
   * customer. A draft whose thread does not match is not shown, nor sent.
   */
  threadId: string | null;
}

/** A draft's text for the list, with the thread it belongs to. */
export interface DraftPreview {
  body: string;
  threadId: string | null;
}

/** The preview to show for a conversation, if the draft is really its own. */
export function draftFor(previews: ReadonlyMap<number, DraftPreview>, conversation: { id: number; miraklThreadId: string }): string | null {
  const draft = previews.get(conversation.id);
  return draft && (draft.threadId === null || draft.threadId === conversation.miraklThreadId) ? draft.body : null;
}

/** The subset of the Web Storage API the drafts need (a Map-backed fake in tests). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

const PREFIX = 'mcs.draft.v1.';
/** A draft untouched for this long is abandoned. */
export const DRAFT_MAX_AGE_MS = 60 * 24 * 60 * 60 * 1000;

export class DraftStorage {
  constructor(
    private readonly storage: KeyValueStorage | null,
    private readonly now: () => number = Date.now,
  ) {}

  /** The conversation's draft; with `threadId`, only if it was written for that Mirakl thread. */
  load(conversationId: number, threadId?: string): Draft | null {
    const raw = this.safe(() => this.storage?.getItem(PREFIX + conversationId) ?? null, null);
    if (raw === null) return null;
    const draft = parseDraft(raw);
    if (draft === null || this.now() - draft.updatedAt > DRAFT_MAX_AGE_MS) {
      this.clear(conversationId);
      return null;
    }
    if (threadId !== undefined && draft.threadId !== null && draft.threadId !== threadId) return null;
    return draft;
  }

  /** Saves, or clears when the body is blank (an empty box is no draft). */
  save(conversationId: number, draft: Omit<Draft, 'updatedAt'>): void {
    if (draft.body.trim() === '') {
      this.clear(conversationId);
      return;
    }
    const value: Draft = { ...draft, updatedAt: this.now() };
    // Full storage (quota) must not break typing: the draft then lives in memory only.
    this.safe(() => this.storage?.setItem(PREFIX + conversationId, JSON.stringify(value)), undefined);
  }

  clear(conversationId: number): void {
    this.safe(() => this.storage?.removeItem(PREFIX + conversationId), undefined);
  }

  /** Every draft's text by conversation, for the list's "Draft ·" previews (see draftFor). */
  previews(): Map<number, DraftPreview> {
    const previews = new Map<number, DraftPreview>();
    for (const id of this.conversationIds()) {
      const draft = this.load(id);
      if (draft) previews.set(id, { body: draft.body, threadId: draft.threadId });
    }
    return previews;
  }

  /** Conversation ids with a draft, e.g. to mark them in the list. */
  conversationIds(): number[] {
    const ids: number[] = [];
    const storage = this.storage;
    if (!storage) return ids;
    this.safe(() => {
      for (let i = 0; i < storage.length; i += 1) {
        const key = storage.key(i);
        if (key?.startsWith(PREFIX)) {
          const id = Number(key.slice(PREFIX.length));
          if (Number.isInteger(id) && id > 0) ids.push(id);
        }
      }
    }, undefined);
    return ids;
  }

  /** Forgets drafts older than DRAFT_MAX_AGE_MS. */
  prune(): void {
    for (const id of this.conversationIds()) this.load(id);
  }

  private safe<T>(action: () => T, fallback: T): T {
    try {
      return action();
    } catch {
      return fallback;
    }
  }
}

function parseDraft(raw: string): Draft | null {
  try {
    const value = JSON.parse(raw) as Partial<Draft> | null;
    if (!value || typeof value.body !== 'string') return null;
    return {
      body: value.body,
      to: value.to === 'operator' ? 'operator' : 'customer',
      seenInboundId: typeof value.seenInboundId === 'number' ? value.seenInboundId : 0,
      updatedAt: typeof value.updatedAt === 'number' ? value.updatedAt : 0,
      threadId: typeof value.threadId === 'string' ? value.threadId : null,
    };
  } catch {
    return null;
  }
}

/** The browser's localStorage, or null where it is unavailable (private modes, sandboxed file://). */
export function browserStorage(): KeyValueStorage | null {
  try {
    const storage = window.localStorage;
    const probe = `${PREFIX}probe`;
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    return null;
  }
}
