import { RunningApp, http } from '../support/app';
import { BARKHANE_INCIDENT_ID, barkhaneImport, casualties, opening } from '../support/barkhane';
import { expectError, logLength, newId, openIncident, recordEvents, registerSource, startAppWithIncident } from '../support/e2e';

/** Input an outside checker sends on purpose: odd shapes, odd numbers, odd ids, odd typography. */
describe('hostile and unusual input', () => {
  let server: RunningApp;
  let base: string;
  let sourceId: string;
  let incidentId: string;

  beforeAll(async () => {
    ({ server, base, sourceId, incidentId } = await startAppWithIncident());
  });
  afterAll(() => server.close());

  /** The answer is the expected 4xx naming the field, and nothing was written. */
  async function refused(send: () => ReturnType<typeof http>, status: number, error: string, message: string | RegExp) {
    const before = await logLength(base);
    expectError(await send(), status, error, message);
    expect(await logLength(base)).toBe(before);
  }

  describe('shapes', () => {
    it('refuses materiel items that are arrays, not objects (400), so no projection ever chokes on them', () =>
      refused(
        () => recordEvents(base, incidentId, [{ type: 'MaterielSeized', data: { items: [[]] }, source: casualties(sourceId).source }]),
        400, 'Bad Request', 'events.0.data.items each element of items must be an object',
      ));

    it('refuses events that are arrays (400, not 500)', () =>
      refused(() => http(base, 'POST', `/incidents/${incidentId}/events`, { body: { events: [[]] } }), 400, 'Bad Request', /^events /));

    it('refuses import incidents that are arrays (400, not 500)', () =>
      refused(() => http(base, 'POST', '/imports', { body: { ...barkhaneImport(), incidents: [[]] } }), 400, 'Bad Request', /^incidents /));

    it('refuses fields named like Object.prototype members, anywhere', () =>
      refused(
        () => http(base, 'POST', '/incidents', { body: { ...opening(sourceId), location: { country: 'ML', precision: 'area', constructor: 1 } } }),
        400, 'Bad Request', 'location.constructor is not a known field',
      ));
  });

  describe('numbers and times', () => {
    it('takes a null bound of a count as "not given" (1.1), and reads it back as null, never as a figure', async () => {
      const answer = await recordEvents(base, incidentId, [{ ...casualties(sourceId), data: { ...casualties(sourceId).data, count: { low: null, best: 3 } } }]);
      expect(answer.status).toBe(201);
      const { body } = await http(base, 'GET', `/incidents/${incidentId}`);
      const shown = body.casualties.find((c: { eventId: string }) => c.eventId === answer.body.events[0].eventId);
      expect(shown.count).toEqual({ low: null, best: 3, high: null });
    });

    it('refuses a count whose only figures are null (400): it says nothing', () =>
      refused(
        () => recordEvents(base, incidentId, [{ ...casualties(sourceId), data: { ...casualties(sourceId).data, count: { low: null, best: null } } }]),
        400, 'Bad Request', 'events.0.data.count must give at least one of low, best, high',
      ));

    it('refuses a count beyond exact integers', () =>
      refused(
        () => recordEvents(base, incidentId, [{ ...casualties(sourceId), data: { ...casualties(sourceId).data, count: { best: 1e300 } } }]),
        400, 'Bad Request', /^events\.0\.data\.count\.best must be at most/,
      ));

    it.each(['2018-W45-7T18:00:00Z', '2018-315T18:00:00Z', '2018-02-30T00:00:00Z', '2018-11-11T18:00:00'])(
      'refuses occurred.start %s with one reason (400)',
      (start) =>
        refused(
          () => http(base, 'POST', '/incidents', { body: opening(sourceId, { occurred: { start, end: '2018-11-12T06:00:00Z', precision: 'night' } }) }),
          400, 'Bad Request', /^occurred\.start must be an ISO 8601 date-time with a time zone offset/,
        ),
    );

    it.each([['/incidents?from=2018-W45-7T18:00:00Z', 'from'], ['/stats/casualties?asOf=2018-315', 'asOf'], ['/stats/materiel?asOf=20181111', 'asOf']])(
      'answers %s with 400 naming the parameter, not 500',
      async (path, parameter) => expectError(await http(base, 'GET', path), 400, 'Bad Request', new RegExp(`^${parameter} must be an ISO 8601 date`)),
    );

    it('takes a date-time with a +05:30 offset and a bare date as asOf', async () => {
      expect((await http(base, 'GET', '/stats/casualties?asOf=2030-01-01T10:00:00%2B05:30')).status).toBe(200);
      expect((await http(base, 'GET', '/stats/casualties?asOf=2030-01-01')).status).toBe(200);
    });
  });

  describe('ids and text', () => {
    it('treats a UUID typed in capitals as the same id', async () => {
      const id = newId();
      const first = await http(base, 'POST', '/incidents', { body: opening(sourceId, { incidentId: id.toUpperCase() }) });
      expect(first.status).toBe(201);
      expect(first.body.incidentId).toBe(id);
      expect((await http(base, 'POST', '/incidents', { body: opening(sourceId, { incidentId: id }) })).status).toBe(200);
      expect((await http(base, 'GET', `/incidents/${id.toUpperCase()}`)).body.incidentId).toBe(id);
    });

    it('shows every location field, null when not given', async () => {
      const id = await openIncident(base, sourceId, { location: { country: 'ML', precision: 'country' } });
      expect((await http(base, 'GET', `/incidents/${id}`)).body.location).toEqual({
        country: 'ML', area: null, admin1: null, name: null, latitude: null, longitude: null, relativeTo: null, precision: 'country',
      });
    });

    it('refuses a correction to a lower-case country (422) rather than store one no filter finds', async () => {
      const { body } = await http(base, 'GET', `/incidents/${incidentId}/history`);
      const openingId = body.revisions[0].eventId;
      await refused(
        () => recordEvents(base, incidentId, [{
          type: 'FactCorrected', data: { correctsEventId: openingId, data: { location: { country: 'ne' } }, reason: 'moved' }, source: casualties(sourceId).source,
        }]),
        422, 'Unprocessable Entity', /^events\.0\.data\.data\.location\.country must be an ISO 3166-1 alpha-2 code in capitals/,
      );
    });

    it('finds an excerpt typed with plain quotes in a text that uses French guillemets with no-break spaces', async () => {
      const text = 'Le porte-parole a parlé d’une « neutralisation » de sept combattants.';
      const quoted = await registerSource(base, { text, title: 'Guillemets' });
      const answer = await recordEvents(base, incidentId, [{ ...casualties(quoted), source: { sourceId: quoted, excerpt: 'd\'une "neutralisation" de sept' } }]);
      expect(answer.status).toBe(201);
    });
  });

  describe('imports that would conflict write nothing at all', () => {
    it('refuses an event id named twice in one document (400), not even storing the source', async () => {
      const document = barkhaneImport();
      document.source.text += '\nUne autre version.';
      const second = { ...document.incidents[0], incidentId: newId(), events: [document.incidents[0].events[0]] };
      await refused(() => http(base, 'POST', '/imports', { body: { ...document, incidents: [document.incidents[0], second] } }), 400, 'Bad Request', /^incidents\.1\.events\.0\.eventId repeats incidents\.0\.events\.0\.eventId/);
    });

    it('refuses an event id already stored in another incident (409, naming it), not even storing the source', async () => {
      await http(base, 'POST', '/imports', { body: barkhaneImport() });
      const document = barkhaneImport();
      document.source.text += '\nUne version révisée.';
      const reused = { ...document.incidents[0], incidentId: newId() };
      await refused(() => http(base, 'POST', '/imports', { body: { ...document, incidents: [reused] } }), 409, 'Conflict', new RegExp(`^incidents\\.0\\.events\\.0\\.eventId .* already stored in another stream \\(incident-${BARKHANE_INCIDENT_ID}\\)`));
    });
  });
});
