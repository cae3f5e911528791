import { excerptOccursIn } from '../../../src/domain/shared/excerpt';

/** From the communiqué of 13 November 2018, with its typography: ’, no-break spaces, blank lines. */
const COMMUNIQUE = [
  'BARKHANE\u00A0: la force Barkhane met hors de combat un groupe terroriste au Mali.',
  '',
  'Dans la nuit du 11 au 12 novembre 2018, dans la région du Gourma au Mali, les forces françaises de l’opération Barkhane ont mené une opération contre un groupe terroriste qui avait été formellement identifié comme tel.',
  '',
  '\u00A0',
  '',
  'Cette opération a été menée par un raid héliporté appuyé par un drone Reaper. La riposte des militaires français a permis de mettre fin aux tirs et de neutraliser sept terroristes.',
  'Elle regroupe environ 4\u202F000 militaires dont la mission consiste à soutenir les forces  armées des pays partenaires.',
  'Le chef de la katiba, connu sous le nom de “Almansour”.',
].join('\n');

describe('excerpts: found despite typography', () => {
  it('finds an excerpt copied as is', () => {
    expect(excerptOccursIn(COMMUNIQUE, 'neutraliser sept terroristes')).toBe(true);
  });

  it("matches a straight apostrophe against a typographic one (’ vs ')", () => {
    expect(excerptOccursIn(COMMUNIQUE, "les forces françaises de l'opération Barkhane")).toBe(true);
  });

  it('matches a typographic apostrophe in the excerpt against a straight one in the text', () => {
    expect(excerptOccursIn("fabrication d'IED", 'fabrication d’IED')).toBe(true);
  });

  it('matches straight double quotes against typographic ones', () => {
    expect(excerptOccursIn(COMMUNIQUE, 'connu sous le nom de "Almansour"')).toBe(true);
  });

  it('matches an ordinary space against a no-break space (U+00A0)', () => {
    expect(excerptOccursIn(COMMUNIQUE, 'BARKHANE : la force Barkhane')).toBe(true);
  });

  it('matches an ordinary space against a narrow no-break space (U+202F)', () => {
    expect(excerptOccursIn(COMMUNIQUE, 'environ 4 000 militaires')).toBe(true);
  });

  it('matches one space against a run of spaces', () => {
    expect(excerptOccursIn(COMMUNIQUE, 'soutenir les forces armées')).toBe(true);
    expect(excerptOccursIn('neutraliser sept terroristes', 'neutraliser   sept\tterroristes')).toBe(true);
  });

  it('matches an excerpt that spans line breaks and blank lines', () => {
    expect(excerptOccursIn(COMMUNIQUE, 'formellement identifié comme tel. Cette opération a été menée par un raid héliporté')).toBe(true);
    expect(excerptOccursIn(COMMUNIQUE, 'au Mali.\nDans la nuit')).toBe(true);
  });

  it('ignores spaces around the excerpt', () => {
    expect(excerptOccursIn(COMMUNIQUE, '  neutraliser sept terroristes\n')).toBe(true);
  });

  it('matches accents whether composed or not', () => {
    expect(excerptOccursIn(COMMUNIQUE, 'raid he\u0301liporte\u0301')).toBe(true);
  });
});

describe('excerpts: refused when not in the text', () => {
  it('refuses a text that is not there', () => {
    expect(excerptOccursIn(COMMUNIQUE, 'neutraliser huit terroristes')).toBe(false);
  });

  it('refuses words that are there but not in that order', () => {
    expect(excerptOccursIn(COMMUNIQUE, 'terroristes sept neutraliser')).toBe(false);
  });

  it('refuses an empty excerpt', () => {
    expect(excerptOccursIn(COMMUNIQUE, '')).toBe(false);
  });

  it('refuses an excerpt of white space only', () => {
    expect(excerptOccursIn(COMMUNIQUE, ' \u00A0\n\t')).toBe(false);
  });
});
