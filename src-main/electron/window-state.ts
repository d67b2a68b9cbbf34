// Runs in the main process; pure (no electron, no fs), tested under Node.
//
// The main window's saved size and position: validated when read back (the file is
// user-editable and may be truncated or from an older version) and fitted to the
// displays present now, so a window last seen on an unplugged monitor comes back
// somewhere visible instead of off-screen.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** Null: let the system place the window (first launch, or the saved spot is gone). */
  x: number | null;
  y: number | null;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { x: null, y: null, width: 1280, height: 820, maximized: false };
export const MIN_WINDOW_SIZE = { width: 760, height: 480 } as const;
/** Beyond any real display arrangement: a larger value is corruption, not a preference. */
const MAX_COORDINATE = 100_000;
/** How much of the window must lie on a display for the user to grab and move it back. */
const MIN_VISIBLE = { width: 120, height: 60 } as const;

const isInt = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** The saved state if the value is a well-formed one; null otherwise (use the default). */
export function parseWindowState(value: unknown): WindowState | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  if (!isInt(v.width, 1, MAX_COORDINATE) || !isInt(v.height, 1, MAX_COORDINATE)) return null;
  const hasPosition = isInt(v.x, -MAX_COORDINATE, MAX_COORDINATE) && isInt(v.y, -MAX_COORDINATE, MAX_COORDINATE);
  return {
    x: hasPosition ? (v.x as number) : null,
    y: hasPosition ? (v.y as number) : null,
    width: v.width,
    height: v.height,
    maximized: v.maximized === true,
  };
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

function centeredIn(area: Rect, width: number, height: number): { x: number; y: number } {
  return { x: area.x + Math.round((area.width - width) / 2), y: area.y + Math.round((area.height - height) / 2) };
}

/**
 * Fits a saved state to the work areas of the current displays (primary first).
 * The size never exceeds the display the window lands on; a window with too little of
 * itself on any display, top edge included, is centred on the primary display.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState {
  const primary = workAreas[0];
  if (!primary) return { ...state };
  const clampSize = (area: Rect) => ({
    width: Math.max(Math.min(state.width, area.width), Math.min(MIN_WINDOW_SIZE.width, area.width)),
    height: Math.max(Math.min(state.height, area.height), Math.min(MIN_WINDOW_SIZE.height, area.height)),
  });

  if (state.x === null || state.y === null) {
    const size = clampSize(primary);
    return { ...state, ...size, x: null, y: null };
  }
  const saved: Rect = { x: state.x, y: state.y, width: state.width, height: state.height };
  // The display showing most of the window, provided enough of it (and of its title bar) is there to grab.
  let best: { area: Rect; visible: number } | null = null;
  for (const area of workAreas) {
    const o = overlap(saved, area);
    const titleBarVisible = state.y >= area.y - 10 && state.y < area.y + area.height;
    if (o.width >= MIN_VISIBLE.width && o.height >= MIN_VISIBLE.height && titleBarVisible && (!best || o.width * o.height > best.visible)) {
      best = { area, visible: o.width * o.height };
    }
  }
  if (!best) {
    const size = clampSize(primary);
    return { ...state, ...size, ...centeredIn(primary, size.width, size.height) };
  }
  const { area } = best;
  const size = clampSize(area);
  // Keep the saved spot, nudged so the (possibly shrunk) window stays inside its display.
  const x = Math.min(Math.max(state.x, area.x), area.x + area.width - size.width);
  const y = Math.min(Math.max(state.y, area.y), area.y + area.height - size.height);
  return { ...state, ...size, x, y };
}
