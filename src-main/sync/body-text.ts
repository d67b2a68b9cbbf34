// Customers write from e-mail clients, so bodies often arrive as raw HTML. We keep the
// original and derive a readable plain text: paragraphs and line breaks kept, entities
// decoded, styles, scripts and images dropped. Previews, search and the UI use the text.
import { compile, type HtmlToTextOptions } from 'html-to-text';

const options: HtmlToTextOptions = {
  wordwrap: false,
  preserveNewlines: false,
  selectors: [
    { selector: 'img', format: 'skip' },
    { selector: 'script', format: 'skip' },
    { selector: 'style', format: 'skip' },
    { selector: 'head', format: 'skip' },
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true, ignoreHref: false } },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'h3', options: { uppercase: false } },
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
  ],
};

const convert = compile(options);

/** Tags or a character reference: the body needs HTML treatment. */
const HTML_HINT = /<\/?[a-z!][^>]*>|&(?:[a-z]+|#\d+|#x[0-9a-f]+);/i;

export function bodyToText(body: string): string {
  if (!HTML_HINT.test(body)) return normalizeNewlines(body).trim();
  return convert(body)
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function previewOf(text: string, max = 160): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
