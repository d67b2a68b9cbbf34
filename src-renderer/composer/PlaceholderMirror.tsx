// Behind the reply box, the same text laid out the same way, with the fields and missing
// values of a saved reply marked: the textarea's background is see-through, so the marks
// show under the letters. Hidden from assistive technology (the hint line says the same).
import type { unfilledPlaceholders } from '../../src-shared/saved-reply-template';

export function PlaceholderMirror({ text, holes }: { text: string; holes: ReturnType<typeof unfilledPlaceholders> }) {
  if (holes.length === 0) return null;
  const parts = [];
  let last = 0;
  for (const hole of holes) {
    parts.push(text.slice(last, hole.start));
    parts.push(
      <mark key={hole.start} className="placeholder-mark">
        {hole.raw}
      </mark>,
    );
    last = hole.end;
  }
  // A trailing newline needs a character after it to take its line.
  parts.push(`${text.slice(last)}\u200b`);
  return (
    <div className="composer__mirror" aria-hidden="true">
      {parts}
    </div>
  );
}
