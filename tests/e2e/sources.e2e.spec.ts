import { createHash } from 'node:crypto';
import { RunningApp, http, startApp } from '../support/app';
import { BARKHANE_TEXT, barkhaneSource } from '../support/barkhane';
import { ISO_WITH_OFFSET, UUID_V7, expectError, logLength, newId } from '../support/e2e';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const otherSource = () => ({
  publisher: 'United Nations — MINUSMA',
  title: 'Press briefing',
  language: 'en-GB',
  text: 'The mission condemns the attack on its camp in Kidal.',
});

describe('sources: the documents facts come from', () => {
  let server: RunningApp;
  let base: string;
  let barkhaneId: string;

  beforeAll(async () => {
    server = await startApp();
    base = server.baseUrl;
  });
  afterAll(() => server.close());

  it('stores a new document: 201 with its sourceId (UUID v7), the SHA-256 of its text and when it was stored', async () => {
    const answer = await http(base, 'POST', '/sources', { body: barkhaneSource() });
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({ sourceId: expect.stringMatching(UUID_V7), sha256: sha256(BARKHANE_TEXT), createdAt: expect.stringMatching(ISO_WITH_OFFSET) });
    barkhaneId = answer.body.sourceId;
  });

  it('stores a text once: posting the same text again answers 200 with the same source, and writes nothing', async () => {
    const first = await http(base, 'GET', `/sources/${barkhaneId}`);
    const head = await logLength(base);
    const again = await http(base, 'POST', '/sources', { body: { ...barkhaneSource(), title: 'Another title for the same text' } });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ sourceId: barkhaneId, sha256: sha256(BARKHANE_TEXT), createdAt: first.body.createdAt });
    expect(await logLength(base)).toBe(head);
  });

  it('returns a stored source with its whole text', async () => {
    const answer = await http(base, 'GET', `/sources/${barkhaneId}`);
    expect(answer.status).toBe(200);
    const { publisher, title, publishedAt, language, url, text } = barkhaneSource();
    expect(answer.body).toMatchObject({ sourceId: barkhaneId, sha256: sha256(BARKHANE_TEXT), publisher, title, publishedAt, language, url, text });
    expect(answer.body.text).toBe(BARKHANE_TEXT);
  });

  it('lists the stored sources, and pages through them', async () => {
    const other = await http(base, 'POST', '/sources', { body: otherSource() });
    expect(other.status).toBe(201);

    const all = await http(base, 'GET', '/sources');
    expect(all.status).toBe(200);
    expect(all.body.items.map((s: { sourceId: string }) => s.sourceId).sort()).toEqual([barkhaneId, other.body.sourceId].sort());
    expect(all.body.items.find((s: { sourceId: string }) => s.sourceId === other.body.sourceId)).toMatchObject({
      publisher: 'United Nations — MINUSMA', title: 'Press briefing', language: 'en-GB', sha256: sha256(otherSource().text),
    });
    expect(all.body.nextCursor).toBeNull();

    const first = await http(base, 'GET', '/sources?limit=1');
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await http(base, 'GET', `/sources?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items).toHaveLength(1);
    expect([first.body.items[0].sourceId, second.body.items[0].sourceId].sort()).toEqual([barkhaneId, other.body.sourceId].sort());
  });

  it('answers 404 for a source that does not exist', async () => {
    expectError(await http(base, 'GET', `/sources/${newId()}`), 404, 'Not Found', /does not exist/);
  });

  it('answers 400 for a source id that is not a UUID', async () => {
    expectError(await http(base, 'GET', '/sources/not-a-uuid'), 400, 'Bad Request', 'sourceId must be a UUID');
  });

  describe('refuses a bad document with 400 naming the field, and stores nothing', () => {
    /** A text not stored yet, so a wrongly accepted document would show in the log. */
    const fresh = () => ({ ...barkhaneSource(), text: `Communiqué not stored yet (${newId()})` });
    const { text: _text, ...withoutText } = fresh();
    it.each([
      ['without text', withoutText, 'text is required'],
      ['with an empty text', { ...fresh(), text: '' }, 'text should not be empty'],
      ['without publisher', { ...fresh(), publisher: undefined }, 'publisher is required'],
      ['with a language that is not a BCP 47 tag', { ...fresh(), language: 'French!' }, 'language must be a BCP 47 language tag such as fr or en-GB'],
      ['with a url that is not one', { ...fresh(), url: 'not a url' }, /^url /],
      ['with a url that is not http(s)', { ...fresh(), url: 'ftp://example.org/x' }, /^url /],
      ['with a field the contract does not know', { ...fresh(), colour: 'red' }, 'colour is not a known field'],
      ['with a publishedAt without a time-zone offset (times are ISO 8601 with offset)', { ...fresh(), publishedAt: '2018-11-13T00:00:00' }, /^publishedAt /],
      ['with a publishedAt that is not a date', { ...fresh(), publishedAt: '13 novembre 2018' }, /^publishedAt /],
      ['with a text that is not a string', { ...fresh(), text: 42 }, 'text must be a string'],
    ])('a document %s', async (_case, body, message) => {
      const head = await logLength(base);
      const before = await http(base, 'GET', '/sources');
      expectError(await http(base, 'POST', '/sources', { body }), 400, 'Bad Request', message);
      expect(await logLength(base)).toBe(head);
      expect((await http(base, 'GET', '/sources')).body).toEqual(before.body);
    });
  });
});
