// A keyboard chord as keys: <kbd>Ctrl</kbd>+<kbd>K</kbd>, or <kbd>⌘</kbd><kbd>K</kbd> on macOS.
import { Fragment } from 'react';
import { chordKeys, isMac } from './platform-keys';

export function Chord({ chord }: { chord: string }) {
  const mac = isMac();
  return (
    <span className="chord">
      {chordKeys(chord, mac).map((key, i) => (
        <Fragment key={i}>
          {i > 0 && !mac && '+'}
          <kbd>{key}</kbd>
        </Fragment>
      ))}
    </span>
  );
}
