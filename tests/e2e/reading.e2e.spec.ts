import { RunningApp, e2eStore, http, startApp } from '../support/app';
import { casualties } from '../support/barkhane';
import { ISO_WITH_OFFSET, UUID_V7, expectError, facts, logLength, newId, openIncident, recorded, registerSource } from '../support/e2e';

const ENVELOPE_FIELDS = [
  'eventId', 'type', 'schemaVersion', 'streamId', 'streamVersion', 'globalPosition', 'recordedAt', 'recordedBy',
  'source', 'confidence', 'data', 'correlationId', 'causationId',
];
const INCIDENT_FIELDS = [
  'incidentId', 'version', 'title', 'occurred', 'location', 'operation', 'raids', 'strikes', 'fireExchanges', 'casualties',
  'materiel', 'personsFreed', 'actors', 'identifications', 'sources', 'corrections', 'openedAt', 'lastRecordedAt',
  // 1.1
  'attacks', 'detentions', 'abductions', 'sitesDiscovered', 'activities', 'links', 'withdrawn',
];
const SUMMARY_FIELDS = ['incidentId', 'title', 'occurred', 'location', 'operation', 'version', 'lastRecordedAt', 'withdrawn'];

const span = (start: string, end: string, precision = 'day') => ({ start, end, precision });
const place = (country: string) => ({ country, area: null, admin1: null, name: null, latitude: null, longitude: null, precision: 'country' });

describe('reading incidents and the log', () => {
  let server: RunningApp;
  let base: string;
  let sourceId: string;

  /** The Gourma raid, recorded in full then corrected and partly retracted. */
  const gourma = { incidentId: '', raid: '', strike: '', fire: '', casualties: '', seized: '', destroyed: '', freed: '', actor: '', identification: newId(), opening: '', countCorrection: '', titleCorrection: '' };

  beforeAll(async () => {
    server = await startApp();
    base = server.baseUrl;
    sourceId = await registerSource(base);

    gourma.incidentId = await openIncident(base, sourceId);
    const events = await recorded(base, gourma.incidentId, [
      facts.raid(sourceId), facts.strike(sourceId), facts.fireExchanged(sourceId), casualties(sourceId), facts.seized(sourceId),
      facts.destroyed(sourceId), facts.personsFreed(sourceId), facts.actor(sourceId), facts.pending(sourceId, gourma.identification),
    ]);
    [gourma.raid, gourma.strike, gourma.fire, gourma.casualties, gourma.seized, gourma.destroyed, gourma.freed, gourma.actor] =
      events.body.events.map((e: { eventId: string }) => e.eventId);
    const log = await http(base, 'GET', '/events?after=0&limit=1000');
    gourma.opening = log.body.events.find((e: { type: string; streamId: string }) => e.type === 'IncidentOpened' && e.streamId === `incident-${gourma.incidentId}`).eventId;
    const corrections = await recorded(base, gourma.incidentId, [
      facts.corrected(sourceId, gourma.casualties, { count: { best: 8, high: 9 } }),
      facts.corrected(sourceId, gourma.opening, { title: 'Heliborne raid in the Gourma' }),
      facts.retracted(sourceId, gourma.strike),
      facts.retracted(sourceId, gourma.destroyed),
    ]);
    [gourma.countCorrection, gourma.titleCorrection] = corrections.body.events.map((e: { eventId: string }) => e.eventId);
  });
  afterAll(() => server.close());

  describe('GET /incidents/{id}', () => {
    it('shows every field of the contract, with its version as ETag', async () => {
      const answer = await http(base, 'GET', `/incidents/${gourma.incidentId}`);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('etag')).toBe('"14"');
      expect(Object.keys(answer.body)).toEqual(expect.arrayContaining(INCIDENT_FIELDS));
      const { openedAt, lastRecordedAt, ...rest } = answer.body;
      expect(openedAt).toMatch(ISO_WITH_OFFSET);
      expect(lastRecordedAt).toMatch(ISO_WITH_OFFSET);
      expect(Date.parse(lastRecordedAt)).toBeGreaterThanOrEqual(Date.parse(openedAt));
      const cited = (excerpt: string) => ({ sourceId, excerpt });
      const history = await http(base, 'GET', `/incidents/${gourma.incidentId}/history`);
      const recordedAt = (eventId: string) => history.body.revisions.find((r: { eventId: string }) => r.eventId === eventId).recordedAt;
      expect(rest).toEqual({
        incidentId: gourma.incidentId,
        version: 14,
        title: 'Heliborne raid in the Gourma',
        occurred: { start: '2018-11-11T18:00:00Z', end: '2018-11-12T06:00:00Z', precision: 'night' },
        location: { country: 'ML', area: 'Gourma', admin1: null, name: null, latitude: null, longitude: null, relativeTo: null, precision: 'area' },
        operation: 'Barkhane',
        raids: [{
          force: 'French forces (Opération Barkhane)', modes: ['heliborne'], support: ['MQ-9 Reaper drone'], target: 'terrorist group',
          eventId: gourma.raid, confidence: 'confirmed', source: cited('un raid héliporté appuyé par un drone Reaper'), corrections: [],
        }],
        strikes: [],
        fireExchanges: [{
          initiatedBy: 'French forces', warningShots: true, hostileWeapons: ['light weapons', 'collective weapons'], outcome: 'riposte ended the fire',
          eventId: gourma.fire, confidence: 'confirmed', source: cited('Après des tirs de sommation effectués par les forces françaises'), corrections: [],
        }],
        casualties: [{
          side: 'hostile', status: 'neutralised', count: { low: 7, best: 8, high: 9 }, wording: 'neutraliser sept terroristes',
          eventId: gourma.casualties, confidence: 'confirmed', source: cited('neutraliser sept terroristes'),
          corrections: [{
            eventId: gourma.countCorrection, reason: 'a later communiqué', source: cited('neutraliser sept terroristes'), confidence: 'confirmed',
            recordedAt: recordedAt(gourma.countCorrection), setsConfidence: null,
          }],
        }],
        materiel: {
          seized: [
            { category: 'heavy-weapons', description: 'armes lourdes', quantity: null, eventId: gourma.seized, confidence: 'confirmed', source: cited('Des armes lourdes et légères'), corrections: [] },
            { category: 'light-weapons', description: 'armes légères', quantity: 3, eventId: gourma.seized, confidence: 'confirmed', source: cited('Des armes lourdes et légères'), corrections: [] },
          ],
          destroyed: [],
        },
        personsFreed: [{
          count: { low: 1, best: 2, high: 3 }, description: 'civilians', eventId: gourma.freed, confidence: 'confirmed', source: cited('les populations civiles'),
          corrections: [],
        }],
        actors: [{
          name: 'katiba du Gourma', kind: 'armed-group', side: 'hostile', parent: 'RVIM', founded: 2014, notes: null, aliases: [],
          eventId: gourma.actor, confidence: 'confirmed', source: cited('La katiba du Gourma est un groupe armé terroriste, créé en 2014'), corrections: [],
        }],
        identifications: [expect.objectContaining({
          identificationId: gourma.identification, person: 'Almansour Ag Alkassam', role: 'leader', group: 'katiba du Gourma', fate: null,
          status: 'pending', confidence: 'probable', decidedAt: null, decisionSource: null,
        })],
        attacks: [],
        detentions: [],
        abductions: [],
        sitesDiscovered: [],
        activities: [],
        links: [],
        withdrawn: null,
        sources: [sourceId],
        corrections: 2,
      });
    });

    it('shows corrected facts with their corrected values (a count merged field by field, the title)', async () => {
      const { body } = await http(base, 'GET', `/incidents/${gourma.incidentId}`);
      expect(body.casualties[0].count).toEqual({ low: 7, best: 8, high: 9 });
      expect(body.title).toBe('Heliborne raid in the Gourma');
    });

    it('leaves retracted facts out', async () => {
      const { body } = await http(base, 'GET', `/incidents/${gourma.incidentId}`);
      expect(body.strikes).toEqual([]);
      expect(body.materiel.destroyed).toEqual([]);
      const shownIds = JSON.stringify(body);
      expect(shownIds).not.toContain(gourma.strike);
      expect(shownIds).not.toContain(gourma.destroyed);
    });

    it('a retracted correction no longer applies', async () => {
      const incidentId = await openIncident(base, sourceId);
      const reported = await recorded(base, incidentId, [casualties(sourceId)]);
      const correction = await recorded(base, incidentId, [facts.corrected(sourceId, reported.body.events[0].eventId, { count: { best: 8, high: 8 } })]);
      expect((await http(base, 'GET', `/incidents/${incidentId}`)).body).toMatchObject({ corrections: 1, casualties: [{ count: { low: 7, best: 8, high: 8 } }] });
      await recorded(base, incidentId, [facts.retracted(sourceId, correction.body.events[0].eventId)]);
      expect((await http(base, 'GET', `/incidents/${incidentId}`)).body).toMatchObject({ corrections: 0, casualties: [{ count: { low: 7, best: 7, high: 7 } }] });
    });

    it('shows a confirmed identification as confirmed', async () => {
      const incidentId = await openIncident(base, sourceId);
      const identificationId = newId();
      await recorded(base, incidentId, [facts.pending(sourceId, identificationId), facts.confirmed(sourceId, identificationId)]);
      const { body } = await http(base, 'GET', `/incidents/${incidentId}`);
      expect(body.identifications).toEqual([expect.objectContaining({ identificationId, status: 'confirmed', confidence: 'probable' })]);
    });

    it('shows the incident as it was at an earlier version (atVersion)', async () => {
      const answer = await http(base, 'GET', `/incidents/${gourma.incidentId}?atVersion=1`);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('etag')).toBe('"1"');
      expect(answer.body).toMatchObject({ version: 1, title: 'Raid against a terrorist group in the Gourma', casualties: [], raids: [], corrections: 0 });
    });

    it('answers 404 as of a time before the incident existed', async () => {
      expectError(await http(base, 'GET', `/incidents/${gourma.incidentId}?asOf=2018-11-13T00:00:00Z`), 404, 'Not Found');
    });

    it('answers 404 for an incident that does not exist, and 400 for an id that is not a UUID', async () => {
      expectError(await http(base, 'GET', `/incidents/${newId()}`), 404, 'Not Found', /does not exist/);
      expectError(await http(base, 'GET', '/incidents/gourma'), 400, 'Bad Request', 'incidentId must be a UUID');
    });
  });

  describe('GET /incidents', () => {
    /** Name → incidentId of the incidents opened for the filters below, besides the Gourma raid. */
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      const open = async (name: string, overrides: Record<string, unknown>, events: unknown[] = []) => {
        ids[name] = await openIncident(base, sourceId, { title: name, ...overrides });
        if (events.length > 0) await recorded(base, ids[name], events);
      };
      await open('Niger, March 2019', { occurred: span('2019-03-01T00:00:00Z', '2019-03-01T23:59:59Z'), location: place('NE') });
      await open('Niger, March 2019 (second)', { occurred: span('2019-03-01T00:00:00Z', '2019-03-02T12:00:00Z'), location: place('NE') });
      await open('Niger, March 2019 (third)', { occurred: span('2019-03-01T00:00:00Z', '2019-03-01T01:00:00Z'), location: place('NE') });
      await open('Mali, June 2020', { occurred: span('2020-06-01T00:00:00Z', '2020-06-02T00:00:00Z'), location: place('ML'), operation: 'Sabre' },
        [facts.actor(sourceId, { name: 'RVIM', parent: undefined, founded: 2017 })]);
      await open('Burkina Faso, night of 12 Nov 2018', { occurred: span('2018-11-12T03:00:00Z', '2018-11-12T03:30:00Z', 'hour'), location: place('BF'), operation: null });
      await open('Mali, January 2013', { occurred: span('2013-01-11T00:00:00Z', '2013-01-11T23:00:00Z'), location: place('ML'), operation: 'Serval' });
      ids.gourma = gourma.incidentId;
    });

    /** Every incident of the spec, whatever other tests opened. */
    const listed = async (query: string): Promise<string[]> => {
      const answer = await http(base, 'GET', `/incidents?limit=500${query ? `&${query}` : ''}`);
      expect(answer.status).toBe(200);
      return answer.body.items.map((i: { incidentId: string }) => i.incidentId);
    };
    const named = (...names: string[]) => names.map((n) => ids[n]).sort();
    const only = async (query: string) => (await listed(query)).filter((id) => Object.values(ids).includes(id)).sort();

    it('lists incidents as { items, nextCursor }, each item a summary', async () => {
      const answer = await http(base, 'GET', '/incidents?limit=500');
      expect(answer.body.nextCursor).toBeNull();
      const item = answer.body.items.find((i: { incidentId: string }) => i.incidentId === gourma.incidentId);
      expect(Object.keys(item).sort()).toEqual([...SUMMARY_FIELDS].sort());
      expect(item).toEqual({
        incidentId: gourma.incidentId,
        title: 'Heliborne raid in the Gourma',
        occurred: { start: '2018-11-11T18:00:00Z', end: '2018-11-12T06:00:00Z', precision: 'night' },
        location: { country: 'ML', area: 'Gourma', admin1: null, name: null, latitude: null, longitude: null, relativeTo: null, precision: 'area' },
        operation: 'Barkhane',
        version: 14,
        lastRecordedAt: expect.stringMatching(ISO_WITH_OFFSET),
        withdrawn: false,
      });
    });

    it('filters by country', async () => {
      expect(await only('country=ML')).toEqual(named('gourma', 'Mali, June 2020', 'Mali, January 2013'));
      expect(await only('country=NE')).toEqual(named('Niger, March 2019', 'Niger, March 2019 (second)', 'Niger, March 2019 (third)'));
      expect(await listed('country=TD')).toEqual([]);
    });

    it('filters by operation, whatever its case', async () => {
      expect(await only('operation=Serval')).toEqual(named('Mali, January 2013'));
      expect(await only('operation=sabre')).toEqual(named('Mali, June 2020'));
    });

    it('filters by actor, whatever its case and spacing', async () => {
      expect(await only('actor=katiba%20du%20Gourma')).toEqual(named('gourma'));
      expect(await only('actor=KATIBA%20%20du%20gourma')).toEqual(named('gourma'));
      expect(await only('actor=RVIM')).toEqual(named('Mali, June 2020'));
      expect(await listed('actor=MUJAO')).toEqual([]);
    });

    it('filters by when it happened: from/to keep every incident whose time span overlaps them', async () => {
      // The Gourma night began before `from` but was still going on.
      expect(await only('from=2018-11-12T00:00:00Z&to=2018-11-12T05:00:00Z')).toEqual(named('gourma', 'Burkina Faso, night of 12 Nov 2018'));
      expect(await only('from=2018-11-12T05:00:00Z&to=2018-12-31T00:00:00Z')).toEqual(named('gourma'));
      expect(await only('to=2018-11-11T19:00:00Z')).toEqual(named('gourma', 'Mali, January 2013'));
      expect(await only('from=2019-03-02T00:00:00Z')).toEqual(named('Niger, March 2019 (second)', 'Mali, June 2020'));
      expect(await only('from=2021-01-01T00:00:00Z')).toEqual([]);
    });

    it('compares from/to as instants, whatever offset they are written with', async () => {
      expect(await only('from=2018-11-12T07:00:00%2B02:00&to=2018-12-31T00:00:00Z')).toEqual(named('gourma'));
    });

    it('combines filters', async () => {
      expect(await only('country=ML&operation=Barkhane')).toEqual(named('gourma'));
      expect(await only('country=ML&from=2019-01-01T00:00:00Z')).toEqual(named('Mali, June 2020'));
    });

    it('pages with limit and cursor, newest first, returning every incident exactly once', async () => {
      const all = await listed('');
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: { status: number; body: { items: { incidentId: string; occurred: { start: string } }[]; nextCursor: string | null } } =
          await http(base, 'GET', `/incidents?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items.map((i) => i.incidentId));
        cursor = page.body.nextCursor;
        pages++;
      } while (cursor !== null && pages < 100);
      expect(seen).toHaveLength(new Set(seen).size);
      expect([...seen].sort()).toEqual([...all].sort());
      expect(seen).toEqual(all);
      expect(pages).toBe(Math.ceil(all.length / 2));
    });

    it('pages through a filtered list, ordering incidents that began at the same time by id', async () => {
      const first = await http(base, 'GET', '/incidents?country=NE&limit=1');
      const second = await http(base, 'GET', `/incidents?country=NE&limit=1&cursor=${first.body.nextCursor}`);
      const third = await http(base, 'GET', `/incidents?country=NE&limit=1&cursor=${second.body.nextCursor}`);
      const seen = [first, second, third].flatMap((p) => p.body.items.map((i: { incidentId: string }) => i.incidentId));
      // All three began at 2019-03-01T00:00:00Z.
      expect(seen).toEqual(named('Niger, March 2019', 'Niger, March 2019 (second)', 'Niger, March 2019 (third)').reverse());
      expect(third.body.nextCursor).toBeNull();
    });

    it('answers 400 for a cursor it did not make', async () => {
      expectError(await http(base, 'GET', '/incidents?cursor=not%20a%20cursor!'), 400, 'Bad Request', /^cursor /);
      expectError(await http(base, 'GET', '/incidents?cursor=abc'), 400, 'Bad Request', /^cursor /);
      expectError(await http(base, 'GET', `/incidents?cursor=${Buffer.from('{"a":1}').toString('base64url')}`), 400, 'Bad Request', /^cursor /);
    });

    it('answers 400 for a bad filter or limit, naming it', async () => {
      expectError(await http(base, 'GET', '/incidents?limit=0'), 400, 'Bad Request', /^limit /);
      expectError(await http(base, 'GET', '/incidents?limit=many'), 400, 'Bad Request', /^limit /);
      expectError(await http(base, 'GET', '/incidents?country=Mali'), 400, 'Bad Request', /^country /);
      expectError(await http(base, 'GET', '/incidents?from=last%20week'), 400, 'Bad Request', /^from /);
      expectError(await http(base, 'GET', '/incidents?colour=red'), 400, 'Bad Request', 'colour is not a known field');
    });
  });

  describe('GET /events', () => {
    it('pages through the global log in order: every event exactly once, and lastPosition to continue from', async () => {
      const head = await logLength(base);
      const positions: number[] = [];
      let after = 0;
      for (;;) {
        const page = await http(base, 'GET', `/events?after=${after}&limit=5`);
        expect(page.status).toBe(200);
        expect(page.body.events.length).toBeLessThanOrEqual(5);
        if (page.body.events.length === 0) {
          expect(page.body.lastPosition).toBe(after);
          break;
        }
        positions.push(...page.body.events.map((e: { globalPosition: number }) => e.globalPosition));
        expect(page.body.lastPosition).toBe(page.body.events.at(-1).globalPosition);
        after = page.body.lastPosition;
      }
      expect(positions).toEqual(Array.from({ length: head }, (_, i) => i + 1));
    });

    it('gives each event an envelope with every field of the contract', async () => {
      const correlationId = `reading-spec-${newId()}`;
      const incidentId = await openIncident(base, sourceId);
      const answer = await http(base, 'POST', `/incidents/${incidentId}/events`, {
        body: { events: [{ ...casualties(sourceId), confidence: 'probable' }] },
        headers: { 'X-Correlation-Id': correlationId },
      });
      const { globalPosition, eventId } = answer.body.events[0];
      const page = await http(base, 'GET', `/events?after=${globalPosition - 1}&limit=1`);
      expect(page.body.lastPosition).toBe(globalPosition);
      const [envelope] = page.body.events;
      expect(Object.keys(envelope).sort()).toEqual([...ENVELOPE_FIELDS].sort());
      expect(envelope).toEqual({
        eventId,
        type: 'CasualtiesReported',
        schemaVersion: 1,
        streamId: `incident-${incidentId}`,
        streamVersion: 2,
        globalPosition,
        recordedAt: expect.stringMatching(ISO_WITH_OFFSET),
        recordedBy: 'local',
        source: casualties(sourceId).source,
        confidence: 'probable',
        data: casualties(sourceId).data,
        correlationId,
        causationId: null,
      });
    });

    it('lists each envelope\'s fields in the order the contract gives them', async () => {
      const page = await http(base, 'GET', '/events?after=0&limit=3');
      for (const envelope of page.body.events) expect(Object.keys(envelope)).toEqual(ENVELOPE_FIELDS);
    });

    it('records a source as an event too, with no provenance of its own', async () => {
      const [first] = (await http(base, 'GET', '/events?after=0&limit=1')).body.events;
      expect(first).toMatchObject({ globalPosition: 1, streamVersion: 1, source: null, confidence: null, recordedBy: 'local', eventId: expect.stringMatching(UUID_V7) });
      expect(first.data).toMatchObject({ sourceId });
    });

    it('answers an empty page at the head', async () => {
      const head = await logLength(base);
      expect((await http(base, 'GET', `/events?after=${head}`)).body).toEqual({ events: [], lastPosition: head });
    });

    it('answers 400 for a bad after or limit', async () => {
      expectError(await http(base, 'GET', '/events?after=-1'), 400, 'Bad Request', /^after /);
      expectError(await http(base, 'GET', '/events?limit=0'), 400, 'Bad Request', /^limit /);
      expectError(await http(base, 'GET', '/events?limit=1001'), 400, 'Bad Request', /^limit /);
      expectError(await http(base, 'GET', '/events?after=first'), 400, 'Bad Request', /^after /);
    });
  });

  it('GET /health answers ok with the store and the head of the log', async () => {
    const log = await http(base, 'GET', '/events?after=0&limit=1000');
    expect(log.body.events.length).toBeLessThan(1000);
    const answer = await http(base, 'GET', '/health');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ status: 'ok', store: e2eStore(), headPosition: log.body.lastPosition });
  });

  it('GET /incidents lists an incident the moment it is opened', async () => {
    const incidentId = await openIncident(base, sourceId, { occurred: span('2024-01-01T00:00:00Z', '2024-01-01T01:00:00Z') });
    const first = await http(base, 'GET', '/incidents?limit=1');
    expect(first.body.items[0].incidentId).toBe(incidentId);
  });

  it('opening with an explicit null operation lists it with operation null', async () => {
    const incidentId = await openIncident(base, sourceId, { operation: null, occurred: span('2010-01-01T00:00:00Z', '2010-01-01T01:00:00Z'), location: place('TD') });
    const { body } = await http(base, 'GET', `/incidents?country=TD`);
    expect(body.items).toEqual([expect.objectContaining({ incidentId, operation: null })]);
    expect((await http(base, 'GET', `/incidents/${incidentId}`)).body.operation).toBeNull();
  });

  it('an incident opened with its own source cites it', async () => {
    const other = await registerSource(base, { title: 'Other', text: 'Opération Sabre : frappe aérienne près de Ménaka.' });
    const incidentId = await openIncident(base, other, { source: { sourceId: other, excerpt: 'frappe aérienne près de Ménaka' } });
    await recorded(base, incidentId, [casualties(sourceId)]);
    expect((await http(base, 'GET', `/incidents/${incidentId}`)).body.sources.sort()).toEqual([other, sourceId].sort());
  });
});
