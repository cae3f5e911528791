import { RunningApp, http } from '../support/app';
import { casualties, opening } from '../support/barkhane';
import { expectError, facts, logLength, newId, recordEvents, registerSource, startAppWithIncident } from '../support/e2e';

describe('provenance: every fact cites an excerpt that occurs in its source', () => {
  let server: RunningApp;
  let base: string;
  let sourceId: string;
  let incidentId: string;

  beforeAll(async () => {
    ({ server, base, sourceId, incidentId } = await startAppWithIncident());
  });
  afterAll(() => server.close());

  const citing = (excerpt: string, on = sourceId) => ({ ...casualties(sourceId), source: { sourceId: on, excerpt } });

  async function expectUnprocessable(send: () => Promise<Awaited<ReturnType<typeof http>>>, message: string | RegExp) {
    const head = await logLength(base);
    const before = await http(base, 'GET', `/incidents/${incidentId}`);
    expectError(await send(), 422, 'Unprocessable Entity', message);
    expect(await logLength(base)).toBe(head);
    expect((await http(base, 'GET', `/incidents/${incidentId}`)).body).toEqual(before.body);
  }

  describe('refused with 422, and nothing written', () => {
    it('an opening whose excerpt is not in the source', () =>
      expectUnprocessable(
        () => http(base, 'POST', '/incidents', { body: opening(sourceId, { source: { sourceId, excerpt: 'dans la région de Kidal' } }) }),
        `source.excerpt does not occur in the text of source ${sourceId}`,
      ));

    it('an event whose excerpt is not in the source, named by its index', () =>
      expectUnprocessable(
        () => recordEvents(base, incidentId, [casualties(sourceId), citing('neutraliser huit terroristes')]),
        `events.1.source.excerpt does not occur in the text of source ${sourceId}`,
      ));

    it('an excerpt that differs from the text by more than typography (an accent)', () =>
      expectUnprocessable(() => recordEvents(base, incidentId, [citing('un raid heliporte appuye par un drone Reaper')]), /^events\.0\.source\.excerpt /));

    it('an excerpt made only of white space', () =>
      expectUnprocessable(() => recordEvents(base, incidentId, [citing(' \u00a0\n ')]), /^events\.0\.source\.excerpt /));

    it('an opening citing a source that does not exist', async () => {
      const unknown = newId();
      await expectUnprocessable(
        () => http(base, 'POST', '/incidents', { body: opening(unknown) }),
        new RegExp(`^source\\.sourceId .*${unknown}`),
      );
    });

    it('an event citing a source that does not exist', async () => {
      const unknown = newId();
      await expectUnprocessable(
        () => recordEvents(base, incidentId, [citing('neutraliser sept terroristes', unknown)]),
        new RegExp(`^events\\.0\\.source\\.sourceId .*${unknown}`),
      );
    });

    it('an excerpt found in another stored source but not in the one cited', async () => {
      const other = await registerSource(base, { title: 'Other', text: 'Un communiqué sur Kidal: huit terroristes neutralisés.' });
      await expectUnprocessable(() => recordEvents(base, incidentId, [citing('huit terroristes neutralisés')]), /^events\.0\.source\.excerpt /);
      const accepted = await recordEvents(base, incidentId, [citing('huit terroristes neutralisés', other)]);
      expect(accepted.status).toBe(201);
    });

    it('every bad excerpt of a request at once', () =>
      expectUnprocessable(async () => {
        const answer = await recordEvents(base, incidentId, [citing('pas dans le texte'), casualties(sourceId), citing('ni ceci')]);
        expect(answer.body.message).toEqual(expect.arrayContaining([expect.stringMatching(/^events\.0\.source\.excerpt /), expect.stringMatching(/^events\.2\.source\.excerpt /)]));
        return answer;
      }, /^events\.2\.source\.excerpt /));
  });

  describe('accepted although it differs from the text only by typography', () => {
    const acceptedExcerpts: [string, string][] = [
      ["a straight apostrophe where the text has a typographic one (’)", "les forces françaises de l'opération Barkhane"],
      ['a typographic apostrophe where the text has one', 'les forces françaises de l’opération Barkhane'],
      ['a left single quote instead of the apostrophe', 'composants servant à la fabrication d‘IED'],
      ['a no-break space where the text has a space', 'environ 4\u00a0000 militaires'],
      ['a narrow no-break space where the text has a space', 'environ 4\u202f000 militaires'],
      ['a plain space where the text has a no-break space and a space', 'soutenir les forces armées des pays partenaires'],
      ['a line break where the text has a space', 'le chef de la katiba\ndu Gourma'],
      ['spaces where the text has paragraph breaks and no-break-space lines', 'neutraliser sept terroristes. Drone Reaper Des armes lourdes et légères'],
      ['runs of spaces and tabs', 'un  raid\théliporté   appuyé'],
      ['surrounding white space', '  neutraliser sept terroristes \n'],
      ['a compatibility character (the ﬁ ligature)', 'formellement identiﬁé comme tel'],
    ];

    it.each(acceptedExcerpts)('%s', async (_case, excerpt) => {
      const head = await logLength(base);
      const answer = await recordEvents(base, incidentId, [citing(excerpt)]);
      expect({ status: answer.status, body: answer.body }).toEqual({ status: 201, body: expect.objectContaining({ incidentId }) });
      expect(await logLength(base)).toBe(head + 1);
      const stored = (await http(base, 'GET', `/incidents/${incidentId}`)).body.casualties.find((c: { eventId: string }) => c.eventId === answer.body.events[0].eventId);
      expect(stored.source).toEqual({ sourceId, excerpt });
    });

    it('an opening whose excerpt uses straight apostrophes and spans a line', async () => {
      const answer = await http(base, 'POST', '/incidents', {
        body: opening(sourceId, { source: { sourceId, excerpt: "dans la région du Gourma au Mali,\nles forces françaises de l'opération Barkhane" } }),
      });
      expect(answer.status).toBe(201);
    });
  });

  it('checks each fact of a mixed request against the source it cites', async () => {
    const answer = await recordEvents(base, incidentId, [facts.raid(sourceId), facts.fireExchanged(sourceId), facts.seized(sourceId), facts.actor(sourceId)]);
    expect(answer.status).toBe(201);
  });
});
