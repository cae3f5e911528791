/**
 * Communiqués use no-break spaces, typographic apostrophes and quotes; users paste excerpts with
 * plain ones. Both sides are compared after NFKC, quote folding and white-space collapsing.
 */
const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u02BC]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033]/g;
const WHITE_SPACE = /\s+/gu;

export function normaliseForExcerpt(text: string): string {
  return text
    .normalize('NFKC')
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(WHITE_SPACE, ' ')
    .trim();
}

export function excerptOccursIn(documentText: string, excerpt: string): boolean {
  const wanted = normaliseForExcerpt(excerpt);
  return wanted.length > 0 && normaliseForExcerpt(documentText).includes(wanted);
}
