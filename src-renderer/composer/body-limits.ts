// Mirakl's limits on a reply, shown only when the text comes near them.
import { BODY_MAX, BODY_MIN } from '../../src-shared/contract';

/** From here on the character count is shown. */
export const SHOW_COUNT_FROM = BODY_MAX - 5_000;

export interface LimitHint {
  text: string;
  blocking: boolean;
}

export function limitHint(body: string): LimitHint | null {
  const trimmed = body.trim().length;
  if (body.length > BODY_MAX) {
    return { text: `${(body.length - BODY_MAX).toLocaleString('en')} characters over the ${BODY_MAX.toLocaleString('en')} limit`, blocking: true };
  }
  if (body.length >= SHOW_COUNT_FROM) return { text: `${body.length.toLocaleString('en')} / ${BODY_MAX.toLocaleString('en')}`, blocking: false };
  if (trimmed > 0 && trimmed < BODY_MIN) return { text: `At least ${BODY_MIN} characters`, blocking: true };
  return null;
}

export function canSend(body: string): boolean {
  const trimmed = body.trim().length;
  return trimmed >= BODY_MIN && body.length <= BODY_MAX && !body.includes('\u0000');
}
