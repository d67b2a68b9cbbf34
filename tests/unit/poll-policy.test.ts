// The poll policy with plain numbers for the clock: in use, idle, back at the inbox, back-off.
import { describe, expect, it } from 'vitest';
import { applySignal, DEFAULT_POLL_SETTINGS as S, initialPresence, nextDelay, pollMode, type ActivitySignal, type Presence } from '../../src-main/sync/poll-policy';

const MIN = 60_000;

/** The presence after signals given as [minute, signal], from a start at minute 0. */
function after(steps: Array<[number, ActivitySignal]>, watched = true): { presence: Presence; syncNow: boolean[] } {
  let presence = initialPresence(0, watched);
  const syncNow: boolean[] = [];
  for (const [minute, signal] of steps) {
    const outcome = applySignal(presence, signal, minute * MIN, S);
    presence = outcome.presence;
    syncNow.push(outcome.syncNow);
  }
  return { presence, syncNow };
}

describe('the poll policy', () => {
  it('polls every minute while the inbox is in use, every 5 minutes after 30 minutes without input', () => {
    const { presence } = after([[10, 'input']]);
    expect(pollMode(presence, 39.9 * MIN, S)).toBe('active');
    expect(nextDelay('active', null, S)).toBe(MIN);
    expect(pollMode(presence, 40 * MIN, S)).toBe('idle');
    expect(nextDelay('idle', null, S)).toBe(5 * MIN);
  });

  it('counts a window hidden for 5 minutes, and a sleeping machine, as not in use', () => {
    const hidden = after([[1, 'hidden']]).presence;
    expect(pollMode(hidden, 5.9 * MIN, S)).toBe('active');
    expect(pollMode(hidden, 6 * MIN, S)).toBe('idle');
    expect(pollMode(after([[1, 'hidden'], [3, 'hidden']]).presence, 6 * MIN, S)).toBe('idle'); // hidden since the first
    expect(pollMode(after([[1, 'suspend']]).presence, 1 * MIN, S)).toBe('idle');
  });

  it('counts serve with no client as not in use, until one connects', () => {
    expect(pollMode(initialPresence(0, false), 0, S)).toBe('idle');
    const { presence, syncNow } = after([[2, 'watched'], [3, 'unwatched']], false);
    expect(syncNow).toEqual([true, false]);
    expect(pollMode(presence, 3 * MIN, S)).toBe('idle');
  });

  it('syncs at once when the technician comes back from idle (input, focus, showing the window)', () => {
    for (const back of ['input', 'focus', 'visible'] as const) {
      const { presence, syncNow } = after([[45, back]]);
      expect(syncNow).toEqual([true]);
      expect(pollMode(presence, 45 * MIN, S)).toBe('active');
    }
    // Already in use: an input is no reason for an extra pass.
    expect(after([[5, 'input']]).syncNow).toEqual([false]);
    // Hidden: no pass, and back in sight after long: a pass.
    expect(after([[5, 'hidden'], [20, 'visible']]).syncNow).toEqual([false, true]);
  });

  it('syncs at once when the machine wakes or the network comes back, even while in use', () => {
    expect(after([[5, 'suspend'], [300, 'resume']]).syncNow).toEqual([false, true]);
    expect(after([[5, 'online']]).syncNow).toEqual([true]);
    // Nobody looking: waking or reconnecting is no reason to poll.
    expect(after([[5, 'online']], false).syncNow).toEqual([false]);
  });

  it('backs off a connection that cannot reach Mirakl: twice as long after each failure, up to 15 minutes', () => {
    const delays = [1, 2, 3, 4, 5, 6, 20].map((inARow) => nextDelay('active', { kind: 'unreachable', inARow }, S)! / MIN);
    expect(delays).toEqual([1, 2, 4, 8, 15, 15, 15]);
    // Idle, never sooner than the idle interval.
    expect([1, 3, 4, 9].map((inARow) => nextDelay('idle', { kind: 'failing', inARow }, S)! / MIN)).toEqual([5, 5, 8, 15]);
  });

  it('stops trying a refused key (401/403): no next pass until the user edits the connection', () => {
    expect(nextDelay('active', { kind: 'rejected', inARow: 1 }, S)).toBeNull();
    expect(nextDelay('idle', { kind: 'rejected', inARow: 7 }, S)).toBeNull();
  });
});
