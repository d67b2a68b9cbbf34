// What the search box sends to FTS5: quoted words only, the last one a prefix while typing.
import { describe, expect, it } from 'vitest';
import { MAX_SEARCH_TERMS, toSearchTerms } from '../../src-main/db/search-query';

describe('search terms', () => {
  it('quotes every word and makes the last one a prefix unless the input ends with a space', () => {
    expect(toSearchTerms('colis abîmé')).toEqual(['"colis"', '"abîmé"*']);
    expect(toSearchTerms('colis abîmé ')).toEqual(['"colis"', '"abîmé"']);
  });

  it('turns FTS5 syntax into plain text', () => {
    expect(toSearchTerms('say "hi"')).toEqual(['"say"', '"""hi"""*']);
    expect(toSearchTerms('a AND b')).toEqual(['"a"', '"AND"', '"b"*']);
    expect(toSearchTerms('NEAR(x y)')).toEqual(['"NEAR(x"', '"y)"*']);
    expect(toSearchTerms('col:val')).toEqual(['"col:val"*']);
  });

  it('drops what the index cannot match: punctuation-only words, emoji, control characters, lone surrogates', () => {
    expect(toSearchTerms('* - " ( 🙂')).toEqual([]);
    expect(toSearchTerms('a\u0000b')).toEqual(['"a"', '"b"*']);
    expect(toSearchTerms('x\uD800y')).toEqual(['"x"', '"y"*']);
    expect(toSearchTerms('')).toEqual([]);
  });

  it('bounds the number and length of terms', () => {
    expect(toSearchTerms('w '.repeat(50))).toHaveLength(MAX_SEARCH_TERMS);
    const [long] = toSearchTerms('é'.repeat(500));
    expect([...long!.replace(/["*]/g, '')]).toHaveLength(100);
  });
});
