import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_STATE, fitToDisplays, MIN_WINDOW_SIZE, parseWindowState, type Rect, type WindowState } from '../../src-main/electron/window-state';
import { loadWindowState, saveWindowState } from '../../src-main/electron/window-state-file';
import { tempDir } from '../helpers/temp-dir';

const laptop: Rect = { x: 0, y: 0, width: 1440, height: 877 };
/** A second monitor to the right of the laptop. */
const external: Rect = { x: 1440, y: -200, width: 2560, height: 1415 };
const state = (s: Partial<WindowState>): WindowState => ({ ...DEFAULT_WINDOW_STATE, x: 100, y: 80, ...s });

describe('window state: reading it back', () => {
  it('accepts a well-formed state', () => {
    expect(parseWindowState({ x: -20, y: 30, width: 1000, height: 700, maximized: true })).toEqual({ x: -20, y: 30, width: 1000, height: 700, maximized: true });
  });

  it('keeps the size but drops a position that is missing or half there', () => {
    expect(parseWindowState({ width: 1000, height: 700 })).toEqual({ x: null, y: null, width: 1000, height: 700, maximized: false });
    expect(parseWindowState({ x: 10, width: 1000, height: 700 })).toMatchObject({ x: null, y: null });
  });

  it.each([
    null,
    'x',
    [],
    {},
    { width: '1000', height: 700 },
    { width: 1000.5, height: 700 },
    { width: 0, height: 700 },
    { width: -5, height: 700 },
    { width: Number.NaN, height: 700 },
    { width: 1e9, height: 700 },
  ])('rejects %j', (value) => {
    expect(parseWindowState(value)).toBeNull();
  });

  it('ignores absurd coordinates', () => {
    expect(parseWindowState({ x: 1e9, y: 0, width: 800, height: 600 })).toMatchObject({ x: null, y: null });
  });
});

describe('window state: fitting it to the displays of today', () => {
  it('leaves a window that is on a display where it is', () => {
    const s = state({ x: 100, y: 80, width: 1200, height: 760 });
    expect(fitToDisplays(s, [laptop, external])).toEqual(s);
  });

  it('keeps a window on the second monitor while that monitor is there', () => {
    const s = state({ x: 2000, y: 0, width: 1600, height: 1000 });
    expect(fitToDisplays(s, [laptop, external])).toEqual(s);
  });

  it('brings back, centred on the primary display, a window left on a monitor that is gone', () => {
    const fitted = fitToDisplays(state({ x: 2000, y: 0, width: 1200, height: 800 }), [laptop]);
    expect(fitted).toMatchObject({ width: 1200, height: 800, x: 120, y: 39 });
  });

  it('brings back a window whose title bar is above every display (it could not be dragged)', () => {
    const fitted = fitToDisplays(state({ x: 100, y: -600, width: 1000, height: 800 }), [laptop]);
    expect(fitted.y).toBeGreaterThanOrEqual(laptop.y);
    expect(fitted.y! + fitted.height).toBeLessThanOrEqual(laptop.y + laptop.height);
  });

  it('brings back a window with only a sliver on screen', () => {
    const fitted = fitToDisplays(state({ x: 1400, y: 100, width: 1000, height: 700 }), [laptop]);
    expect(fitted.x! + fitted.width).toBeLessThanOrEqual(laptop.width);
    expect(fitted.x).toBeGreaterThanOrEqual(0);
  });

  it('shrinks a window larger than the display it lands on, never below the minimum', () => {
    const small: Rect = { x: 0, y: 0, width: 1024, height: 600 };
    const fitted = fitToDisplays(state({ x: 0, y: 0, width: 2400, height: 1400 }), [small]);
    expect(fitted).toMatchObject({ x: 0, y: 0, width: 1024, height: 600 });
    const tiny = fitToDisplays(state({ width: 300, height: 200 }), [laptop]);
    expect(tiny).toMatchObject({ width: MIN_WINDOW_SIZE.width, height: MIN_WINDOW_SIZE.height });
  });

  it('nudges a partly visible window back inside its display', () => {
    const fitted = fitToDisplays(state({ x: -300, y: 100, width: 1000, height: 700 }), [laptop]);
    expect(fitted).toMatchObject({ x: 0, y: 100, width: 1000, height: 700 });
  });

  it('lets the system place a window without a saved position', () => {
    expect(fitToDisplays(DEFAULT_WINDOW_STATE, [laptop])).toMatchObject({ x: null, y: null, width: 1280, height: 820 });
  });

  it('keeps the maximized flag', () => {
    expect(fitToDisplays(state({ maximized: true, x: 5000 }), [laptop]).maximized).toBe(true);
  });
});

describe('window state file', () => {
  const dir = tempDir('mcs-window-');

  it('round-trips through the JSON file', () => {
    const file = path.join(dir, 'nested', 'window-state.json');
    const s = state({ x: 12, y: 34, width: 1111, height: 777, maximized: true });
    saveWindowState(file, s);
    expect(loadWindowState(file)).toEqual(s);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['window-state.json']);
  });

  it('falls back to the default for a missing, truncated or foreign file', () => {
    expect(loadWindowState(path.join(dir, 'missing.json'))).toEqual(DEFAULT_WINDOW_STATE);
    const broken = path.join(dir, 'broken.json');
    fs.writeFileSync(broken, '{"x": 12, "y": 3');
    expect(loadWindowState(broken)).toEqual(DEFAULT_WINDOW_STATE);
    fs.writeFileSync(broken, '{"width": "huge"}');
    expect(loadWindowState(broken)).toEqual(DEFAULT_WINDOW_STATE);
  });
});
