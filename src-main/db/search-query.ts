// What a user types into the search box becomes FTS5 terms that cannot be read as FTS5
// syntax: each word is a double-quoted string (quotes doubled), so `"`, `*`, `AND`,
// `NEAR(`, `-` or `:` are plain text and never an FTS syntax error. A word with a digit is
// also looked for inside order ids (see orderIdFragment). Pure, no I/O.

/** Words beyond this are ignored: each one is a separate index lookup. */
export const MAX_SEARCH_TERMS = 8;
/** A longer "word" is a paste, not a search term; it is cut here. */
const MAX_TERM_LENGTH = 100;

/** Something the unicode61 tokenizer indexes: a letter or a digit (other characters separate tokens). */
const SEARCHABLE = /[\p{L}\p{N}]/u;
/** Lone UTF-16 surrogates: not valid text, and SQLite would see them as U+FFFD. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;

/**
 * FTS5 terms, one per word, each to be matched on its own (a conversation matches when
 * every term is found in its subject, customer, order id or any of its messages). The
 * last word is a prefix term unless the input ends with a space: the user is still
 * typing it. Empty when nothing searchable was typed (only punctuation, emoji…).
 */
export function toSearchTerms(input: string): string[] {
  const cleaned = input.normalize('NFC').replace(LONE_SURROGATE, ' ').replace(CONTROL, ' ');
  const words = cleaned
    .split(/\s+/u)
    .filter((word) => SEARCHABLE.test(word))
    .slice(0, MAX_SEARCH_TERMS)
    .map((word) => [...word].slice(0, MAX_TERM_LENGTH).join(''));
  const stillTyping = !/\s$/u.test(cleaned);
  return words.map((word, index) => {
    const quoted = `"${word.replace(/"/g, '""')}"`;
    return stillTyping && index === words.length - 1 ? `${quoted}*` : quoted;
  });
}

/**
 * The same term for PostgreSQL's to_tsquery (configuration cs_search): the word's runs of
 * letters and digits, as the index splits text (punctuation separates them), one after the
 * other (`<->`, as FTS5 matches a quoted phrase), the last one a prefix (`:*`) when the term
 * is. Each run is quoted and holds only letters, digits and marks: no tsquery syntax.
 */
export function toTsQuery(term: string): string {
  const { word, prefix } = termWord(term);
  const runs = word.split(/[^\p{L}\p{N}\p{M}]+/u).filter((run) => run !== '');
  return runs.map((run, i) => `'${run}'${prefix && i === runs.length - 1 ? ':*' : ''}`).join(' <-> ');
}

/** The word a term was made from, as typed, and whether it is matched as a prefix. */
export function termWord(term: string): { word: string; prefix: boolean } {
  const prefix = term.endsWith('*');
  const quoted = prefix ? term.slice(0, -1) : term;
  return { word: quoted.slice(1, -1).replace(/""/g, '"'), prefix };
}

/** A part of an order id shorter than this is too vague to look for (and the trigram index needs three characters). */
const MIN_ORDER_FRAGMENT = 3;

/**
 * The text to look for inside order ids, for a term whose word has a digit and at least
 * three characters ("23-A" finds order "20000023-A"); null for other words (a plain word
 * is found as a whole word of the order id, like anywhere else).
 */
export function orderIdFragment(term: string): string | null {
  const { word } = termWord(term);
  return /\p{N}/u.test(word) && [...word].length >= MIN_ORDER_FRAGMENT ? word : null;
}

/** An FTS5 trigram query for a fragment: one quoted string, matched as a substring. */
export function trigramQuery(fragment: string): string {
  return `"${fragment.replace(/"/g, '""')}"`;
}
