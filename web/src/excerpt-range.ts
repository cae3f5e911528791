/**
 * Where an excerpt lies in its source's text, as offsets into the original text, so the page can
 * wrap exactly those characters in <mark>. The server accepted the excerpt after normalising both
 * sides (src/domain/shared/excerpt.ts: NFKC, quotes folded, white space collapsed, no space inside
 * guillemets); this applies the same steps character by character and remembers where each
 * normalised character came from.
 */
const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u02BC\u2039\u203A]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g;
const OPENING_GUILLEMETS = new Set(['\u00AB', '\u2039']);
const CLOSING_GUILLEMETS = new Set(['\u00BB', '\u203A']);

interface Normalised {
  text: string;
  /** For each character of `text`, the offsets in the original text of the character it came from. */
  from: number[];
  to: number[];
}

function normalise(original: string): Normalised {
  const out: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  let afterOpeningGuillemet = false;
  let offset = 0;
  for (const codePoint of original) {
    const start = offset;
    offset += codePoint.length;
    for (const char of codePoint.normalize('NFKC')) {
      if (/\s/u.test(char)) {
        if (out.length === 0 || out[out.length - 1] === ' ' || afterOpeningGuillemet) continue;
        out.push(' ');
      } else {
        if (CLOSING_GUILLEMETS.has(char) && out[out.length - 1] === ' ') {
          out.pop();
          from.pop();
          to.pop();
        }
        afterOpeningGuillemet = OPENING_GUILLEMETS.has(char);
        out.push(char.replace(SINGLE_QUOTES, "'").replace(DOUBLE_QUOTES, '"'));
      }
      from.push(start);
      to.push(offset);
    }
  }
  return { text: out.join(''), from, to };
}

/** The [start, end) offsets of the excerpt's first occurrence in `text`, or null when it is not found. */
export function excerptRange(text: string, excerpt: string): { start: number; end: number } | null {
  const wanted = normalise(excerpt).text.trimEnd();
  if (wanted.length === 0) return null;
  const haystack = normalise(text);
  const at = haystack.text.indexOf(wanted);
  if (at < 0) return null;
  return { start: haystack.from[at], end: haystack.to[at + wanted.length - 1] };
}
