// The terms found in a text as the search index finds them (case and accents ignored, whole
// words, the word being typed as a prefix, phrases of words), and the passage cut around them.
import { describe, expect, it, test } from 'vitest';
import { findPhrases, passageAround, searchPhrases } from '../../src-main/db/search-highlight';
import { toSearchTerms } from '../../src-main/db/search-query';

const marked = (text: string, ranges: Array<[number, number]>) =>
  ranges.reduceRight((out, [s, e]) => `${out.slice(0, s)}[${out.slice(s, e)}]${out.slice(e)}`, text);

describe('finding search terms in a text', () => {
  it('ignores case and accents, matches whole words, and the last word typed as a prefix', () => {
    const phrases = searchPhrases(toSearchTerms('colis ABIME'));
    const text = 'Mon Colis est arrivé abîmé, colissimo dit livré.';
    const { ranges, found } = findPhrases(text, phrases);
    expect(found).toBe(2);
    expect(marked(text, ranges)).toBe('Mon [Colis] est arrivé [abîmé], colissimo dit livré.');
    // Still typing "coli": a prefix finds both words.
    expect(marked(text, findPhrases(text, searchPhrases(toSearchTerms('coli'))).ranges)).toBe('Mon [Colis] est arrivé abîmé, [colissimo] dit livré.');
  });

  it('finds a word made of several tokens as consecutive words, and order-id parts inside order ids only', () => {
    const phrases = searchPhrases(toSearchTerms('23-A'));
    expect(marked('Commande 23-A reçue', findPhrases('Commande 23-A reçue', phrases).ranges)).toBe('Commande [23-A] reçue');
    expect(findPhrases('Commande 20000023-A', phrases).found).toBe(0);
    expect(marked('20000023-A', findPhrases('20000023-A', phrases, true).ranges)).toBe('200000[23-A]');
  });

  it('counts how many different terms are in the text', () => {
    expect(findPhrases('remboursement demandé', searchPhrases(toSearchTerms('remboursement colis '))).found).toBe(1);
    expect(findPhrases('rien', searchPhrases(toSearchTerms('remboursement'))).found).toBe(0);
  });
});

describe('the passage to show', () => {
  const phrases = searchPhrases(toSearchTerms('chronopost'));

  it('shows a short text whole, on one line', () => {
    const { text, highlights } = passageAround('Suivi\n\nchronopost  XK12', phrases);
    expect(text).toBe('Suivi chronopost XK12');
    expect(marked(text, highlights)).toBe('Suivi [chronopost] XK12');
  });

  it('cuts a long text between words around the first match, with an ellipsis where cut', () => {
    const long = `${'Bonjour madame, '.repeat(20)}le colis part avec Chronopost demain matin. ${'Merci encore pour votre patience. '.repeat(20)}`;
    const { text, highlights } = passageAround(long, phrases, 120);
    expect(text.startsWith('…')).toBe(true);
    expect(text.endsWith('…')).toBe(true);
    expect(text.length).toBeLessThanOrEqual(122);
    expect(marked(text, highlights)).toContain('avec [Chronopost] demain');
    // Cut between words: no word is split at either end.
    expect(text.slice(1, -1)).toMatch(/^\S+.*\S+$/);
    expect(long).toContain(text.slice(1, -1));
  });

  it('keeps offsets right past characters outside the BMP and combining accents', () => {
    const text = '📦 Le colis de Zoe\u0301 est parti';
    const { highlights } = passageAround(text, searchPhrases(toSearchTerms('zoe colis')));
    expect(marked(text, highlights)).toBe('📦 Le [colis] de [Zoe\u0301] est parti');
  });
});

test('a match far into a short text is brought to the start of the row', () => {
  const phrases = searchPhrases(toSearchTerms('carton'));
  const { text, highlights } = passageAround('Bonjour, mon colis est arrivé écrasé ce matin, le carton était ouvert.', phrases);
  expect(text.startsWith('…')).toBe(true);
  expect(highlights[0]![0]).toBeLessThanOrEqual(22);
  expect(marked(text, highlights)).toMatch(/^…[^…]* le \[carton\] était ouvert\.$/);
});
