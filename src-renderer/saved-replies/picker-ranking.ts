// Which saved replies the `/` picker offers, in what order. Pure, and fast enough to run on
// every keystroke over hundreds of replies (npm run bench measures it):
// - replies of another marketplace are left out;
// - typed text is matched fuzzily (uFuzzy) against the name first, then the body;
// - among equals, the version in the customer's language comes first, then one for any
//   language, then the rest; then the technician's own order.
import uFuzzy from '@leeoniya/ufuzzy';
import type { SavedReply } from '../../src-shared/contract';

export interface PickerContext {
  /** The conversation's marketplace (connection). */
  accountId: number;
  /** The customer's language (OR11's locale), when known. */
  language: string | null;
}

export interface RankedReply {
  reply: SavedReply;
  /** Character ranges of the name that matched, for highlighting: [start, end, start, end…]. */
  nameRanges: number[];
}

/** At most this many shown: the picker is a shortlist, not a browser. */
export const PICKER_MAX = 50;

// Letters of a word in order, others between them allowed ("whr prcl" finds "Where is my parcel").
const fuzzy = new uFuzzy({ intraMode: 0, intraIns: Infinity });

/** The picker's index over a list of replies, built once per list (not per keystroke). */
export class SavedReplyIndex {
  private readonly names: string[];
  private readonly bodies: string[];

  constructor(readonly replies: readonly SavedReply[]) {
    this.names = replies.map((r) => uFuzzy.latinize(r.name));
    this.bodies = replies.map((r) => uFuzzy.latinize(r.body.slice(0, 2_000)));
  }

  rank(query: string, context: PickerContext, max = PICKER_MAX): RankedReply[] {
    const usable = (i: number) => {
      const reply = this.replies[i]!;
      return reply.accountId === null || reply.accountId === context.accountId;
    };
    const languageRank = (reply: SavedReply) => (reply.language !== null && reply.language === context.language ? 0 : reply.language === null ? 1 : 2);
    const needle = uFuzzy.latinize(query.trim());
    if (needle === '') {
      return this.replies
        .map((reply, i) => ({ reply, i }))
        .filter(({ i }) => usable(i))
        .sort((a, b) => languageRank(a.reply) - languageRank(b.reply) || a.reply.position - b.reply.position)
        .slice(0, max)
        .map(({ reply }) => ({ reply, nameRanges: [] }));
    }
    // Name matches before body matches; within each, uFuzzy's own order, then language.
    const seen = new Set<number>();
    const found: Array<{ i: number; tier: number; order: number; ranges: number[] }> = [];
    const [nameIdxs, nameInfo, nameOrder] = fuzzy.search(this.names, needle, 1);
    if (nameIdxs && nameInfo && nameOrder) {
      nameOrder.forEach((o, order) => {
        const i = nameInfo.idx[o]!;
        if (!usable(i)) return;
        seen.add(i);
        found.push({ i, tier: 0, order, ranges: nameInfo.ranges[o] ?? [] });
      });
    } else if (nameIdxs) {
      nameIdxs.forEach((i, order) => {
        if (!usable(i)) return;
        seen.add(i);
        found.push({ i, tier: 0, order, ranges: [] });
      });
    }
    const bodyIdxs = fuzzy.filter(this.bodies, needle) ?? [];
    bodyIdxs.forEach((i, order) => {
      if (seen.has(i) || !usable(i)) return;
      found.push({ i, tier: 1, order, ranges: [] });
    });
    return found
      .sort((a, b) => a.tier - b.tier || languageRank(this.replies[a.i]!) - languageRank(this.replies[b.i]!) || a.order - b.order)
      .slice(0, max)
      .map(({ i, ranges }) => ({ reply: this.replies[i]!, nameRanges: ranges }));
  }
}

/**
 * The `/command` being typed at the caret, if any: a slash at the start of the text or of a
 * line, followed by the query (no line break). Returns where it starts and what was typed.
 */
export function slashQuery(text: string, caret: number): { start: number; query: string } | null {
  const lineStart = text.lastIndexOf('\n', caret - 1) + 1;
  if (text[lineStart] !== '/') return null;
  const query = text.slice(lineStart + 1, caret);
  if (query.includes('\n') || query.length > 60) return null;
  return { start: lineStart, query };
}
