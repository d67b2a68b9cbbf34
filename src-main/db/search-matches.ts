// Why each conversation of a search's page matched: the passage to show, with the terms
// marked. Computed for the page's rows only (never for every match): each conversation's
// messages holding a rare term (or, when every term is common, its newest messages), then
// its attachment names, subject, customer and order id.
import { sql, type Kysely } from 'kysely';
import type { SearchMatch } from '../../src-shared/contract';
import type { ConversationWithCustomer } from './contract-mapping';
import type { Database } from './schema';
import { findPhrases, passageAround, searchPhrases, type SearchPhrase } from './search-highlight';
import { messageIdsWith } from './search-sql';

/** Messages read per conversation, newest first. A conversation matched only by older ones shows its other fields, or its preview. */
const MESSAGES_READ = 100;

type Candidate = SearchMatch & { found: number };

/**
 * The match to show for each row that has one, by conversation id. `commonTerms`: the terms
 * found in thousands of messages (the list's plan, see classifySearchTerms).
 */
export async function searchMatches(
  db: Kysely<Database>,
  rows: readonly ConversationWithCustomer[],
  terms: readonly string[],
  commonTerms: ReadonlySet<string>,
): Promise<Map<number, SearchMatch>> {
  const phrases = searchPhrases(terms);
  const matches = new Map<number, SearchMatch>();
  if (phrases.length === 0 || rows.length === 0) return matches;
  const ids = rows.map((r) => r.id);
  // A rare term's messages are few and its index answers them at once; a common term is in
  // most conversations' latest messages.
  const rare = terms.find((term) => !commonTerms.has(term));
  const messages = rare === undefined ? await newestMessages(db, ids) : await messagesWith(db, ids, rare);
  const attachments = await attachmentNames(db, ids);
  for (const row of rows) {
    const best = [
      bestMessage(phrases, messages.get(row.id) ?? []),
      bestOf(phrases, 'attachment', attachments.get(row.id) ?? []),
      bestOf(phrases, 'subject', [row.subject]),
      bestOf(phrases, 'customer', row.customer_name === null ? [] : [row.customer_name]),
      row.order_id === null ? null : fieldMatch(phrases, 'orderId', row.order_id, true),
    ]
      // Most terms found wins; on a tie the earlier kind (a message says most about why).
      .reduce<Candidate | null>((kept, candidate) => (candidate && (!kept || candidate.found > kept.found) ? candidate : kept), null);
    if (best) matches.set(row.id, { field: best.field, text: best.text, highlights: best.highlights });
  }
  return matches;
}

/** The newest message with the most terms in it, as a passage. `texts` are newest first. */
function bestMessage(phrases: readonly SearchPhrase[], texts: readonly string[]): Candidate | null {
  let best: { text: string; found: number } | null = null;
  for (const text of texts) {
    const { found } = findPhrases(text, phrases);
    if (found > (best?.found ?? 0)) best = { text, found };
    if (found === phrases.length) break;
  }
  return best && { field: 'message', ...passageAround(best.text, phrases), found: best.found };
}

/** The messages of these conversations that hold a search term, newest first; one statement for the page. */
async function messagesWith(db: Kysely<Database>, conversationIds: readonly number[], term: string): Promise<Map<number, string[]>> {
  const rows = await db
    .selectFrom('messages as m')
    .select(['m.conversation_id', 'm.body_text'])
    .where('m.conversation_id', 'in', [...conversationIds])
    .where('m.id', 'in', sql<number>`(${messageIdsWith(db, term)})`)
    .orderBy('m.conversation_id')
    .orderBy('m.sent_at', 'desc')
    .orderBy('m.id', 'desc')
    .execute();
  return groupBy(rows, (r) => r.conversation_id, (r) => r.body_text);
}

/** Each conversation's newest messages (up to MESSAGES_READ), newest first; one statement for the page. */
async function newestMessages(db: Kysely<Database>, conversationIds: readonly number[]): Promise<Map<number, string[]>> {
  const ranked = db
    .selectFrom('messages')
    .select((eb) => ['id', eb.fn.agg<number>('row_number').over((ob) => ob.partitionBy('conversation_id').orderBy('sent_at', 'desc').orderBy('id', 'desc')).as('rank')])
    .where('conversation_id', 'in', [...conversationIds]);
  const rows = await db
    .selectFrom('messages as m')
    .select(['m.conversation_id', 'm.body_text'])
    .where('m.id', 'in', db.selectFrom(ranked.as('r')).select('r.id').where('r.rank', '<=', MESSAGES_READ))
    .orderBy('m.conversation_id')
    .orderBy('m.sent_at', 'desc')
    .orderBy('m.id', 'desc')
    .execute();
  return groupBy(rows, (r) => r.conversation_id, (r) => r.body_text);
}

function bestOf(phrases: readonly SearchPhrase[], field: SearchMatch['field'], texts: readonly string[]): Candidate | null {
  return texts.map((text) => fieldMatch(phrases, field, text)).reduce<Candidate | null>((kept, c) => (c && (!kept || c.found > kept.found) ? c : kept), null);
}

/** A short field shown whole, with its matches; null when no term is in it. */
function fieldMatch(phrases: readonly SearchPhrase[], field: SearchMatch['field'], text: string, orderId = false): Candidate | null {
  const { ranges, found } = findPhrases(text, phrases, orderId);
  return found === 0 ? null : { field, text, highlights: ranges, found };
}

/** The attachment names of each conversation's messages, newest first. */
async function attachmentNames(db: Kysely<Database>, conversationIds: readonly number[]): Promise<Map<number, string[]>> {
  const rows = await db
    .selectFrom('attachments as a')
    .innerJoin('messages as m', 'm.id', 'a.message_id')
    .select(['m.conversation_id', 'a.name'])
    .where('m.conversation_id', 'in', [...conversationIds])
    .orderBy('a.id', 'desc')
    .execute();
  return groupBy(rows, (r) => r.conversation_id, (r) => r.name);
}

function groupBy<R, V>(rows: readonly R[], key: (row: R) => number, value: (row: R) => V): Map<number, V[]> {
  const groups = new Map<number, V[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(value(row));
    else groups.set(key(row), [value(row)]);
  }
  return groups;
}
