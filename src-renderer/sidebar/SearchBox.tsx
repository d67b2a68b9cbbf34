// The search field. Ctrl/Cmd+K focuses it (see the global shortcuts); Esc clears it, then
// leaves it; ↓ moves on to the list; Enter opens the first match.
import { forwardRef } from 'react';
import { Icon } from '../common/Icon';
import { chordLabel, isMac } from '../shortcuts/platform-keys';

export const SearchBox = forwardRef<HTMLInputElement, {
  value: string;
  onChange: (value: string) => void;
  onLeave: () => void;
  /** Enter: open the first conversation matching the search. */
  onSubmit: () => void;
  busy: boolean;
}>(function SearchBox({ value, onChange, onLeave, onSubmit, busy }, ref) {
  return (
    <div className="search" role="search">
      <Icon name="search" className="search__icon" />
      <input
        ref={ref}
        type="search"
        className="search__input"
        placeholder={`Search  (${chordLabel('Mod+K', isMac())})`}
        aria-label="Search conversations"
        aria-keyshortcuts="Control+K Meta+K"
        value={value}
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            if (value) onChange('');
            else onLeave();
          } else if (event.key === 'ArrowDown') {
            event.preventDefault();
            onLeave();
          } else if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
            event.preventDefault();
            onSubmit();
          }
        }}
      />
      {busy && value && <span className="search__busy spinner" aria-hidden="true" />}
      {value && !busy && (
        <button type="button" className="icon-button search__clear" aria-label="Clear search" onClick={() => onChange('')}>
          <Icon name="close" size={14} />
        </button>
      )}
    </div>
  );
});
