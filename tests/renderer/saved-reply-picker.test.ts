// The `/` picker's shortlist: typed text matched fuzzily, the customer's language first,
// another marketplace's replies left out.
import { describe, expect, it } from 'vitest';
import type { SavedReply } from '../../src-shared/contract';
import { SavedReplyIndex, slashQuery } from '../../src-renderer/saved-replies/picker-ranking';

let nextId = 1;
const reply = (name: string, body: string, language: string | null, accountId: number | null = null): SavedReply => {
  const id = nextId++;
  return { id, name, body, language, accountId, position: id, createdAt: '', updatedAt: '' };
};

const replies = [
  reply('Where is my parcel', 'Hello {{customer.firstName}}, your parcel…', 'en'),
  reply('Where is my parcel', 'Bonjour {{customer.firstName}}, votre colis…', 'fr'),
  reply('Here is your invoice', 'Please find attached the invoice.', 'en'),
  reply('Photo of the damage', 'Could you send a photo of the damaged parcel?', null),
  reply('Carrefour only: return label', 'Voici l’étiquette de retour Carrefour.', 'fr', 2),
];
const index = new SavedReplyIndex(replies);
const names = (query: string, language: string | null, accountId = 1) =>
  index.rank(query, { accountId, language }).map((r) => `${r.reply.name}/${r.reply.language ?? '*'}`);

describe('the picker', () => {
  it("offers the customer's language first, then any-language replies, in the technician's order", () => {
    expect(names('', 'fr')).toEqual(['Where is my parcel/fr', 'Photo of the damage/*', 'Where is my parcel/en', 'Here is your invoice/en']);
    expect(names('', 'en')).toEqual(['Where is my parcel/en', 'Here is your invoice/en', 'Photo of the damage/*', 'Where is my parcel/fr']);
  });

  it('matches typed letters fuzzily, names before bodies, the language still first', () => {
    expect(names('whr prcl', 'fr')).toEqual(['Where is my parcel/fr', 'Where is my parcel/en']);
    expect(names('invo', 'fr')).toEqual(['Here is your invoice/en']);
    // Only in a body: "damaged" is in the photo reply's text and its name.
    expect(names('colis', 'fr')).toEqual(['Where is my parcel/fr']);
  });

  it("leaves out another marketplace's replies, keeps them for their own", () => {
    expect(names('label', 'fr', 1)).toEqual([]);
    expect(names('label', 'fr', 2)).toEqual(['Carrefour only: return label/fr']);
  });

  it('finds the /query typed at the start of the text or of a line, not elsewhere', () => {
    expect(slashQuery('/wher', 5)).toEqual({ start: 0, query: 'wher' });
    expect(slashQuery('Bonjour,\n/fac', 13)).toEqual({ start: 9, query: 'fac' });
    expect(slashQuery('and/or', 6)).toBeNull();
    expect(slashQuery('/', 1)).toEqual({ start: 0, query: '' });
  });
});
