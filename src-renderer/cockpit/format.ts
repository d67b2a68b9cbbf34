// Numbers as the cockpit shows them.

/** 0.8734 → "87.3 %"; 1 → "100 %". */
export function percent(rate: number): string {
  if (rate >= 1) return '100 %';
  return `${(Math.floor(rate * 1000) / 10).toFixed(1)} %`;
}

/** Seconds as "45 min", "3 h 20 min", "2 d 4 h"; null as "—". */
export function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  // Up to two days in hours: rules say "48 hours", not "2 days".
  if (hours < 48 || minutes === 48 * 60) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

/** Hours with one decimal, for tables and CSV: 9000 → 2.5. */
export function hours(seconds: number | null): number | null {
  return seconds === null ? null : Math.round(seconds / 360) / 10;
}

export function count(n: number): string {
  return n.toLocaleString('en');
}

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Open days as "Mon–Fri", "Mon, Wed, Fri", "every day". */
export function dayRange(days: readonly number[]): string {
  const sorted = [...days].sort((a, b) => a - b);
  if (sorted.length === 7) return 'every day';
  const contiguous = sorted.every((d, i) => i === 0 || d === sorted[i - 1]! + 1);
  if (contiguous && sorted.length > 2) return `${DAY_NAMES[sorted[0]! - 1]}–${DAY_NAMES[sorted.at(-1)! - 1]}`;
  return sorted.map((d) => DAY_NAMES[d - 1]).join(', ');
}

/** A connection's rule in a few words: "24 h" or "24 business hours (Mon–Fri, America/Toronto)". */
export function ruleText(target: {
  targetSeconds: number;
  warningSeconds?: number | null;
  businessHours: { timeZone: string; days: readonly number[]; opens: string; closes: string } | null;
}): string {
  const amount = duration(target.targetSeconds);
  const warned = target.warningSeconds ? `, warned at ${duration(target.warningSeconds)}` : '';
  const h = target.businessHours;
  if (!h) return `within ${amount}${warned}`;
  const allDay = h.opens === '00:00' && h.closes === '24:00';
  return `within ${amount} of business time (${dayRange(h.days)}${allDay ? '' : ` ${h.opens}–${h.closes}`}, ${h.timeZone})${warned}`;
}
