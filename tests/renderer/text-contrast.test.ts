// Small text (11–13 px) needs 4.5:1 against what it sits on (WCAG 2.x AA), in both themes:
// the theme tokens of every text colour against every background a row, a bubble or a
// dialog can have.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const css = fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'src-renderer', 'styles', 'tokens.css'), 'utf8');
const darkStart = css.indexOf('@media (prefers-color-scheme: dark)');

function tokens(block: string): Record<string, string> {
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})\s*;/gi)].map((m) => [m[1]!, m[2]!.toLowerCase()]));
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const TEXTS = ['text', 'text-muted', 'text-faint'];
const BACKGROUNDS = ['bg', 'bg-app', 'bg-sidebar', 'bg-raised', 'bg-hover', 'bg-selected', 'bg-selected-strong', 'bg-input', 'bg-subtle', 'bubble-customer', 'bubble-shop', 'bubble-operator'];

describe.each([
  ['light', tokens(css.slice(0, darkStart))],
  ['dark', tokens(css.slice(darkStart))],
])('%s theme', (_name, theme) => {
  it.each(TEXTS)('--%s reads at 4.5:1 or more on every background', (text) => {
    const low = BACKGROUNDS.map((bg) => ({ bg, ratio: Math.round(contrast(theme[text]!, theme[bg]!) * 100) / 100 })).filter((c) => c.ratio < 4.5);
    expect(low).toEqual([]);
  });

  // Coloured text on its own tint: badges, states, links, sender names.
  it.each([
    ['danger', 'danger-soft'],
    ['warn', 'warn-soft'],
    ['urgent', 'urgent-soft'],
    ['ok', 'ok-soft'],
    ['accent', 'bg'],
    ['accent', 'accent-soft'],
    ['accent-text', 'accent'],
    ['shop', 'bubble-shop'],
    ['operator', 'bubble-operator'],
    ['customer', 'bubble-customer'],
    ['text', 'mark'],
  ])('--%s reads at 4.5:1 or more on --%s', (text, bg) => {
    expect(contrast(theme[text]!, theme[bg]!)).toBeGreaterThanOrEqual(4.5);
  });
});
