// A text cut into plain and marked parts (a search's terms), for the renderer to build as
// React elements: the text stays text, never HTML. Ranges come from the API; anything out of
// order, overlapping or out of bounds is clipped rather than trusted.

export interface TextPart {
  text: string;
  marked: boolean;
}

export function highlightParts(text: string, ranges: ReadonlyArray<readonly [number, number]>): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const [rawStart, rawEnd] of ranges) {
    const start = Math.max(at, Math.min(text.length, rawStart));
    const end = Math.max(start, Math.min(text.length, rawEnd));
    if (end === start) continue;
    if (start > at) parts.push({ text: text.slice(at, start), marked: false });
    parts.push({ text: text.slice(start, end), marked: true });
    at = end;
  }
  if (at < text.length || parts.length === 0) parts.push({ text: text.slice(at), marked: false });
  return parts;
}

/** A count that may have stopped counting: "500+" when not exact. */
export function formatCount(count: number, exact = true): string {
  return `${count.toLocaleString('en')}${exact ? '' : '+'}`;
}
