import { excerptRange } from '../../web/src/excerpt-range';

/** The web view marks an excerpt in its source's own characters, after the server's normalisation (NFKC, quotes, white space). */
describe('excerptRange', () => {
  const mark = (text: string, excerpt: string) => {
    const range = excerptRange(text, excerpt);
    return range && text.slice(range.start, range.end);
  };

  it('finds an excerpt typed with plain quotes and spaces in a text with typographic ones', () => {
    const text = 'Des composants servant à la fabrication d’IED\u00a0et des moyens\n  de communication ont été saisis.';
    expect(mark(text, "fabrication d'IED et des moyens de communication")).toBe('fabrication d’IED\u00a0et des moyens\n  de communication');
  });

  it('reads guillemets with their inner spaces as plain quotes', () => {
    const text = 'il a été « neutralisé » hier';
    expect(mark(text, 'a été "neutralisé" hier')).toBe('a été « neutralisé » hier');
  });

  it('finds compatibility characters through NFKC', () => {
    expect(mark('la ﬁn des tirs', 'fin des tirs')).toBe('ﬁn des tirs');
  });

  it('says when the excerpt is not in the text rather than marking something else', () => {
    expect(excerptRange('neutraliser sept terroristes', 'neutraliser huit terroristes')).toBeNull();
    expect(excerptRange('any text', '   ')).toBeNull();
  });
});
