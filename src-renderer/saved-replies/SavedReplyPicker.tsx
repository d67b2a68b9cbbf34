// The `/` picker above the reply box: saved replies matching what follows the slash, the
// highlighted one previewed with this conversation's values. The keyboard stays in the
// reply box (type, ↑/↓, Enter or Tab, Esc): it points at the active option.
import type { ReactNode } from 'react';
import { renderTemplate, unfilledPlaceholders, type ReplyContext } from '../../src-shared/saved-reply-template';
import type { RankedReply } from './picker-ranking';

export const PICKER_ID = 'saved-reply-picker';
export const optionId = (replyId: number) => `saved-reply-option-${replyId}`;

export function SavedReplyPicker({ items, active, context, language, hasReplies, onChoose, onHover }: {
  items: readonly RankedReply[];
  active: number;
  context: ReplyContext;
  /** The customer's language, for replies written for any language. */
  language: string | null;
  /** Whether any saved reply exists at all (to say how to make one). */
  hasReplies: boolean;
  onChoose: (index: number) => void;
  onHover: (index: number) => void;
}) {
  const current = items[active];
  const preview = current ? renderTemplate(current.reply.body, context, current.reply.language ?? language) : null;
  return (
    <div className="picker" data-testid="saved-reply-picker">
      <ul className="picker__list" id={PICKER_ID} role="listbox" aria-label="Saved replies">
        {items.map((item, index) => (
          <li
            key={item.reply.id}
            id={optionId(item.reply.id)}
            role="option"
            aria-selected={index === active}
            className={index === active ? 'picker__option picker__option--active' : 'picker__option'}
            onMouseDown={(event) => {
              event.preventDefault(); // the reply box keeps the focus
              onChoose(index);
            }}
            onMouseEnter={() => onHover(index)}
          >
            <span className="picker__name">{highlighted(item.reply.name, item.nameRanges)}</span>
            {item.reply.language && <span className="picker__language">{item.reply.language.toUpperCase()}</span>}
          </li>
        ))}
        {items.length === 0 && (
          <li className="picker__empty" role="presentation">
            {hasReplies ? 'No saved reply matches.' : 'No saved replies yet: add some in Settings.'}
          </li>
        )}
      </ul>
      {preview && (
        <div className="picker__preview" aria-live="polite">
          <PreviewText text={preview.body} />
          {(preview.missing.length > 0 || preview.fields.length > 0) && (
            <p className="picker__preview-note">
              {preview.fields.length > 0 && <>To fill in: {preview.fields.join(', ')}. </>}
              {preview.missing.length > 0 && <>No value here for: {preview.missing.join(', ')}.</>}
            </p>
          )}
        </div>
      )}
      <p className="picker__keys">↑↓ choose · Enter insert · Esc close</p>
    </div>
  );
}

/** The body with what is left to fill in marked. */
export function PreviewText({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const hole of unfilledPlaceholders(text)) {
    parts.push(text.slice(last, hole.start));
    parts.push(<mark key={hole.start} className="placeholder-mark">{hole.raw}</mark>);
    last = hole.end;
  }
  parts.push(text.slice(last));
  return <p className="picker__preview-text">{parts}</p>;
}

/** The name with the matched letters marked; `ranges` is [start, end, start, end…]. */
function highlighted(name: string, ranges: readonly number[]): ReactNode[] {
  const parts: ReactNode[] = [];
  let last = 0;
  for (let i = 0; i + 1 < ranges.length; i += 2) {
    const [start, end] = [ranges[i]!, ranges[i + 1]!];
    parts.push(name.slice(last, start), <mark key={start}>{name.slice(start, end)}</mark>);
    last = end;
  }
  parts.push(name.slice(last));
  return parts;
}
