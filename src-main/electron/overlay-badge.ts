// Runs in the main process; pure (no electron), tested under Node.
//
// Windows has no badge count on taskbar buttons (app.setBadgeCount only works on macOS and
// some Linux docks): apps put a small overlay icon on the button instead. This draws it: a
// red disc with the unread count in white ("9+" beyond nine), as a raw BGRA bitmap for
// nativeImage.createFromBitmap, at 32×32 for a 16-DIP icon on a 2× screen.

export const OVERLAY_SIZE = 32;

/** 3×5 pixel glyphs, one string per row ('#' = lit). */
const GLYPHS: Record<string, readonly string[]> = {
  '0': ['###', '#.#', '#.#', '#.#', '###'],
  '1': ['.#.', '##.', '.#.', '.#.', '###'],
  '2': ['###', '..#', '###', '#..', '###'],
  '3': ['###', '..#', '.##', '..#', '###'],
  '4': ['#.#', '#.#', '###', '..#', '..#'],
  '5': ['###', '#..', '###', '..#', '###'],
  '6': ['###', '#..', '###', '#.#', '###'],
  '7': ['###', '..#', '.#.', '.#.', '.#.'],
  '8': ['###', '#.#', '###', '#.#', '###'],
  '9': ['###', '#.#', '###', '..#', '###'],
  '+': ['...', '.#.', '###', '.#.', '...'],
};

/** What the overlay says: "1"…"9", or "9+". */
export function overlayText(count: number): string {
  return count > 9 ? '9+' : String(Math.max(0, Math.floor(count)));
}

/** The overlay's bitmap (BGRA, premultiplied: opaque pixels only, anti-aliased edge aside), or null for no overlay. */
export function overlayBitmap(count: number): Buffer | null {
  if (count <= 0) return null;
  const size = OVERLAY_SIZE;
  const pixels = Buffer.alloc(size * size * 4);
  const put = (x: number, y: number, [r, g, b]: readonly [number, number, number], alpha: number) => {
    const i = (y * size + x) * 4;
    const a = Math.round(alpha * 255);
    // Premultiplied alpha, as Skia (behind nativeImage) expects.
    pixels[i] = Math.round((b * a) / 255);
    pixels[i + 1] = Math.round((g * a) / 255);
    pixels[i + 2] = Math.round((r * a) / 255);
    pixels[i + 3] = a;
  };
  const red = [0xc4, 0x2b, 0x1c] as const;
  const white = [0xff, 0xff, 0xff] as const;
  const centre = (size - 1) / 2;
  const radius = size / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // Coverage of the disc's edge over one pixel, for a smooth rim.
      const coverage = Math.min(1, Math.max(0, radius - Math.hypot(x - centre, y - centre)));
      if (coverage > 0) put(x, y, red, coverage);
    }
  }
  const text = overlayText(count);
  const scale = 2;
  const glyphWidth = 3 * scale;
  const gap = scale;
  const width = text.length * glyphWidth + (text.length - 1) * gap;
  const left = Math.round((size - width) / 2);
  const top = Math.round((size - 5 * scale) / 2);
  [...text].forEach((char, n) => {
    const glyph = GLYPHS[char]!;
    glyph.forEach((row, gy) => {
      [...row].forEach((cell, gx) => {
        if (cell !== '#') return;
        for (let dy = 0; dy < scale; dy++) {
          for (let dx = 0; dx < scale; dx++) put(left + n * (glyphWidth + gap) + gx * scale + dx, top + gy * scale + dy, white, 1);
        }
      });
    });
  });
  return pixels;
}

/** What screen readers and the taskbar's tooltip say for the overlay. */
export function overlayDescription(count: number): string {
  return count === 1 ? '1 unread conversation' : `${count} unread conversations`;
}

export interface UnreadCountTarget {
  platform: NodeJS.Platform;
  /** app.setBadgeCount: the macOS dock and Linux launchers that support it. */
  setBadgeCount(count: number): void;
  /** BrowserWindow.setOverlayIcon on the main window (Windows); null removes it. */
  setOverlayIcon(bitmap: Buffer | null, description: string): void;
}

/** Shows the unread count where this platform shows one. */
export function showUnreadCount(count: number, target: UnreadCountTarget): void {
  if (target.platform === 'win32') {
    target.setOverlayIcon(overlayBitmap(count), count > 0 ? overlayDescription(count) : '');
    return;
  }
  target.setBadgeCount(count);
}
