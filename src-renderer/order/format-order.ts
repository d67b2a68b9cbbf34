// Order fields as a technician reads them.

/** SHIPPING → "Shipping", WAITING_ACCEPTANCE → "Waiting acceptance". */
export function humanState(state: string): string {
  const words = state.replace(/[_-]+/g, ' ').trim().toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : state;
}

/** A tone for the state badge: done, in progress, or a problem. */
export function stateTone(state: string): 'ok' | 'progress' | 'problem' | 'neutral' {
  const s = state.toUpperCase();
  if (/REFUSED|CANCEL|INCIDENT|REFUND|CLOSED_WITH/.test(s)) return 'problem';
  if (/RECEIVED|CLOSED|DELIVERED/.test(s)) return 'ok';
  if (/SHIPP|WAITING|STAGING|TO_COLLECT/.test(s)) return 'progress';
  return 'neutral';
}

export function money(amount: number | null, currency: string | null): string {
  if (amount === null) return '—';
  if (currency) {
    try {
      return new Intl.NumberFormat('en', { style: 'currency', currency }).format(amount);
    } catch {
      // unknown currency code: fall through
    }
  }
  return `${amount.toFixed(2)}${currency ? ` ${currency}` : ''}`;
}

/**
 * An e-mail address in the pieces it may wrap between: after "@" and "+", before each dot.
 * "notification+a452@mirakl.net" → ["notification+", "a452@", "mirakl", ".net"].
 */
export function emailBreakPieces(email: string): string[] {
  return email.split(/(?<=[@+])|(?=\.)/).filter((piece) => piece !== '');
}
