// A search passage cut into plain and marked parts; bad ranges are clipped, never trusted.
import { expect, test } from 'vitest';
import { formatCount, highlightParts } from '../../src-renderer/lib/highlight-parts';

test('marks the ranges and keeps the rest as plain text', () => {
  expect(highlightParts('mon colis est là', [[4, 9]])).toEqual([
    { text: 'mon ', marked: false },
    { text: 'colis', marked: true },
    { text: ' est là', marked: false },
  ]);
  expect(highlightParts('colis', [[0, 5]])).toEqual([{ text: 'colis', marked: true }]);
  expect(highlightParts('rien', [])).toEqual([{ text: 'rien', marked: false }]);
  expect(highlightParts('', [])).toEqual([{ text: '', marked: false }]);
});

test('clips ranges out of bounds, overlapping or backwards', () => {
  expect(highlightParts('abcdef', [[-3, 2], [1, 4], [5, 99], [3, 1]])).toEqual([
    { text: 'ab', marked: true },
    { text: 'cd', marked: true },
    { text: 'e', marked: false },
    { text: 'f', marked: true },
  ]);
  // The HTML in a passage stays text.
  expect(highlightParts('<b>x</b>', [[3, 4]]).map((p) => p.text).join('')).toBe('<b>x</b>');
});

test('counts that stopped counting say so', () => {
  expect(formatCount(12)).toBe('12');
  expect(formatCount(1200)).toBe('1,200');
  expect(formatCount(500, false)).toBe('500+');
});
