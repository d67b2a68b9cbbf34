// Keys that work across the window: list navigation (↑/↓, j/k), Enter to reply, search,
// the order panel, the response-time cockpit, settings and the shortcuts sheet. Typing in a field is never hijacked,
// except by the chords (Ctrl/Cmd+K, Ctrl/Cmd+,).
import { useEffect, useRef } from 'react';
import { hasModKey, isEditable } from './platform-keys';

export interface GlobalShortcutHandlers {
  move(delta: 1 | -1): void;
  focusComposer(): void;
  focusSearch(): void;
  toggleOrder(): void;
  openShortcuts(): void;
  openSettings(): void;
  /** Opens or leaves the response-time cockpit. */
  toggleCockpit(): void;
  /** The open conversation: snooze menu, done (or undo), unread. */
  snooze(): void;
  toggleDone(): void;
  markUnread(): void;
  /** A modal dialog is open: the page behind it takes no keys. */
  dialogOpen(): boolean;
  /** Where ↑/↓ may move the list (not inside the message pane, where they scroll). */
  arrowsAllowedFrom(target: Element | null): boolean;
}

export function useGlobalShortcuts(handlers: GlobalShortcutHandlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const h = latest.current;
      if (event.defaultPrevented || event.isComposing) return;
      if (hasModKey(event) && !event.altKey && (event.key === 'k' || event.key === 'K')) {
        event.preventDefault();
        if (!h.dialogOpen()) h.focusSearch();
        return;
      }
      if (hasModKey(event) && event.key === ',') {
        event.preventDefault();
        // Never a dialog on top of another (the shortcuts list, or Settings already open).
        if (!h.dialogOpen()) h.openSettings();
        return;
      }
      if (h.dialogOpen() || isEditable(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target instanceof Element ? event.target : null;
      switch (event.key) {
        case 'j':
        case 'k':
          event.preventDefault();
          h.move(event.key === 'j' ? 1 : -1);
          return;
        case 'ArrowDown':
        case 'ArrowUp':
          if (!h.arrowsAllowedFrom(target)) return;
          event.preventDefault();
          h.move(event.key === 'ArrowDown' ? 1 : -1);
          return;
        case 'Enter':
          // Buttons and links keep their own Enter.
          if (target?.closest('button, a, [role="tab"], summary')) return;
          event.preventDefault();
          h.focusComposer();
          return;
        case 'r':
          event.preventDefault();
          h.focusComposer();
          return;
        case '/':
          event.preventDefault();
          h.focusSearch();
          return;
        case 'o':
          event.preventDefault();
          h.toggleOrder();
          return;
        case '?':
          event.preventDefault();
          h.openShortcuts();
          return;
        case 'c':
          event.preventDefault();
          h.toggleCockpit();
          return;
        case 'z':
          event.preventDefault();
          h.snooze();
          return;
        case 'e':
          event.preventDefault();
          h.toggleDone();
          return;
        case 'u':
          event.preventDefault();
          h.markUnread();
          return;
        default:
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
