// The reply-needed badge: how long the customer has been waiting for us, urgent past a day.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Past this, a waiting customer is an emergency (Mirakl marketplaces grade shops on it). */
export const URGENT_AFTER_MS = DAY;

export interface WaitedBadge {
  /** Compact: "12 min", "21 h", "3 d". */
  label: string;
  /** For screen readers and tooltips: "Waiting for a reply for 21 hours". */
  description: string;
  urgent: boolean;
}

export function waitedBadge(replyNeededSince: string | null, now: Date): WaitedBadge | null {
  if (replyNeededSince === null) return null;
  const since = new Date(replyNeededSince).getTime();
  if (Number.isNaN(since)) return null;
  const waited = Math.max(0, now.getTime() - since);
  const urgent = waited >= URGENT_AFTER_MS;
  if (waited < HOUR) {
    const minutes = Math.max(1, Math.floor(waited / MINUTE));
    return { label: `${minutes} min`, description: `Waiting for a reply for ${plural(minutes, 'minute')}`, urgent };
  }
  // Hours up to two days: "30 h" says more than "1 d" when the deadline is 24 or 48 h.
  if (waited < 2 * DAY) {
    const hours = Math.floor(waited / HOUR);
    return { label: `${hours} h`, description: `Waiting for a reply for ${plural(hours, 'hour')}`, urgent };
  }
  const days = Math.floor(waited / DAY);
  return { label: `${days} d`, description: `Waiting for a reply for ${plural(days, 'day')}`, urgent };
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
