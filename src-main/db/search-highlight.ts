// Where the search terms are in a text, read the way the search index reads it (FTS5's
// unicode61 tokenizer, remove_diacritics 2: letters and digits make words; case and accents
// do not count), and the passage of a long text to show around them. Pure, no I/O.
//
// Why not FTS5's own snippet(): it needs the row found by a MATCH, and a prefix term (the
// word being typed) makes FTS5 merge the doclists of every word it starts each time it is
// asked, which cost 7.5 ms per message probed on the bench store (a page needs dozens).
import { orderIdFragment, termWord } from './search-query';

/** [start, end) in UTF-16 code units, as String.slice and the renderer count. */
export type TextRange = [start: number, end: number];

/** One search term as words to find in a row: consecutive words, the last one a prefix while typing. */
export interface SearchPhrase {
  words: string[];
  prefix: boolean;
  /** Looked for inside order ids too (see orderIdFragment). */
  orderFragment: string | null;
}

interface Word {
  start: number;
  end: number;
  folded: string;
}

/**
 * A character the tokenizer keeps in words: letters, digits, private use, combining marks
 * (dropped when folding), and anything beyond the BMP, as SQLite's unicode61 does.
 */
const WORD_CHAR = /[\p{L}\p{N}\p{Co}\p{M}]|[\u{10000}-\u{10FFFF}]/u;
const WORD_RUN = /(?:[\p{L}\p{N}\p{Co}\p{M}]|[\u{10000}-\u{10FFFF}])+/gu;
const MARKS = /\p{M}/gu;

/** A word as the index keeps it: without accents, lower case. */
export function foldWord(word: string): string {
  // Most words are plain ASCII: no accent to take off.
  return ASCII.test(word) ? word.toLowerCase() : word.normalize('NFD').replace(MARKS, '').toLowerCase();
}
const ASCII = /^[\x00-\x7f]*$/;

function words(text: string): Word[] {
  return [...text.matchAll(WORD_RUN)].map((m) => ({ start: m.index, end: m.index + m[0].length, folded: foldWord(m[0]) }));
}

/** The phrases of FTS5 terms made by toSearchTerms(); terms with no word are dropped. */
export function searchPhrases(terms: readonly string[]): SearchPhrase[] {
  return terms.flatMap((term) => {
    const { word, prefix } = termWord(term);
    const folded = words(word).map((w) => w.folded);
    return folded.length === 0 ? [] : [{ words: folded, prefix, orderFragment: orderIdFragment(term) }];
  });
}

export interface PhraseHits {
  ranges: TextRange[];
  /** How many of the phrases occur at least once. */
  found: number;
}

/** Where the phrases occur in a text; `orderId` also looks for their order-id fragments as substrings. */
export function findPhrases(text: string, phrases: readonly SearchPhrase[], orderId = false): PhraseHits {
  if (!mayContain(text, phrases, orderId)) return { ranges: [], found: 0 };
  const tokens = words(text);
  const ranges: TextRange[] = [];
  let found = 0;
  for (const phrase of phrases) {
    let hit = false;
    for (let i = 0; i + phrase.words.length <= tokens.length; i++) {
      if (phrase.words.every((w, k) => wordMatches(tokens[i + k]!.folded, w, phrase.prefix && k === phrase.words.length - 1))) {
        ranges.push([tokens[i]!.start, tokens[i + phrase.words.length - 1]!.end]);
        hit = true;
      }
    }
    if (orderId && phrase.orderFragment !== null) {
      const haystack = text.toLowerCase();
      const needle = phrase.orderFragment.toLowerCase();
      for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
        ranges.push([at, at + needle.length]);
        hit = true;
      }
    }
    if (hit) found++;
  }
  return { ranges: mergeRanges(ranges), found };
}

/**
 * False when no phrase can be in the text: its first word is not even a substring of the
 * folded text. Most messages of a page hold no term; this skips cutting them into words.
 */
function mayContain(text: string, phrases: readonly SearchPhrase[], orderId: boolean): boolean {
  const folded = foldWord(text);
  return phrases.some((p) => folded.includes(p.words[0]!) || (orderId && p.orderFragment !== null && text.toLowerCase().includes(p.orderFragment.toLowerCase())));
}

function wordMatches(token: string, word: string, prefix: boolean): boolean {
  return prefix ? token.startsWith(word) : token === word;
}

/** Sorted, overlapping or touching ranges joined. */
function mergeRanges(ranges: TextRange[]): TextRange[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: TextRange[] = [];
  for (const [start, end] of sorted) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

export interface Passage {
  text: string;
  highlights: TextRange[];
}

/** Characters kept before the first match: a row of the list shows about forty. */
const CONTEXT_BEFORE = 20;
const ELLIPSIS = '…';

/**
 * The passage to show, on one line: about `maxLength` characters from a little before the
 * first match (the whole text when the match is near its start and it is short), cut
 * between words, with "…" where cut.
 */
export function passageAround(text: string, phrases: readonly SearchPhrase[], maxLength = 160): Passage {
  const line = text.replace(/\s+/g, ' ').trim();
  const { ranges } = findPhrases(line, phrases);
  const first = ranges[0]?.[0] ?? 0;
  if (line.length <= maxLength && first <= CONTEXT_BEFORE) return { text: line, highlights: ranges };
  let start = Math.max(0, first - CONTEXT_BEFORE);
  // Start at a word, not in the middle of one (the match itself is never cut).
  if (start > 0 && WORD_CHAR.test(line[start - 1] ?? '')) {
    const space = line.indexOf(' ', start);
    start = space === -1 || space >= first ? start : space + 1;
  }
  while (start < first && line[start] === ' ') start++;
  let end = Math.min(line.length, start + maxLength);
  if (end < line.length) {
    const space = line.lastIndexOf(' ', end);
    if (space > first) end = space;
  }
  const head = start > 0 ? ELLIPSIS : '';
  const tail = end < line.length ? ELLIPSIS : '';
  const shift = head.length - start;
  const highlights = ranges
    .filter(([s, e]) => s < end && e > start)
    .map(([s, e]): TextRange => [Math.max(s, start) + shift, Math.min(e, end) + shift]);
  return { text: `${head}${line.slice(start, end).trimEnd()}${tail}`, highlights };
}
