// `?`: every keyboard shortcut on one sheet.
import { Dialog } from '../common/Dialog';
import { chordLabel, isMac } from './platform-keys';

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const mac = isMac();
  const chord = (keys: string) => chordLabel(keys, mac);
  const groups: Array<{ title: string; keys: Array<[string[], string]> }> = [
    {
      title: 'Conversations',
      keys: [
        [['↓', 'j'], 'Next conversation'],
        [['↑', 'k'], 'Previous conversation'],
        [['Enter', 'r'], 'Write a reply'],
        [['o'], 'Show or hide the order'],
        [['z'], 'Snooze'],
        [['e'], 'Mark done (again: undo)'],
        [['u'], 'Mark unread'],
        [[chord('Mod+K'), '/'], 'Search'],
      ],
    },
    {
      title: 'Reply',
      keys: [
        [[chord('Mod+Enter')], 'Send'],
        [[chord('Alt+Enter')], 'Send and open the next conversation needing a reply'],
        [['/'], 'Pick a saved reply (at the start of a line)'],
        [['Tab'], 'Next field to fill in'],
        [['Esc'], 'Leave the reply box'],
      ],
    },
    {
      title: 'General',
      keys: [
        [['c'], 'Response times (open or leave)'],
        [['?'], 'Show these shortcuts'],
        [[chord('Mod+,')], 'Settings'],
      ],
    },
  ];
  return (
    <Dialog open={open} title="Keyboard shortcuts" onClose={onClose}>
      <div className="shortcuts">
        {groups.map((group) => (
          <section key={group.title} className="shortcuts__group" aria-label={group.title}>
            <h3>{group.title}</h3>
            <dl>
              {group.keys.map(([keys, label]) => (
                <div key={label} className="shortcuts__row">
                  <dt>
                    {keys.map((k, i) => (
                      <span key={k}>
                        {i > 0 && <span className="shortcuts__or"> or </span>}
                        <kbd>{k}</kbd>
                      </span>
                    ))}
                  </dt>
                  <dd>{label}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
