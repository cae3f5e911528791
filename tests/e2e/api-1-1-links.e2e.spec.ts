/**
 * API 1.1 over real HTTP: links between incidents (shown on both), withdrawn incidents, the new
 * filters of GET /incidents, and reading at a version the incident never reached.
 */
import { RunningApp, http, startApp } from '../support/app';
import { casualties } from '../support/barkhane';
import {
  expectError, facts, logUnchanged, newId, openIncident, openSahelIncident, readIncident, recordEvents, recorded, registerSahelSource, registerSource, sahel,
} from '../support/e2e';

describe('API 1.1: links, withdrawals and the new reads', () => {
  let server: RunningApp;
  let base: string;
  let barkhane: string;
  let source: string;

  beforeAll(async () => {
    server = await startApp();
    base = server.baseUrl;
    barkhane = await registerSource(base);
    source = await registerSahelSource(base);
  });
  afterAll(() => server.close());

  const read = (incidentId: string, query = '') => readIncident(base, incidentId, query);
  const eventIdOf = async (incidentId: string, events: unknown[]): Promise<string> => (await recorded(base, incidentId, events)).body.events[0].eventId;
  const listed = async (query = ''): Promise<{ incidentId: string; withdrawn: boolean }[]> => {
    const answer = await http(base, 'GET', `/incidents?limit=500${query}`);
    expect(answer.status).toBe(200);
    return answer.body.items;
  };
  const listedIds = async (query = '') => (await listed(query)).map((i) => i.incidentId);

  async function refused(send: () => ReturnType<typeof http>, status: 400 | 404 | 422, ...messages: (string | RegExp)[]) {
    const unchanged = await logUnchanged(base);
    expectError(await send(), status, { 400: 'Bad Request', 404: 'Not Found', 422: 'Unprocessable Entity' }[status], ...messages);
    await unchanged();
  }

  describe('IncidentLinked: shown on both incidents', () => {
    let a: string;
    let b: string;
    let link: string;

    beforeAll(async () => {
      a = await openIncident(base, barkhane);
      b = await openSahelIncident(base, source);
      link = await eventIdOf(b, [sahel.linked(source, a, 'follows', 'the operation after the Gourma raid')]);
    });

    it('the incident it was recorded on shows it outbound, with its provenance', async () => {
      expect((await read(b)).links).toEqual([
        { incidentId: a, relation: 'follows', note: 'the operation after the Gourma raid', eventId: link, direction: 'outbound' },
      ]);
    });

    it('the other incident shows it inbound, naming the incident that recorded it', async () => {
      expect((await read(a)).links).toEqual([
        { incidentId: b, relation: 'follows', note: 'the operation after the Gourma raid', eventId: link, direction: 'inbound' },
      ]);
    });

    it('a link with no note shows note null', async () => {
      const c = await openSahelIncident(base, source);
      const eventId = await eventIdOf(c, [sahel.linked(source, a, 'related')]);
      expect((await read(c)).links).toEqual([expect.objectContaining({ incidentId: a, relation: 'related', note: null, eventId })]);
      expect((await read(a)).links).toEqual(expect.arrayContaining([{ incidentId: c, relation: 'related', note: null, eventId, direction: 'inbound' }]));
    });

    it('retracting the link removes it from both incidents', async () => {
      const x = await openIncident(base, barkhane);
      const y = await openSahelIncident(base, source);
      const eventId = await eventIdOf(y, [sahel.linked(source, x, 'part-of')]);
      expect((await read(x)).links).toHaveLength(1);
      await recorded(base, y, [sahel.retracted(source, eventId, 'not the same operation')]);
      expect((await read(y)).links).toEqual([]);
      expect((await read(x)).links).toEqual([]);
      // …but each incident read before the retraction still shows it.
      expect((await read(y, '?atVersion=2')).links).toEqual([expect.objectContaining({ incidentId: x, eventId })]);
    });

    it('the linked incident read as of a version before the link was recorded does not show it', async () => {
      const x = await openIncident(base, barkhane);
      await recorded(base, x, [casualties(barkhane)]);
      const y = await openSahelIncident(base, source);
      await recorded(base, y, [sahel.linked(source, x, 'related')]);
      expect((await read(x, '?atVersion=1')).links).toEqual([]);
      expect((await read(x)).links).toHaveLength(1);
    });

    it('a correction that points the link at another incident moves the inbound link there', async () => {
      const x = await openIncident(base, barkhane);
      const z = await openIncident(base, barkhane);
      const y = await openSahelIncident(base, source);
      const eventId = await eventIdOf(y, [sahel.linked(source, x, 'related')]);
      await recorded(base, y, [facts.corrected(source, eventId, { incidentId: z, relation: 'part-of' }, { excerpt: 'Un bilan consolidé' })]);
      expect((await read(y)).links).toEqual([expect.objectContaining({ incidentId: z, relation: 'part-of', eventId, direction: 'outbound' })]);
      expect((await read(x)).links).toEqual([]);
      expect((await read(z)).links).toEqual([{ incidentId: y, relation: 'part-of', note: null, eventId, direction: 'inbound' }]);
    });

    it('links recorded in both directions show twice on each side, once outbound and once inbound', async () => {
      const x = await openIncident(base, barkhane);
      const y = await openSahelIncident(base, source);
      const fromY = await eventIdOf(y, [sahel.linked(source, x, 'follows')]);
      const fromX = await eventIdOf(x, [sahel.linked(source, y, 'related')]);
      expect((await read(x)).links).toEqual([
        { incidentId: y, relation: 'related', note: null, eventId: fromX, direction: 'outbound' },
        { incidentId: y, relation: 'follows', note: null, eventId: fromY, direction: 'inbound' },
      ]);
      expect((await read(y)).links).toEqual([
        { incidentId: x, relation: 'follows', note: null, eventId: fromY, direction: 'outbound' },
        { incidentId: x, relation: 'related', note: null, eventId: fromX, direction: 'inbound' },
      ]);
    });

    it('refuses a link to an incident that does not exist (422 naming incidentId), writing nothing', () =>
      refused(() => recordEvents(base, b, [sahel.linked(source, newId())]), 422, /^events\.0\.data\.incidentId names no incident that exists/));

    it('refuses a link of an incident to itself (422 naming incidentId), writing nothing', () =>
      refused(() => recordEvents(base, b, [sahel.linked(source, b)]), 422, 'events.0.data.incidentId names this incident itself'));

    it('refuses a link whose incidentId is not a UUID (400)', () =>
      refused(() => recordEvents(base, b, [sahel.linked(source, 'gourma')]), 400, 'events.0.data.incidentId must be a UUID'));

    it('refuses a correction that would point a link at an unknown incident (422), writing nothing', () =>
      refused(() => recordEvents(base, b, [facts.corrected(source, link, { incidentId: newId() }, { excerpt: 'Un bilan consolidé' })]), 422, /^events\.0\.data\.data\.incidentId names no incident/));
  });

  describe('IncidentWithdrawn', () => {
    let original: string;
    let duplicate: string;
    let withdrawal: string;

    beforeAll(async () => {
      original = await openSahelIncident(base, source, { title: 'Convoy attacked east of Tessalit' });
      duplicate = await openSahelIncident(base, source, { title: 'Convoy attacked east of Tessalit (recorded twice)' });
      await recorded(base, duplicate, [sahel.casualties(source, { low: 2 })]);
      withdrawal = await eventIdOf(duplicate, [sahel.withdrawn(source, 'recorded twice', original)]);
    });

    it('leaves GET /incidents', async () => {
      const ids = await listedIds();
      expect(ids).toContain(original);
      expect(ids).not.toContain(duplicate);
    });

    it('comes back with includeWithdrawn=true, marked withdrawn: true (the others false)', async () => {
      const items = await listed('&includeWithdrawn=true');
      expect(items.find((i) => i.incidentId === duplicate)).toMatchObject({ incidentId: duplicate, withdrawn: true, version: 3 });
      expect(items.find((i) => i.incidentId === original)).toMatchObject({ withdrawn: false });
      expect((await listed('&includeWithdrawn=false')).map((i) => i.incidentId)).not.toContain(duplicate);
    });

    it('answers 400 for an includeWithdrawn that is not true or false', async () => {
      expectError(await http(base, 'GET', '/incidents?includeWithdrawn=maybe'), 400, 'Bad Request', /^includeWithdrawn /);
    });

    it('is still readable by id, with withdrawn { reason, duplicateOf, eventId } and its facts', async () => {
      const incident = await read(duplicate);
      expect(incident.withdrawn).toEqual({ reason: 'recorded twice', duplicateOf: original, eventId: withdrawal });
      expect(incident.casualties).toHaveLength(1);
      expect((await read(original)).withdrawn).toBeNull();
      const history = (await http(base, 'GET', `/incidents/${duplicate}/history`)).body.revisions;
      expect(history.map((r: { type: string }) => r.type)).toEqual(['IncidentOpened', 'CasualtiesReported', 'IncidentWithdrawn']);
    });

    it.each([
      ['casualties', () => sahel.casualties(source, { best: 3 })],
      ['an attack', () => sahel.attack(source)],
      ['a link', () => sahel.linked(source, newId())],
      ['a second withdrawal', () => sahel.withdrawn(source, 'again')],
    ])('takes no further fact: %s is 422, and nothing is written', (_case, event) =>
      refused(() => recordEvents(base, duplicate, [event()]), 422, /^events\.0\.type cannot be recorded: the incident is withdrawn/));

    it('refuses a correction or a retraction of another of its facts (422)', async () => {
      const casualty = (await read(duplicate)).casualties[0].eventId;
      await refused(() => recordEvents(base, duplicate, [facts.corrected(source, casualty, { count: { best: 2 } }, { excerpt: 'Un bilan consolidé' })]), 422, /withdrawn/);
      await refused(() => recordEvents(base, duplicate, [sahel.retracted(source, casualty)]), 422, /withdrawn/);
    });

    it('refuses a withdrawal as a duplicate of an unknown incident (422 naming duplicateOf), writing nothing', async () => {
      const other = await openSahelIncident(base, source);
      await refused(() => recordEvents(base, other, [sahel.withdrawn(source, 'duplicate', newId())]), 422, /^events\.0\.data\.duplicateOf names no incident that exists/);
      await refused(() => recordEvents(base, other, [sahel.withdrawn(source, 'duplicate', other)]), 422, 'events.0.data.duplicateOf names this incident itself');
      expect((await read(other)).withdrawn).toBeNull();
    });

    it('a withdrawal with no duplicateOf shows duplicateOf null', async () => {
      const other = await openSahelIncident(base, source);
      const eventId = await eventIdOf(other, [sahel.withdrawn(source, 'not an incident')]);
      expect((await read(other)).withdrawn).toEqual({ reason: 'not an incident', duplicateOf: null, eventId });
    });

    it('a retraction of the withdrawal is accepted (201) and brings it back to the list, taking facts again', async () => {
      const other = await openSahelIncident(base, source);
      const eventId = await eventIdOf(other, [sahel.withdrawn(source, 'by mistake')]);
      expect(await listedIds()).not.toContain(other);
      const answer = await recordEvents(base, other, [sahel.retracted(source, eventId)]);
      expect(answer.status).toBe(201);
      expect((await read(other)).withdrawn).toBeNull();
      expect((await listed()).find((i) => i.incidentId === other)).toMatchObject({ withdrawn: false });
      expect((await recordEvents(base, other, [sahel.attack(source)])).status).toBe(201);
      // Read as it was while withdrawn, it shows the withdrawal.
      expect((await read(other, '?atVersion=2')).withdrawn).toEqual({ reason: 'by mistake', duplicateOf: null, eventId });
    });

    it('its casualties leave the tallies, and come back when the withdrawal is retracted', async () => {
      const country = 'TD';
      const other = await openSahelIncident(base, source, { location: { country, precision: 'country' } });
      await recorded(base, other, [sahel.casualties(source, { best: 5 })]);
      const tally = async () => (await http(base, 'GET', `/stats/casualties?country=${country}`)).body.groups;
      expect(await tally()).toEqual([expect.objectContaining({ best: 5, reports: 1 })]);
      const eventId = await eventIdOf(other, [sahel.withdrawn(source, 'duplicate')]);
      expect(await tally()).toEqual([]);
      await recorded(base, other, [sahel.retracted(source, eventId)]);
      expect(await tally()).toEqual([expect.objectContaining({ best: 5, reports: 1 })]);
    });
  });

  describe('GET /incidents?sourceId=', () => {
    it('lists the incidents citing that source, by any fact', async () => {
      const own = await registerSource(base, { title: 'Sabre', text: `Opération Sabre : frappe aérienne près de Ménaka (${newId()}).` });
      const openedWithIt = await openIncident(base, own, { source: { sourceId: own, excerpt: 'frappe aérienne près de Ménaka' } });
      const citingIt = await openIncident(base, barkhane);
      await recorded(base, citingIt, [{ ...casualties(barkhane), source: { sourceId: own, excerpt: 'Opération Sabre' } }]);
      await openIncident(base, barkhane);
      expect((await listedIds(`&sourceId=${own}`)).sort()).toEqual([openedWithIt, citingIt].sort());
      expect(await listedIds(`&sourceId=${newId()}`)).toEqual([]);
      expectError(await http(base, 'GET', '/incidents?sourceId=barkhane'), 400, 'Bad Request', /^sourceId /);
    });

    it('lists an incident while a fact in force cites the source, and no longer once none does', async () => {
      const own = await registerSource(base, { title: 'Sabre', text: `Opération Sabre : deux frappes près de Ménaka (${newId()}).` });
      const incidentId = await openIncident(base, barkhane);
      const citing = { ...casualties(barkhane), source: { sourceId: own, excerpt: 'Opération Sabre' } };
      const first = await eventIdOf(incidentId, [citing]);
      const second = await eventIdOf(incidentId, [citing]);
      expect(await listedIds(`&sourceId=${own}`)).toEqual([incidentId]);
      await recorded(base, incidentId, [facts.retracted(barkhane, first)]);
      expect(await listedIds(`&sourceId=${own}`)).toEqual([incidentId]);
      await recorded(base, incidentId, [facts.retracted(barkhane, second)]);
      expect(await listedIds(`&sourceId=${own}`)).toEqual([]);
      expect(await listedIds(`&sourceId=${barkhane}`)).toContain(incidentId);
    });

    it('combines with includeWithdrawn', async () => {
      const own = await registerSource(base, { title: 'Withdrawn', text: `Un incident enregistré par erreur (${newId()}).` });
      const incidentId = await openIncident(base, own, { source: { sourceId: own, excerpt: 'Un incident enregistré par erreur' } });
      await recorded(base, incidentId, [{ ...sahel.withdrawn(source, 'by mistake'), source: { sourceId: own, excerpt: 'par erreur' } }]);
      expect(await listedIds(`&sourceId=${own}`)).toEqual([]);
      expect(await listedIds(`&sourceId=${own}&includeWithdrawn=true`)).toEqual([incidentId]);
    });
  });

  describe('GET /incidents/{id}?atVersion=', () => {
    it('answers the current version, and 404 beyond it (not the current state)', async () => {
      const incidentId = await openIncident(base, barkhane);
      await recorded(base, incidentId, [casualties(barkhane)]);
      const at2 = await http(base, 'GET', `/incidents/${incidentId}?atVersion=2`);
      expect(at2.status).toBe(200);
      expect(at2.headers.get('etag')).toBe('"2"');
      expectError(await http(base, 'GET', `/incidents/${incidentId}?atVersion=3`), 404, 'Not Found', /version 3/);
      expectError(await http(base, 'GET', `/incidents/${incidentId}?atVersion=1000`), 404, 'Not Found');
    });

    it('answers 400 for an atVersion that is not a positive integer', async () => {
      const incidentId = await openIncident(base, barkhane);
      expectError(await http(base, 'GET', `/incidents/${incidentId}?atVersion=0`), 400, 'Bad Request', /^atVersion /);
      expectError(await http(base, 'GET', `/incidents/${incidentId}?atVersion=two`), 400, 'Bad Request', /^atVersion /);
    });
  });
});
