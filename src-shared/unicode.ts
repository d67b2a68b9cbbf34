// Pure: well-formed Unicode. A UTF-16 surrogate without its other half is half a character:
// it cannot be written as UTF-8 (nor put in a URL), so text holding one is refused or repaired.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/** The text with each half character replaced by U+FFFD, as a UTF-8 decoder would. */
export function withoutLoneSurrogates(text: string): string {
  return text.replace(new RegExp(LONE_SURROGATE.source, 'g'), '\uFFFD');
}
