// Why each conversation of a search's page matched: the passage to show, with the terms
// marked. Computed for the page's rows only (never for every match): each conversation's
// newest messages, then its attachment names, subject, customer and order id.
import { sql, type Kysely } from 'kysely';
import type { SearchMatch } from '../../src-shared/contract';
import type { ConversationWithCustomer } from './contract-mapping';
import type { Database } from './schema';
import { findPhrases, passageAround, searchPhrases, type SearchPhrase } from './search-highlight';

/** Messages read per conversation, newest first. A conversation matched only by older ones shows its other fields, or its preview. */
const MESSAGES_READ = 100;

type Candidate = SearchMatch & { found: number };

/** The match to show for each row that has one, by conversation id. */
export async function searchMatches(db: Kysely<Database>, rows: readonly ConversationWithCustomer[], terms: readonly string[]): Promise<Map<number, SearchMatch>> {
  const phrases = searchPhrases(terms);
  const matches = new Map<number, SearchMatch>();
  if (phrases.length === 0 || rows.length === 0) return matches;
  const attachments = await attachmentNames(db, rows.map((r) => r.id));
  for (const row of rows) {
    const best = [
      await bestMessage(db, row.id, phrases),
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

/** The newest message with the most terms in it, as a passage. */
async function bestMessage(db: Kysely<Database>, conversationId: number, phrases: readonly SearchPhrase[]): Promise<Candidate | null> {
  const messages = await db
    .selectFrom('messages')
    .select('body_text')
    .where('conversation_id', '=', conversationId)
    .orderBy('sent_at', 'desc')
    .orderBy('id', 'desc')
    .limit(MESSAGES_READ)
    .execute();
  let best: { text: string; found: number } | null = null;
  for (const { body_text: text } of messages) {
    const { found } = findPhrases(text, phrases);
    if (found > (best?.found ?? 0)) best = { text, found };
    if (found === phrases.length) break;
  }
  return best && { field: 'message', ...passageAround(best.text, phrases), found: best.found };
}

function bestOf(phrases: readonly SearchPhrase[], field: SearchMatch['field'], texts: readonly string[]): Candidate | null {
  return texts.map((text) => fieldMatch(phrases, field, text)).reduce<Candidate | null>((kept, c) => (c && (!kept || c.found > kept.found) ? c : kept), null);
}

/** A short field shown whole, with its matches; null when no term is in it. */
function fieldMatch(phrases: readonly SearchPhrase[], field: SearchMatch['field'], text: string, orderId = false): Candidate | null {
  const { ranges, found } = findPhrases(text, phrases, orderId);
  return found === 0 ? null : { field, text, highlights: ranges, found };
}

/** The attachment names of each conversation's messages. */
async function attachmentNames(db: Kysely<Database>, conversationIds: readonly number[]): Promise<Map<number, string[]>> {
  const rows = await db
    .selectFrom('attachments as a')
    .innerJoin('messages as m', 'm.id', 'a.message_id')
    .select(['m.conversation_id', 'a.name'])
    // One statement whatever the page's size (an IN list would compile one per size).
    .where('m.conversation_id', 'in', sql<number>`(SELECT value FROM json_each(${JSON.stringify(conversationIds)}))`)
    .orderBy('a.id', 'desc')
    .execute();
  const names = new Map<number, string[]>();
  for (const row of rows) names.set(row.conversation_id, [...(names.get(row.conversation_id) ?? []), row.name]);
  return names;
}
