// Snooze, done and unread for the open conversation: local to this inbox, never sent to
// Mirakl. The snooze menu says before choosing when the marketplace's 24-hour mark brings a
// conversation back early; a snoozed or done conversation says so, with the way back.
import { useEffect, useId, useRef, useState } from 'react';
import { format } from 'date-fns';
import type { Conversation } from '../../src-shared/contract';
import { planSnooze } from '../../src-shared/snooze-plan';
import { Icon } from '../common/Icon';
import { errorText } from '../common/error-text';
import { useToast } from '../common/toasts';
import { useClient } from '../app/client-context';
import { snoozeChoices, toLocalInput } from '../lib/snooze-times';

const when = (ms: number | string) => format(typeof ms === 'string' ? Date.parse(ms) : ms, 'EEE d MMM, HH:mm');

export interface ConversationActionsHandle {
  openSnooze(): void;
}

export function ConversationActions({ conversation, onChanged, onLeave, snoozeRequest }: {
  conversation: Conversation;
  onChanged: (conversation: Conversation) => void;
  /** Marked unread or snoozed: the technician is done with it for now, back to the list. */
  onLeave: (conversation: Conversation) => void;
  /** Bumped by the Z key: opens the snooze menu. */
  snoozeRequest: number;
}) {
  const client = useClient();
  const toast = useToast();
  const [menuOpen, setMenuOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const firstSnooze = useRef(snoozeRequest);
  useEffect(() => {
    if (snoozeRequest !== firstSnooze.current) setMenuOpen(true);
  }, [snoozeRequest]);

  const act = async (run: () => Promise<Conversation>, after?: (c: Conversation) => void) => {
    setBusy(true);
    try {
      const changed = await run();
      onChanged(changed);
      after?.(changed);
    } catch (error) {
      toast(errorText(error), 'error');
    } finally {
      setBusy(false);
    }
  };

  const snooze = (input: { until: string } | { untilCustomerReplies: true }) => {
    setMenuOpen(false);
    void act(async () => {
      const answer = await client.call('snoozeConversation', { id: conversation.id, ...input });
      const back = answer.conversation.snooze?.wakeAt;
      toast(answer.warning ?? (back ? `Snoozed until ${when(back)}` : 'Snoozed until the customer writes again'), answer.warning ? 'error' : undefined);
      return answer.conversation;
    }, onLeave);
  };

  return (
    <div className="conversation-actions">
      {conversation.snooze ? (
        <button type="button" className="button button--small" disabled={busy} onClick={() => void act(() => client.call('unsnoozeConversation', { id: conversation.id }))}>
          <Icon name="clock" size={14} />
          Unsnooze
        </button>
      ) : (
        <button
          type="button"
          className="button button--small"
          aria-haspopup="dialog"
          aria-expanded={menuOpen}
          aria-keyshortcuts="Z"
          disabled={busy}
          onClick={() => setMenuOpen((open) => !open)}
        >
          <Icon name="clock" size={14} />
          Snooze
        </button>
      )}
      {conversation.doneAt ? (
        <button type="button" className="button button--small button--done" aria-pressed="true" aria-keyshortcuts="E" disabled={busy} onClick={() => void act(() => client.call('undoDone', { id: conversation.id }))}>
          <Icon name="check" size={14} />
          Done
        </button>
      ) : (
        <button type="button" className="button button--small" aria-pressed="false" aria-keyshortcuts="E" disabled={busy} onClick={() => void act(() => client.call('markDone', { id: conversation.id }))}>
          <Icon name="check" size={14} />
          Mark done
        </button>
      )}
      <button
        type="button"
        className="icon-button"
        aria-label="Mark unread"
        title="Mark unread (U)"
        aria-keyshortcuts="U"
        disabled={busy}
        onClick={() => void act(() => client.call('markUnread', { id: conversation.id }), onLeave)}
      >
        <Icon name="inbox" />
      </button>
      {menuOpen && <SnoozeMenu conversation={conversation} onSnooze={snooze} onClose={() => setMenuOpen(false)} />}
    </div>
  );
}

function SnoozeMenu({ conversation, onSnooze, onClose }: {
  conversation: Conversation;
  onSnooze: (input: { until: string } | { untilCustomerReplies: true }) => void;
  onClose: () => void;
}) {
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  const now = new Date();
  const [custom, setCustom] = useState(toLocalInput(new Date(now.getTime() + 24 * 3_600_000)));
  const waitingSince = conversation.replyNeededSince === null ? null : Date.parse(conversation.replyNeededSince);
  const plan = (until: number | null) => planSnooze(until, waitingSince, now.getTime(), (ms) => when(ms));
  const choices = snoozeChoices(now);
  useEffect(() => {
    ref.current?.querySelector('button')?.focus();
  }, []);
  const customAt = Date.parse(custom);
  const warning = plan(null).warning && waitingSince !== null ? plan(Number.isNaN(customAt) ? null : customAt) : null;

  return (
    <div
      ref={ref}
      className="snooze-menu"
      role="dialog"
      aria-label="Snooze until"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <ul className="snooze-menu__choices">
        {choices.map((choice) => {
          const p = plan(choice.at.getTime());
          return (
            <li key={choice.id}>
              <button type="button" className="snooze-menu__choice" onClick={() => onSnooze({ until: choice.at.toISOString() })}>
                <span>{choice.label}</span>
                <span className="snooze-menu__time">{when(choice.at.getTime())}</span>
                {p.early && p.wakeAt !== null && <span className="snooze-menu__early">back {when(p.wakeAt)}</span>}
              </button>
            </li>
          );
        })}
        <li>
          <button type="button" className="snooze-menu__choice" onClick={() => onSnooze({ untilCustomerReplies: true })}>
            <span>Until the customer writes again</span>
            {plan(null).early && plan(null).wakeAt !== null && <span className="snooze-menu__early">back {when(plan(null).wakeAt!)} at the latest</span>}
          </button>
        </li>
      </ul>
      <form
        className="snooze-menu__custom"
        onSubmit={(event) => {
          event.preventDefault();
          if (!Number.isNaN(customAt) && customAt > Date.now()) onSnooze({ until: new Date(customAt).toISOString() });
        }}
      >
        <label htmlFor={`${id}-at`}>A date</label>
        <input id={`${id}-at`} type="datetime-local" value={custom} min={toLocalInput(now)} onChange={(event) => setCustom(event.target.value)} />
        <button type="submit" className="button button--small" disabled={Number.isNaN(customAt) || customAt <= now.getTime()}>
          Snooze
        </button>
      </form>
      {warning?.warning && (
        <p className="snooze-menu__warning" role="note">
          <Icon name="alert" size={14} /> {warning.warning}
        </p>
      )}
    </div>
  );
}

/** Under the header: snoozed until when, or marked done. */
export function ConversationMarkNotice({ conversation }: { conversation: Conversation }) {
  if (conversation.snooze) {
    const { wakeAt, until } = conversation.snooze;
    return (
      <p className="mark-notice" data-testid="snooze-notice">
        <Icon name="clock" size={14} />
        {wakeAt ? `Snoozed until ${when(wakeAt)}` : 'Snoozed until the customer writes again'}
        {wakeAt && until && wakeAt !== until ? ` (asked until ${when(until)}: back early to answer within 24 hours)` : ''}
        {wakeAt && !until ? ' at the latest, or when the customer writes' : ''}
      </p>
    );
  }
  if (conversation.doneAt) {
    return (
      <p className="mark-notice mark-notice--done" data-testid="done-notice">
        <Icon name="check" size={14} />
        Marked done {when(conversation.doneAt)}: it needs a reply again if the customer writes.
      </p>
    );
  }
  return null;
}
