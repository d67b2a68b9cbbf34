import { expect, test } from 'vitest';
import { isWebUrl, splitLinks, toHref } from '../../src-renderer/lib/linkify';

test('plain text stays one text part', () => {
  expect(splitLinks('Bonjour, merci !')).toEqual([{ kind: 'text', text: 'Bonjour, merci !' }]);
  expect(splitLinks('')).toEqual([]);
});

test('http(s) and www links are found, sentence punctuation left out', () => {
  expect(splitLinks('Suivi: https://track.example.com/AB12?x=1. Merci')).toEqual([
    { kind: 'text', text: 'Suivi: ' },
    { kind: 'link', text: 'https://track.example.com/AB12?x=1', href: 'https://track.example.com/AB12?x=1' },
    { kind: 'text', text: '. Merci' },
  ]);
  expect(splitLinks('voir www.example.com, puis')).toEqual([
    { kind: 'text', text: 'voir ' },
    { kind: 'link', text: 'www.example.com', href: 'https://www.example.com/' },
    { kind: 'text', text: ', puis' },
  ]);
});

test('brackets: balanced ones belong to the URL, a closing one of the sentence does not', () => {
  const [, link] = splitLinks('(see https://en.wikipedia.org/wiki/Foo_(bar))');
  expect(link).toEqual({ kind: 'link', text: 'https://en.wikipedia.org/wiki/Foo_(bar)', href: 'https://en.wikipedia.org/wiki/Foo_(bar)' });
  expect(splitLinks('(https://example.com/a)').map((p) => p.text)).toEqual(['(', 'https://example.com/a', ')']);
});

test('other schemes are never links', () => {
  expect(splitLinks('javascript:alert(1) data:text/html,<b> file:///etc/passwd').every((p) => p.kind === 'text')).toBe(true);
  expect(isWebUrl('javascript:alert(1)')).toBe(false);
  expect(isWebUrl('https://example.com')).toBe(true);
});

test('text around and between several links is kept whole', () => {
  const text = 'a https://a.example.com b http://b.example.org/x c';
  const parts = splitLinks(text);
  expect(parts.map((p) => p.text).join('')).toBe(text);
  expect(parts.filter((p) => p.kind === 'link')).toHaveLength(2);
});

test('addresses the desktop shell would refuse to open are not links', () => {
  for (const raw of ['https://bank.example@evil.example/', 'http://127.0.0.1:4319/api/health', 'http://localhost:8080/', 'http://[::1]/']) {
    expect(toHref(raw), raw).toBeNull();
  }
  expect(toHref('https://carrier.example/track/1')).toBe('https://carrier.example/track/1');
});
