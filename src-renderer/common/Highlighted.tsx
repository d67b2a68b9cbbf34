// Text with a search's terms marked, as <mark> elements built by React (never as HTML).
import { Fragment } from 'react';
import { highlightParts } from '../lib/highlight-parts';

export function Highlighted({ text, ranges }: { text: string; ranges: ReadonlyArray<readonly [number, number]> }) {
  return (
    <>
      {highlightParts(text, ranges).map((part, i) => (part.marked ? <mark key={i}>{part.text}</mark> : <Fragment key={i}>{part.text}</Fragment>))}
    </>
  );
}
