// A refused reply explained to the technician: a plain sentence, then Mirakl's own reason,
// without HTTP statuses; and whether the thread itself no longer takes replies.

export interface ReplyFailure {
  /** "Not sent: Mirakl refused this reply." or, when Mirakl did not answer that, "Not sent." */
  summary: string;
  /** Mirakl's reason (or ours), as written, or null when there is none. */
  reason: string | null;
  /** The thread cannot take replies any more: a new thread on the order is the way on. */
  threadClosed: boolean;
}

/** What the service stores for a refusal: "Mirakl answered 400: <Mirakl's message> (<hint>)". */
const MIRAKL_ANSWERED = /Mirakl answered \d{3}(?::\s*)?/;
const THREAD_CLOSED = /\bclosed\b|\bnew thread\b|\bno longer (?:accepts?|open)\b|\bcan no longer\b|\bcan(?:not|'t) (?:be )?(?:answer|repl)|\bnot (?:accept|allow)\w* (?:any )?(?:more )?(?:messages|replies)\b/i;

export function describeReplyFailure(error: string | null): ReplyFailure {
  const text = error?.trim() ?? '';
  if (text === '') return { summary: 'Not sent.', reason: null, threadClosed: false };
  const match = MIRAKL_ANSWERED.exec(text);
  if (!match) return { summary: 'Not sent.', reason: text, threadClosed: THREAD_CLOSED.test(text) };
  const before = text.slice(0, match.index).replace(/[:\s]+$/, '');
  const reason = readable(text.slice(match.index + match[0].length));
  // Something of ours went first ("Cannot check on Mirakl whether…"): that is the news.
  const summary = before ? `Not sent: ${lowerFirst(before)}.` : 'Not sent: Mirakl refused this reply.';
  return { summary, reason, threadClosed: reason !== null && THREAD_CLOSED.test(reason) };
}

/** "(check the API key)" alone reads as "Check the API key."; empty is no reason. */
function readable(reason: string): string | null {
  const trimmed = reason.trim();
  if (trimmed === '') return null;
  const hintOnly = /^\((.+)\)$/.exec(trimmed);
  if (hintOnly?.[1]) return `${hintOnly[1].charAt(0).toUpperCase()}${hintOnly[1].slice(1)}.`;
  return trimmed;
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}
