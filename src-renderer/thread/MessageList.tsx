// The thread's messages, oldest first, opened scrolled to the newest. Long threads render
// their latest messages first and earlier ones as the reader scrolls up (keeping the view
// still), so a 1,000-message thread opens as fast as a short one.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Message } from '../../src-shared/contract';
import { groupByDay } from '../lib/day-groups';
import { messageRole } from '../lib/message-role';
import { formatFullDate } from '../lib/relative-time';
import { MessageItem, type MessageActions } from './MessageItem';
import { displaySubject } from '../lib/subject';

/** Messages rendered for the first paint: a screenful and then some. */
const FIRST_PAINT = 40;
/** Messages rendered once the thread is on screen, and added per step when scrolling up. */
const WINDOW = 120;
/** Pixels from the top at which earlier messages are added. */
const LOAD_EARLIER_AT_PX = 400;
/** Within this distance of the end, the view follows new messages. */
const STICKY_BOTTOM_PX = 64;
/** Consecutive messages from one sender this close in time share a header. */
const GROUP_WITHIN_MS = 5 * 60_000;

export function MessageList({ messages, actions, now, subject }: {
  messages: readonly Message[];
  actions: MessageActions;
  now: Date;
  subject: string;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const [renderFrom, setRenderFrom] = useState(() => Math.max(0, messages.length - FIRST_PAINT));
  const atBottom = useRef(true);
  const heightBeforePrepend = useRef<number | null>(null);
  const [unseenBelow, setUnseenBelow] = useState(0);
  const lastId = messages[messages.length - 1]?.id;
  const previousLastId = useRef(lastId);

  const visible = useMemo(() => messages.slice(Math.min(renderFrom, messages.length)), [messages, renderFrom]);
  const groups = useMemo(() => groupByDay(visible, (m) => m.sentAt, now), [visible, now]);

  const scrollToEnd = useCallback(() => {
    const element = scroller.current;
    if (element) element.scrollTop = element.scrollHeight;
    atBottom.current = true;
    setUnseenBelow(0);
  }, []);

  // Opened: at the newest message.
  useLayoutEffect(() => {
    scrollToEnd();
  }, [scrollToEnd]);

  // Right after the first paint, while the reader looks at it: the rest of the first window.
  const latest = useRef({ renderFrom, count: messages.length });
  latest.current = { renderFrom, count: messages.length };
  useEffect(() => {
    const expand = () => {
      const element = scroller.current;
      const target = Math.max(0, latest.current.count - WINDOW);
      if (!element || heightBeforePrepend.current !== null || latest.current.renderFrom <= target) return;
      heightBeforePrepend.current = element.scrollHeight;
      setRenderFrom(target);
    };
    if (typeof requestIdleCallback === 'function') {
      const handle = requestIdleCallback(expand, { timeout: 300 });
      return () => cancelIdleCallback(handle);
    }
    const timer = setTimeout(expand, 50);
    return () => clearTimeout(timer);
  }, []);

  // The pane narrowed or widened (order panel, window, zoom): text rewraps; stay at the end if there.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current) element.scrollTop = element.scrollHeight;
    });
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, []);

  // A new last message: follow it if the reader was at the end, or if it is our own reply.
  useLayoutEffect(() => {
    if (lastId === previousLastId.current) return;
    previousLastId.current = lastId;
    const last = messages[messages.length - 1];
    if (!last) return;
    if (atBottom.current || (last.direction === 'outbound' && last.id < 0)) scrollToEnd();
    else setUnseenBelow((n) => n + 1);
  }, [lastId, messages, scrollToEnd]);

  // Earlier messages were added above: keep the view where it was.
  useLayoutEffect(() => {
    const element = scroller.current;
    const before = heightBeforePrepend.current;
    if (!element || before === null) return;
    heightBeforePrepend.current = null;
    element.scrollTop += element.scrollHeight - before;
  }, [renderFrom]);

  const onScroll = () => {
    const element = scroller.current;
    if (!element) return;
    atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < STICKY_BOTTOM_PX;
    if (atBottom.current && unseenBelow > 0) setUnseenBelow(0);
    if (element.scrollTop < LOAD_EARLIER_AT_PX && renderFrom > 0 && heightBeforePrepend.current === null) {
      heightBeforePrepend.current = element.scrollHeight;
      setRenderFrom((from) => Math.max(0, from - WINDOW));
    }
  };

  return (
    <div className="message-scroller" ref={scroller} onScroll={onScroll} tabIndex={0} aria-label="Messages">
      <div className="message-list" role="log" aria-live="polite" aria-relevant="additions">
        {renderFrom === 0 ? (
          <div className="thread-start">
            <p className="thread-start__subject">{displaySubject(subject)}</p>
            {messages[0] && <p className="thread-start__date">Conversation started {formatFullDate(messages[0].sentAt)}</p>}
          </div>
        ) : (
          <div className="thread-start thread-start--more" aria-hidden="true">
            {renderFrom} earlier message{renderFrom === 1 ? '' : 's'}
          </div>
        )}
        {groups.map((group) => (
          <section key={group.key} className="day" aria-label={group.label}>
            <h3 className="day-separator">
              <span>{group.label}</span>
            </h3>
            {group.items.map((message, i) => (
              <MessageItem key={message.id} message={message} compact={continues(group.items[i - 1], message)} actions={actions} />
            ))}
          </section>
        ))}
      </div>
      {unseenBelow > 0 && (
        <button type="button" className="new-below" onClick={scrollToEnd}>
          {unseenBelow === 1 ? 'New message' : `${unseenBelow} new messages`} ↓
        </button>
      )}
    </div>
  );
}

/** The message continues the previous one (same author, minutes apart): no repeated header. */
function continues(previous: Message | undefined, message: Message): boolean {
  if (!previous || message.direction === 'outbound') return false;
  if (messageRole(previous) !== messageRole(message) || previous.sender.name !== message.sender.name) return false;
  const gap = Date.parse(message.sentAt) - Date.parse(previous.sentAt);
  return gap >= 0 && gap < GROUP_WITHIN_MS;
}
