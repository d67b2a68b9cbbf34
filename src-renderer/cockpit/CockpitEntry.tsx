// The sidebar's way into the cockpit (also `c`), and the chip of a cockpit filter applied to
// the list (open waits of an age, about to breach) with its way out.
import { Icon } from '../common/Icon';
import { waitFilterLabel, type WaitFilter } from '../lib/wait-filter';

export function CockpitEntry({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  return (
    <button type="button" className={open ? 'sidebar-entry sidebar-entry--current' : 'sidebar-entry'} aria-pressed={open} onClick={onToggle} title="Response times (c)">
      <Icon name="chart" />
      <span>Response times</span>
      <kbd className="sidebar-entry__key" aria-hidden="true">
        c
      </kbd>
    </button>
  );
}

export function WaitFilterChip({ filter, onClear }: { filter: WaitFilter; onClear: () => void }) {
  const label = waitFilterLabel(filter);
  return (
    <div className="wait-chip" data-testid="wait-filter">
      <Icon name="clock" />
      <span className="wait-chip__label">{label}</span>
      <button type="button" className="icon-button icon-button--small" aria-label={`Clear the filter: ${label}`} onClick={onClear}>
        <Icon name="close" />
      </button>
    </div>
  );
}
