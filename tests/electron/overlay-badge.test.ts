import { describe, expect, it } from 'vitest';
import { OVERLAY_SIZE, overlayBitmap, overlayDescription, overlayText, showUnreadCount } from '../../src-main/electron/overlay-badge';

/** The bitmap as rows of characters: '#' white, 'r' red, '.' transparent (edge pixels by their dominant colour). */
function picture(bitmap: Buffer): string[] {
  const rows: string[] = [];
  for (let y = 0; y < OVERLAY_SIZE; y++) {
    let row = '';
    for (let x = 0; x < OVERLAY_SIZE; x++) {
      const i = (y * OVERLAY_SIZE + x) * 4;
      const [b, g, r, a] = [bitmap[i]!, bitmap[i + 1]!, bitmap[i + 2]!, bitmap[i + 3]!];
      row += a < 128 ? '.' : r > 200 && g > 200 && b > 200 ? '#' : r > g && r > b ? 'r' : '?';
    }
    rows.push(row);
  }
  return rows;
}

describe('taskbar overlay badge (Windows)', () => {
  it('is nothing without unread conversations', () => {
    expect(overlayBitmap(0)).toBeNull();
    expect(overlayBitmap(-3)).toBeNull();
  });

  it('says the count up to nine, then 9+', () => {
    expect([1, 7, 9, 10, 250].map(overlayText)).toEqual(['1', '7', '9', '9+', '9+']);
    expect(overlayDescription(1)).toBe('1 unread conversation');
    expect(overlayDescription(12)).toBe('12 unread conversations');
  });

  it('draws white figures on a red disc with transparent corners, as a 32×32 BGRA bitmap', () => {
    const bitmap = overlayBitmap(4)!;
    expect(bitmap.length).toBe(OVERLAY_SIZE * OVERLAY_SIZE * 4);
    const rows = picture(bitmap);
    expect(rows[0]![0]).toBe('.');
    expect(rows[31]![31]).toBe('.');
    expect(rows[16]![2]).toBe('r');
    // The "4": both strokes lit in its top half, only the right one below the bar.
    const glyphRows = rows.slice(11, 21).map((row) => row.slice(13, 19));
    expect(glyphRows).toEqual(['##..##', '##..##', '##..##', '##..##', '######', '######', '....##', '....##', '....##', '....##'].map((r) => r.replace(/\./g, 'r')));
    expect(rows.join('')).not.toContain('?');
  });

  it('draws two glyphs for 9+, side by side, inside the disc', () => {
    const rows = picture(overlayBitmap(42)!);
    const lit = rows.flatMap((row, y) => [...row].flatMap((c, x) => (c === '#' ? [{ x, y }] : [])));
    const xs = lit.map((p) => p.x);
    expect(Math.min(...xs)).toBe(9);
    expect(Math.max(...xs)).toBe(22);
  });

  it('goes on the taskbar button on Windows, on the dock or launcher elsewhere', () => {
    const seen: string[] = [];
    const target = (platform: NodeJS.Platform) => ({
      platform,
      setBadgeCount: (n: number) => seen.push(`${platform} badge ${n}`),
      setOverlayIcon: (bitmap: Buffer | null, description: string) => seen.push(`${platform} overlay ${bitmap ? bitmap.length : 'none'} "${description}"`),
    });
    showUnreadCount(3, target('win32'));
    showUnreadCount(0, target('win32'));
    showUnreadCount(3, target('darwin'));
    showUnreadCount(3, target('linux'));
    expect(seen).toEqual(['win32 overlay 4096 "3 unread conversations"', 'win32 overlay none ""', 'darwin badge 3', 'linux badge 3']);
  });
});
