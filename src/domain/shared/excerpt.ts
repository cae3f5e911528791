/**
 * Communiqués use no-break spaces, typographic apostrophes and quotes; users paste excerpts with
 * plain ones. Both sides are compared after NFKC, quote folding and white-space collapsing.
 */
const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u02BC\u2039\u203A]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g;
/** French guillemets hold a (no-break) space inside: « neutralisé » reads as "neutralisé". */
const SPACE_INSIDE_GUILLEMETS = /([\u00AB\u2039])\s+|\s+([\u00BB\u203A])/gu;
const WHITE_SPACE = /\s+/gu;

export function normaliseForExcerpt(text: string): string {
  return text
    .normalize('NFKC')
    .replace(SPACE_INSIDE_GUILLEMETS, '$1$2')
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(WHITE_SPACE, ' ')
    .trim();
}

/** A document's text normalised once, to look many excerpts up in it. */
export function excerptFinder(documentText: string): (excerpt: string) => boolean {
  const text = normaliseForExcerpt(documentText);
  return (excerpt) => {
    const wanted = normaliseForExcerpt(excerpt);
    return wanted.length > 0 && text.includes(wanted);
  };
}

export function excerptOccursIn(documentText: string, excerpt: string): boolean {
  return excerptFinder(documentText)(excerpt);
}
