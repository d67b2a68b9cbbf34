// Ctrl on Windows and Linux, ⌘ on macOS: in labels and in key handling.

export function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
}

/** Modifiers as shortcuts are written here: Mod is ⌘ on macOS and Ctrl elsewhere. */
export type Modifier = 'Mod' | 'Ctrl' | 'Alt' | 'Shift';

const MAC_MODIFIERS: Record<Modifier, string> = { Mod: '⌘', Ctrl: '⌃', Alt: '⌥', Shift: '⇧' };
const OTHER_MODIFIERS: Record<Modifier, string> = { Mod: 'Ctrl', Ctrl: 'Ctrl', Alt: 'Alt', Shift: 'Shift' };

function isModifier(key: string): key is Modifier {
  return key in OTHER_MODIFIERS;
}

/** One key's label on the platform: macOS shows its symbols (⌘ ⌥ ⇧ ⌃), others the names. */
export function keyLabel(key: string, mac: boolean): string {
  if (!isModifier(key)) return key;
  return (mac ? MAC_MODIFIERS : OTHER_MODIFIERS)[key];
}

/** The keys of a chord like "Mod+Enter", each as the platform labels it. */
export function chordKeys(chord: string, mac: boolean): string[] {
  const parts = chord.split('+');
  // "Mod++" is Mod and the "+" key.
  const keys = parts.length > 1 && parts.at(-1) === '' ? [...parts.slice(0, -2), '+'] : parts;
  return keys.map((key) => keyLabel(key, mac));
}

/** A chord as text: "⌘K" on macOS (its convention: no separator), "Ctrl+K" elsewhere. */
export function chordLabel(chord: string, mac: boolean): string {
  return chordKeys(chord, mac).join(mac ? '' : '+');
}

/** The platform's command modifier is held (⌘ on macOS, Ctrl elsewhere; either is accepted). */
export function hasModKey(event: { ctrlKey: boolean; metaKey: boolean }): boolean {
  return event.ctrlKey || event.metaKey;
}

/** Typing targets, where letters and arrows belong to the text. */
export function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color'].includes(type);
}
