// Shortcut labels follow the platform: ⌘ ⌥ ⇧ ⌃ on macOS, Ctrl/Alt/Shift elsewhere.
import { expect, test } from 'vitest';
import { chordKeys, chordLabel, keyLabel } from '../../src-renderer/shortcuts/platform-keys';

test('modifiers are symbols on macOS and names elsewhere', () => {
  expect(['Mod', 'Alt', 'Shift', 'Ctrl'].map((key) => keyLabel(key, true))).toEqual(['⌘', '⌥', '⇧', '⌃']);
  expect(['Mod', 'Alt', 'Shift', 'Ctrl'].map((key) => keyLabel(key, false))).toEqual(['Ctrl', 'Alt', 'Shift', 'Ctrl']);
  expect(keyLabel('Enter', true)).toBe('Enter');
  expect(keyLabel('K', false)).toBe('K');
});

test('chords read the platform way', () => {
  expect(chordLabel('Mod+K', true)).toBe('⌘K');
  expect(chordLabel('Mod+K', false)).toBe('Ctrl+K');
  expect(chordLabel('Alt+Enter', true)).toBe('⌥Enter');
  expect(chordLabel('Alt+Enter', false)).toBe('Alt+Enter');
  expect(chordLabel('Mod+Shift+,', true)).toBe('⌘⇧,');
  expect(chordLabel('Mod+,', false)).toBe('Ctrl+,');
  expect(chordKeys('Mod++', false)).toEqual(['Ctrl', '+']);
  expect(chordKeys('?', true)).toEqual(['?']);
});
