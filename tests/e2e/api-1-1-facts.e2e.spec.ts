/**
 * API 1.1 over real HTTP: what real communiqués say (vague counts, parts of a day, places
 * relative to a town, the new event types) and the changed ones (raids, strikes, exchanges of
 * fire, identifications, actors, corrections). Every refused request is checked to write nothing.
 */
import { RunningApp, http, startApp } from '../support/app';
import { casualties } from '../support/barkhane';
import {
  ISO_WITH_OFFSET, SAHEL_TEXT, UUID_V7, expectError, facts, logUnchanged, newId, openIncident, openSahelIncident, readIncident, recordEvents, recorded, registerSahelSource,
  registerSource, sahel, sahelSource, shown,
} from '../support/e2e';

type Receipt = { eventId: string; type: string; streamVersion: number; globalPosition: number };

describe('API 1.1: recording what real communiqués say', () => {
  let server: RunningApp;
  let base: string;
  /** The Barkhane communiqué (v1 facts) and the 1.1 one (SAHEL_TEXT). */
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
  const receipts = async (incidentId: string, events: unknown[]): Promise<Receipt[]> => (await recorded(base, incidentId, events)).body.events;
  /** The envelope GET /events shows for a stored event. */
  const envelope = async (globalPosition: number) => {
    const page = await http(base, 'GET', `/events?after=${globalPosition - 1}&limit=1`);
    expect(page.status).toBe(200);
    return page.body.events[0];
  };
  const historyOf = async (incidentId: string) => (await http(base, 'GET', `/incidents/${incidentId}/history`)).body.revisions as { eventId: string; recordedAt: string }[];
  const recordedAtOf = async (incidentId: string, eventId: string) => (await historyOf(incidentId)).find((r) => r.eventId === eventId)!.recordedAt;

  /** The request is refused with exactly this status and these messages, and the log did not grow. */
  async function refused(send: () => ReturnType<typeof http>, status: 400 | 404 | 422, ...messages: (string | RegExp)[]) {
    const unchanged = await logUnchanged(base);
    const error = { 400: 'Bad Request', 404: 'Not Found', 422: 'Unprocessable Entity' }[status];
    expectError(await send(), status, error, ...messages);
    await unchanged();
  }

  describe('when and where', () => {
    it('opens an incident dated to a part of a day, placed 80 km east of a town, and reads both back', async () => {
      const incidentId = await openSahelIncident(base, source);
      const incident = await read(incidentId);
      expect(incident.occurred).toEqual({ start: '2020-03-03T06:00:00Z', end: '2020-03-03T12:00:00Z', precision: 'morning' });
      expect(incident.location).toEqual({
        country: 'ML', area: 'Kidal', admin1: null, name: null, latitude: null, longitude: null,
        relativeTo: { place: 'Tessalit', direction: 'E', distanceKm: 80 }, precision: 'area',
      });
      const listed = await http(base, 'GET', `/incidents?limit=500&country=ML&from=2020-03-03T00:00:00Z&to=2020-03-03T23:59:59Z`);
      expect(listed.body.items).toEqual([expect.objectContaining({ incidentId, location: incident.location, occurred: incident.occurred, withdrawn: false })]);
    });

    it('shows direction and distance as null when the source names only the place', async () => {
      const incidentId = await openSahelIncident(base, source, { location: { country: 'ML', precision: 'locality', relativeTo: { place: 'Tessalit' } } });
      expect((await read(incidentId)).location.relativeTo).toEqual({ place: 'Tessalit', direction: null, distanceKm: null });
    });

    it('shows relativeTo as null when it is not given (or given as null)', async () => {
      const without = await openSahelIncident(base, source, { location: { country: 'ML', precision: 'country' } });
      const asNull = await openSahelIncident(base, source, { location: { country: 'ML', precision: 'country', relativeTo: null } });
      expect((await read(without)).location.relativeTo).toBeNull();
      expect((await read(asNull)).location.relativeTo).toBeNull();
    });

    it.each([
      ['morning', '2020-03-03T06:00:00Z', '2020-03-03T12:00:00Z'],
      ['afternoon', '2020-03-03T12:00:00Z', '2020-03-03T18:00:00Z'],
      ['evening', '2020-03-03T18:00:00Z', '2020-03-03T23:00:00Z'],
      ['range', '2020-02-20T00:00:00Z', '2020-03-03T23:59:59Z'],
    ])('takes the time precision %s and reads it back', async (precision, start, end) => {
      const incidentId = await openSahelIncident(base, source, { occurred: { start, end, precision } });
      expect((await read(incidentId)).occurred).toEqual({ start, end, precision });
    });

    it.each([0, -5])('refuses a relativeTo distance of %s km (400 naming the field), writing nothing', (distanceKm) =>
      refused(
        () => http(base, 'POST', '/incidents', { body: sahel.opening(source, { location: { country: 'ML', precision: 'area', relativeTo: { place: 'Tessalit', distanceKm } } }) }),
        400, 'location.relativeTo.distanceKm must be greater than 0',
      ));

    it('refuses a relativeTo direction that is not a compass point (400)', () =>
      refused(
        () => http(base, 'POST', '/incidents', { body: sahel.opening(source, { location: { country: 'ML', precision: 'area', relativeTo: { place: 'Tessalit', direction: 'ENE' } } }) }),
        400, 'location.relativeTo.direction must be one of the following values: N, NE, E, SE, S, SW, W, NW',
      ));

    it('refuses a "morning" that lasts more than a day (422 naming occurred.end)', () =>
      refused(
        () => http(base, 'POST', '/incidents', { body: sahel.opening(source, { occurred: { start: '2020-03-03T06:00:00Z', end: '2020-03-05T12:00:00Z', precision: 'morning' } }) }),
        422, /^occurred\.end must be within a day of start/,
      ));

    it('refuses a correction that would move the opening 0 km from the town (422), and takes one that moves it 60 km', async () => {
      const incidentId = await openSahelIncident(base, source);
      const opening = (await historyOf(incidentId))[0].eventId;
      await refused(
        () => recordEvents(base, incidentId, [facts.corrected(source, opening, { location: { relativeTo: { distanceKm: 0 } } }, { excerpt: 'Un bilan consolidé' })]),
        422, /^events\.0\.data\.data\.location\.relativeTo\.distanceKm /,
      );
      await recorded(base, incidentId, [facts.corrected(source, opening, { location: { relativeTo: { distanceKm: 60 } } }, { excerpt: 'Un bilan consolidé' })]);
      expect((await read(incidentId)).location.relativeTo).toEqual({ place: 'Tessalit', direction: 'E', distanceKm: 60 });
    });
  });

  describe('the new event types, each read back with eventId, confidence, source and corrections', () => {
    let incidentId: string;
    let ids: Record<'attack' | 'detained' | 'abducted' | 'site' | 'activity', Receipt>;

    beforeAll(async () => {
      incidentId = await openSahelIncident(base, source);
      const [attack, detained, abducted, site, activity] = await receipts(incidentId, [
        sahel.attack(source), sahel.detained(source), sahel.abducted(source), sahel.site(source), sahel.activity(source),
      ]);
      ids = { attack, detained, abducted, site, activity };
    });

    const cited = (excerpt: string) => ({ sourceId: source, excerpt });

    it('answers a receipt for each, in order', () => {
      expect(Object.values(ids).map((r) => [r.type, r.streamVersion])).toEqual([
        ['AttackReported', 2], ['PersonsDetained', 3], ['PersonsAbducted', 4], ['SiteDiscovered', 5], ['ActivityReported', 6],
      ]);
      for (const receipt of Object.values(ids)) expect(receipt.eventId).toMatch(UUID_V7);
    });

    it('AttackReported shows in attacks[]', async () => {
      expect((await read(incidentId)).attacks).toEqual([
        shown(
          { by: 'EIGS', against: 'military', means: ['ied', 'small-arms'], description: 'convoy of the Malian armed forces attacked' },
          { eventId: ids.attack.eventId, source: cited('un convoi des forces armées maliennes a été attaqué') },
        ),
      ]);
    });

    it('PersonsDetained shows in detentions[], with who detained them and to whom they were handed', async () => {
      expect((await read(incidentId)).detentions).toEqual([
        shown(
          { count: { low: 8, best: 10, high: 12 }, description: 'suspects', by: 'French forces', handedTo: 'la justice malienne' },
          { eventId: ids.detained.eventId, confidence: 'probable', source: cited('Une dizaine de suspects ont été interpellés puis remis à la justice malienne') },
        ),
      ]);
    });

    it('PersonsAbducted shows in abductions[], `by` null when the source does not say', async () => {
      expect((await read(incidentId)).abductions).toEqual([
        shown({ count: { low: null, best: 2, high: null }, description: 'humanitarian workers', by: null }, { eventId: ids.abducted.eventId, source: cited('Deux travailleurs humanitaires ont été enlevés') }),
      ]);
    });

    it('SiteDiscovered shows in sitesDiscovered[]', async () => {
      expect((await read(incidentId)).sitesDiscovered).toEqual([
        shown(
          { kind: 'weapons-cache', description: 'weapons cache with ammunition, in a wadi' },
          { eventId: ids.site.eventId, confidence: 'possible', source: cited('Une cache d’armes contenant des munitions a été découverte') },
        ),
      ]);
    });

    it('ActivityReported shows in activities[]', async () => {
      expect((await read(incidentId)).activities).toEqual([
        shown(
          { kind: 'air-sorties', force: 'composante aérienne', count: { low: 45, best: 50, high: 55 }, description: 'air sorties' },
          { eventId: ids.activity.eventId, source: cited('Une cinquantaine de sorties aériennes') },
        ),
      ]);
    });

    it('an activity without force or count shows both as null', async () => {
      const other = await openSahelIncident(base, source);
      const [patrol] = await receipts(other, [sahel.activity(source, { kind: 'patrol', force: undefined, count: undefined, description: 'patrol' })]);
      expect((await read(other)).activities).toEqual([
        shown({ kind: 'patrol', force: null, count: null, description: 'patrol' }, { eventId: patrol.eventId, source: cited('Une cinquantaine de sorties aériennes') }),
      ]);
    });

    it('GET /events shows each with schemaVersion 1 and the data as sent', async () => {
      const sent = [sahel.attack(source), sahel.detained(source), sahel.abducted(source), sahel.site(source), sahel.activity(source)];
      for (const [index, receipt] of Object.values(ids).entries()) {
        expect(await envelope(receipt.globalPosition)).toMatchObject({
          eventId: receipt.eventId, type: receipt.type, schemaVersion: 1, streamId: `incident-${incidentId}`, data: sent[index].data, source: sent[index].source,
        });
      }
    });

    it('each can be corrected, and then lists the correction with its own excerpt', async () => {
      const other = await openSahelIncident(base, source);
      const [attack] = await receipts(other, [sahel.attack(source)]);
      const [correction] = await receipts(other, [facts.corrected(source, attack.eventId, { means: ['vehicle-borne-ied'], by: null }, { excerpt: 'Un bilan consolidé confirme ces éléments' })]);
      expect((await read(other)).attacks).toEqual([
        shown(
          { by: null, against: 'military', means: ['vehicle-borne-ied'], description: 'convoy of the Malian armed forces attacked' },
          {
            eventId: attack.eventId, source: cited('un convoi des forces armées maliennes a été attaqué'),
            corrections: [{
              eventId: correction.eventId, reason: 'a later communiqué', source: cited('Un bilan consolidé confirme ces éléments'), confidence: 'confirmed',
              recordedAt: await recordedAtOf(other, correction.eventId), setsConfidence: null,
            }],
          },
        ),
      ]);
    });

    it('a retracted one leaves its list', async () => {
      const other = await openSahelIncident(base, source);
      const [site] = await receipts(other, [sahel.site(source)]);
      await recorded(base, other, [sahel.retracted(source, site.eventId)]);
      expect((await read(other)).sitesDiscovered).toEqual([]);
    });
  });

  describe('vague counts', () => {
    let incidentId: string;
    beforeAll(async () => {
      incidentId = await openSahelIncident(base, source);
    });

    it.each<[string, Record<string, unknown>, Record<string, number | null>]>([
      ['"plusieurs" as { low: 2 }', { low: 2 }, { low: 2, best: null, high: null }],
      ['only a best figure', { best: 7 }, { low: null, best: 7, high: null }],
      ['only a high bound', { high: 5 }, { low: null, best: null, high: 5 }],
      ['a low and a high bound, no best', { low: 3, high: 9 }, { low: 3, best: null, high: 9 }],
      ['"une dizaine" as 8–10–12', { low: 8, best: 10, high: 12 }, { low: 8, best: 10, high: 12 }],
      ['a null bound, as reads show it', { low: null, best: 4, high: null }, { low: null, best: 4, high: null }],
    ])('%s reads with all three keys, null where not given', async (_case, count, expected) => {
      const [receipt] = await receipts(incidentId, [sahel.casualties(source, count)]);
      const incident = await read(incidentId);
      expect(incident.casualties.find((c: { eventId: string }) => c.eventId === receipt.eventId)).toEqual(
        shown({ side: 'hostile', status: 'neutralised', count: expected, wording: 'Plusieurs terroristes' }, { eventId: receipt.eventId, source: sahel.casualties(source).source }),
      );
    });

    it('a vague count in persons freed, detained and abducted reads the same way', async () => {
      const other = await openSahelIncident(base, source);
      await recorded(base, other, [
        { ...facts.personsFreed(barkhane), data: { count: { low: 2 }, description: 'civilians' } },
        sahel.detained(source, { count: { low: 8 } }),
        sahel.abducted(source, { count: { high: 3 } }),
      ]);
      const incident = await read(other);
      expect(incident.personsFreed[0].count).toEqual({ low: 2, best: null, high: null });
      expect(incident.detentions[0].count).toEqual({ low: 8, best: null, high: null });
      expect(incident.abductions[0].count).toEqual({ low: null, best: null, high: 3 });
    });

    it('a correction may give the best figure a vague count lacked, keeping its bound', async () => {
      const [receipt] = await receipts(incidentId, [sahel.casualties(source, { low: 2 })]);
      await recorded(base, incidentId, [facts.corrected(source, receipt.eventId, { count: { best: 4 } }, { excerpt: 'Un bilan consolidé' })]);
      const incident = await read(incidentId);
      expect(incident.casualties.find((c: { eventId: string }) => c.eventId === receipt.eventId).count).toEqual({ low: 2, best: 4, high: null });
    });

    it.each<[string, unknown, string]>([
      ['an empty count', {}, 'events.0.data.count must give at least one of low, best, high'],
      ['a count of nulls', { low: null, best: null, high: null }, 'events.0.data.count must give at least one of low, best, high'],
      ['low above high', { low: 9, high: 5 }, 'events.0.data.count.low must be ≤ high'],
      ['low above best', { low: 9, best: 5 }, 'events.0.data.count.low must be ≤ best'],
      ['high below best', { best: 9, high: 5 }, 'events.0.data.count.high must be ≥ best'],
      ['a negative low', { low: -1 }, 'events.0.data.count.low must be an integer ≥ 0'],
    ])('refuses %s in casualties (400 naming the field), writing nothing', (_case, count, message) =>
      refused(() => recordEvents(base, incidentId, [sahel.casualties(source, count as Record<string, unknown>)]), 400, message));

    it.each([
      ['PersonsDetained', () => sahel.detained(source, { count: {} })],
      ['PersonsAbducted', () => sahel.abducted(source, { count: {} })],
      ['ActivityReported', () => sahel.activity(source, { count: {} })],
      ['PersonsFreed', () => ({ ...facts.personsFreed(barkhane), data: { count: {}, description: 'civilians' } })],
    ])('refuses an empty count in %s (400), writing nothing', (_type, event) =>
      refused(() => recordEvents(base, incidentId, [event()]), 400, 'events.0.data.count must give at least one of low, best, high'));

    it('refuses a correction that empties a count (422), writing nothing', async () => {
      const [receipt] = await receipts(incidentId, [sahel.casualties(source, { low: 2 })]);
      await refused(
        () => recordEvents(base, incidentId, [facts.corrected(source, receipt.eventId, { count: { low: null } }, { excerpt: 'Un bilan consolidé' })]),
        422, /^events\.0\.data\.data\.count /,
      );
    });
  });

  describe('unknown values of the 1.1 lists: 400 naming the field, nothing written', () => {
    let incidentId: string;
    beforeAll(async () => {
      incidentId = await openSahelIncident(base, source);
    });

    it.each<[string, () => unknown, string | RegExp]>([
      ['an attack target', () => sahel.attack(source, { against: 'police' }), 'events.0.data.against must be one of the following values: military, civilians, infrastructure, other'],
      ['an attack means', () => sahel.attack(source, { means: ['drone'] }), /^events\.0\.data\.means must be a non-empty list of small-arms, ied, landmine, suicide-attack, vehicle-borne-ied, mortar, rocket, grenade, arson, other/],
      ['an attack with no means', () => sahel.attack(source, { means: [] }), /^events\.0\.data\.means must be a non-empty list/],
      ['a site kind', () => sahel.site(source, { kind: 'bunker' }), 'events.0.data.kind must be one of the following values: weapons-cache, logistics-site, camp, ied-workshop, other'],
      ['an activity kind', () => sahel.activity(source, { kind: 'parade' }), 'events.0.data.kind must be one of the following values: air-sorties, patrol, search, reconnaissance, ied-clearance, escort, training, other'],
      ['a link relation', () => sahel.linked(source, newId(), 'caused-by'), 'events.0.data.relation must be one of the following values: follows, related, part-of'],
      ['an identification fate', () => sahel.deputy(source, newId(), { fate: 'dead' }), 'events.0.data.fate must be one of the following values: killed, neutralised, captured, surrendered, unknown'],
      ['an actor kind', () => sahel.actor(source, { kind: 'gang' }), 'events.0.data.kind must be one of the following values: state-force, armed-group, militia, civilians, person, other'],
      ['a raid mode in modes', () => facts.raid(barkhane, { modes: ['heliborne', 'parachute'] }), /^events\.0\.data\.modes must be a non-empty list of heliborne, ground, airborne, naval, other/],
      ['a raid with no modes', () => facts.raid(barkhane, { modes: [] }), /^events\.0\.data\.modes must be a non-empty list/],
      ['a strike means in a list', () => facts.strike(barkhane, { means: ['drone', 'laser'] }), /^events\.0\.data\.means must be one of aircraft, drone, helicopter, artillery, missile, other, or a non-empty list of them/],
      ['a strike means as a string', () => facts.strike(barkhane, { means: 'laser' }), /^events\.0\.data\.means must be one of aircraft, drone/],
      ['a strike with no means', () => facts.strike(barkhane, { means: [] }), /^events\.0\.data\.means must be one of/],
      ['a correction confidence', () => facts.corrected(barkhane, newId(), {}, { confidence: 'certain' }), 'events.0.data.confidence must be one of the following values: confirmed, probable, possible, unverified'],
      ['aliases that are not a list', () => sahel.actor(source, { aliases: 'EIGS' }), /^events\.0\.data\.aliases /],
      ['an unknown field of a new type', () => sahel.site(source, { size: 'large' }), 'events.0.data.size is not a known field'],
    ])('%s', (_case, event, message) => refused(() => recordEvents(base, incidentId, [event()]), 400, message));
  });

  describe('RaidConducted v2: modes', () => {
    let incidentId: string;
    beforeAll(async () => {
      incidentId = await openIncident(base, barkhane);
    });
    const raidOf = async (eventId: string) => (await read(incidentId)).raids.find((r: { eventId: string }) => r.eventId === eventId);

    it('takes two modes and reads them back; /events shows schemaVersion 2', async () => {
      const [raid] = await receipts(incidentId, [facts.raid(barkhane, { modes: ['ground', 'heliborne'] })]);
      expect(await raidOf(raid.eventId)).toEqual(
        shown(
          { force: 'French forces (Opération Barkhane)', modes: ['ground', 'heliborne'], support: ['MQ-9 Reaper drone'], target: 'terrorist group' },
          { eventId: raid.eventId, source: facts.raid(barkhane).source },
        ),
      );
      expect(await envelope(raid.globalPosition)).toMatchObject({ type: 'RaidConducted', schemaVersion: 2, data: { modes: ['ground', 'heliborne'] } });
    });

    it('still takes the v1 `mode` alone, and reads it as modes: [mode] (in the view and in /events)', async () => {
      const [raid] = await receipts(incidentId, [facts.raid(barkhane, { mode: 'airborne' })]);
      const shownRaid = await raidOf(raid.eventId);
      expect(shownRaid.modes).toEqual(['airborne']);
      expect(shownRaid).not.toHaveProperty('mode');
      const stored = await envelope(raid.globalPosition);
      expect(stored).toMatchObject({ schemaVersion: 2, data: { modes: ['airborne'] } });
      expect(stored.data).not.toHaveProperty('mode');
    });

    it('a retry of a v1-shaped raid with its eventId stores nothing more (200, the same receipt)', async () => {
      const event = { ...facts.raid(barkhane, { mode: 'naval' }), eventId: newId() };
      const first = await recordEvents(base, incidentId, [event]);
      expect(first.status).toBe(201);
      const unchanged = await logUnchanged(base);
      const retry = await recordEvents(base, incidentId, [event]);
      expect({ status: retry.status, events: retry.body.events }).toEqual({ status: 200, events: first.body.events });
      await unchanged();
      // The same id with the v2 shape of the same content is the same event too.
      const asV2 = await recordEvents(base, incidentId, [{ ...facts.raid(barkhane, { modes: ['naval'] }), eventId: event.eventId }]);
      expect({ status: asV2.status, events: asV2.body.events }).toEqual({ status: 200, events: first.body.events });
      await unchanged();
    });

    it('refuses mode and modes together (400 naming mode), writing nothing', () =>
      refused(() => recordEvents(base, incidentId, [facts.raid(barkhane, { mode: 'ground', modes: ['heliborne'] })]), 400, 'events.0.data.mode must not be given with modes: send one of them'));

    it('takes `mode: null` beside modes as "not given" (as every optional field): the raid keeps the modes sent', async () => {
      const [raid] = await receipts(incidentId, [facts.raid(barkhane, { modes: ['ground'], mode: null })]);
      expect((await raidOf(raid.eventId)).modes).toEqual(['ground']);
      expect((await envelope(raid.globalPosition)).data.modes).toEqual(['ground']);
    });

    it('refuses `mode: null` with no modes (400 naming modes), writing nothing', () =>
      refused(() => recordEvents(base, incidentId, [facts.raid(barkhane, { mode: null })]), 400, /^events\.0\.data\.modes /));

    it('refuses a correction giving both mode and modes (400 naming the corrected field), writing nothing', async () => {
      const [raid] = await receipts(incidentId, [facts.raid(barkhane)]);
      await refused(() => recordEvents(base, incidentId, [facts.corrected(barkhane, raid.eventId, { mode: 'ground', modes: ['ground'] })]), 400, /^events\.0\.data\.data(\.mode)? .*mode.*modes/);
    });

    it('refuses a v1 mode that is not one of the list (400 naming mode)', () =>
      refused(() => recordEvents(base, incidentId, [facts.raid(barkhane, { mode: 'parachute' })]), 400, 'events.0.data.mode must be one of the following values: heliborne, ground, airborne, naval, other'));

    it('corrects a raid recorded with the v1 `mode`, with `mode` or with `modes`', async () => {
      const [raid] = await receipts(incidentId, [facts.raid(barkhane, { mode: 'heliborne' })]);
      await recorded(base, incidentId, [facts.corrected(barkhane, raid.eventId, { mode: 'ground' })]);
      expect((await raidOf(raid.eventId)).modes).toEqual(['ground']);
      const [second] = await receipts(incidentId, [facts.corrected(barkhane, raid.eventId, { modes: ['ground', 'heliborne'] })]);
      const corrected = await raidOf(raid.eventId);
      expect(corrected.modes).toEqual(['ground', 'heliborne']);
      expect(corrected.corrections.map((c: { eventId: string }) => c.eventId)).toHaveLength(2);
      expect(corrected.corrections[1].eventId).toBe(second.eventId);
      expect(await envelope(second.globalPosition)).toMatchObject({ type: 'FactCorrected', schemaVersion: 2 });
    });
  });

  describe('StrikeConducted v2: means is a list', () => {
    it('takes a single string (read as a list of one) and a list of two', async () => {
      const incidentId = await openIncident(base, barkhane);
      const [single, pair] = await receipts(incidentId, [facts.strike(barkhane, { means: 'drone' }), facts.strike(barkhane, { means: ['aircraft', 'drone'] })]);
      const { strikes } = await read(incidentId);
      expect(strikes).toEqual([
        shown({ force: 'French forces', means: ['drone'], platforms: ['MQ-9 Reaper'], target: 'terrorist group' }, { eventId: single.eventId, confidence: 'possible', source: facts.strike(barkhane).source }),
        shown({ force: 'French forces', means: ['aircraft', 'drone'], platforms: ['MQ-9 Reaper'], target: 'terrorist group' }, { eventId: pair.eventId, confidence: 'possible', source: facts.strike(barkhane).source }),
      ]);
      expect(await envelope(single.globalPosition)).toMatchObject({ schemaVersion: 2, data: { means: ['drone'] } });
      expect(await envelope(pair.globalPosition)).toMatchObject({ schemaVersion: 2, data: { means: ['aircraft', 'drone'] } });
    });
  });

  describe('POST /imports with the 1.1 shapes', () => {
    it('imports a document whose events use the new types, vague counts and the v1 raid `mode`', async () => {
      const incidentId = newId();
      const { title, occurred, location, operation } = sahel.opening(source);
      const excerptOnly = (event: { source: { excerpt: string } }) => ({ ...event, source: { excerpt: event.source.excerpt } });
      const document = {
        source: { ...sahelSource(), text: `${SAHEL_TEXT}\nUn raid héliporté a suivi.` },
        incidents: [{
          incidentId,
          open: { title, occurred, location, operation, source: { excerpt: 'Le 3 mars 2020 au matin' } },
          events: [
            excerptOnly(sahel.attack(source)),
            excerptOnly(sahel.casualties(source, { low: 2 })),
            { type: 'RaidConducted', data: { force: 'French forces', mode: 'heliborne', support: [], target: 'attackers' }, source: { excerpt: 'Un raid héliporté a suivi' } },
          ],
        }],
      };
      const answer = await http(base, 'POST', '/imports', { body: document });
      expect(answer.status).toBe(201);
      const incident = await read(incidentId);
      expect(incident).toMatchObject({
        occurred: { precision: 'morning' },
        location: { relativeTo: { place: 'Tessalit', direction: 'E', distanceKm: 80 } },
        attacks: [{ by: 'EIGS', against: 'military', means: ['ied', 'small-arms'] }],
        casualties: [{ count: { low: 2, best: null, high: null } }],
        raids: [{ modes: ['heliborne'], corrections: [] }],
      });
      const again = await http(base, 'POST', '/imports', { body: document });
      expect(again.status).toBeLessThan(300);
      expect((await read(incidentId)).version).toBe(incident.version);
    });
  });

  describe('FireExchanged: initiatedBy and warningShots optional', () => {
    it('reads them as null when the source does not state them', async () => {
      const incidentId = await openIncident(base, barkhane);
      const { initiatedBy: _i, warningShots: _w, ...data } = facts.fireExchanged(barkhane).data;
      const [fire] = await receipts(incidentId, [{ ...facts.fireExchanged(barkhane), data }]);
      expect((await read(incidentId)).fireExchanges).toEqual([
        shown({ ...data, initiatedBy: null, warningShots: null }, { eventId: fire.eventId, source: facts.fireExchanged(barkhane).source }),
      ]);
    });

    it('takes them as null too, and still refuses a warningShots that is not a boolean', async () => {
      const incidentId = await openIncident(base, barkhane);
      await recorded(base, incidentId, [facts.fireExchanged(barkhane, { initiatedBy: null, warningShots: null })]);
      expect((await read(incidentId)).fireExchanges[0]).toMatchObject({ initiatedBy: null, warningShots: null });
      await refused(() => recordEvents(base, incidentId, [facts.fireExchanged(barkhane, { warningShots: 'no' })]), 400, 'events.0.data.warningShots must be a boolean value');
    });
  });

  describe('identifications: a role without a person, a fate, and who decided', () => {
    it('takes an unnamed deputy (role only) with a fate, and shows person null', async () => {
      const incidentId = await openSahelIncident(base, source);
      const identificationId = newId();
      await recorded(base, incidentId, [sahel.deputy(source, identificationId)]);
      expect((await read(incidentId)).identifications).toEqual([{
        identificationId, person: null, role: 'deputy of the katiba leader', group: null, fate: 'captured', status: 'pending',
        confidence: 'probable', source: sahel.deputy(source).source, corrections: [],
        decidedBy: null, decidedAt: null, decisionSource: null,
      }]);
    });

    it('refuses an identification with neither person nor role (400 naming person), writing nothing', async () => {
      const incidentId = await openSahelIncident(base, source);
      await refused(() => recordEvents(base, incidentId, [sahel.deputy(source, newId(), { role: undefined, fate: 'killed' })]), 400, /^events\.0\.data\.person is required/);
      // A role of blanks names no one: the domain refuses it (422), naming person too.
      await refused(() => recordEvents(base, incidentId, [sahel.deputy(source, newId(), { role: '   ' })]), 422, /^events\.0\.data\.person is required/);
    });

    it('with person and role both sent as null (which means "not given"), the 400 says person is required, not that null is refused', async () => {
      const incidentId = await openSahelIncident(base, source);
      await refused(() => recordEvents(base, incidentId, [sahel.deputy(source, newId(), { role: null, person: null })]), 400, /^events\.0\.data\.person is required/);
    });

    it('shows each fate it is given', async () => {
      const incidentId = await openIncident(base, barkhane);
      const fates = ['killed', 'neutralised', 'captured', 'surrendered', 'unknown'];
      await recorded(base, incidentId, fates.map((fate) => facts.pending(barkhane, newId(), { fate })));
      expect((await read(incidentId)).identifications.map((i: { fate: string }) => i.fate)).toEqual(fates);
    });

    it('a confirmation sets decidedAt and decisionSource, on the incident and in GET /identifications', async () => {
      const incidentId = await openSahelIncident(base, source);
      const identificationId = newId();
      await recorded(base, incidentId, [sahel.deputy(source, identificationId)]);
      const pending = await http(base, 'GET', '/identifications?status=pending&limit=500');
      expect(pending.body.items.find((i: { identificationId: string }) => i.identificationId === identificationId)).toMatchObject({
        incidentId, fate: 'captured', person: null, status: 'pending', decidedAt: null, decisionSource: null,
      });

      const [confirmation] = await receipts(incidentId, [sahel.confirmed(source, identificationId)]);
      const decidedAt = await recordedAtOf(incidentId, confirmation.eventId);
      expect(decidedAt).toMatch(ISO_WITH_OFFSET);
      const decision = { status: 'confirmed', decidedAt, decisionSource: sahel.confirmed(source, identificationId).source };
      expect((await read(incidentId)).identifications).toEqual([expect.objectContaining({ identificationId, fate: 'captured', ...decision })]);
      const confirmed = await http(base, 'GET', '/identifications?status=confirmed&limit=500');
      expect(confirmed.body.items.find((i: { identificationId: string }) => i.identificationId === identificationId)).toMatchObject({ incidentId, ...decision });
      const stillPending = await http(base, 'GET', '/identifications?status=pending&limit=500');
      expect(stillPending.body.items.map((i: { identificationId: string }) => i.identificationId)).not.toContain(identificationId);
    });

    it('a refutation sets them too; retracting it makes the identification pending again with nulls', async () => {
      const incidentId = await openIncident(base, barkhane);
      const identificationId = newId();
      const [, refutation] = await receipts(incidentId, [facts.pending(barkhane, identificationId), facts.refuted(barkhane, identificationId)]);
      expect((await read(incidentId)).identifications[0]).toMatchObject({
        status: 'refuted', decidedAt: await recordedAtOf(incidentId, refutation.eventId), decisionSource: facts.refuted(barkhane, identificationId).source,
      });
      await recorded(base, incidentId, [facts.retracted(barkhane, refutation.eventId)]);
      expect((await read(incidentId)).identifications[0]).toMatchObject({ status: 'pending', decidedAt: null, decisionSource: null });
    });
  });

  describe('actors: kind person, aliases, found by any of their names', () => {
    let incidentId: string;
    const tag = newId().slice(-8);
    const name = `État islamique au Grand Sahara ${tag}`;
    const aliases = [`EIGS-${tag}`, `ISGS-${tag}`];

    beforeAll(async () => {
      incidentId = await openSahelIncident(base, source);
      await recorded(base, incidentId, [
        sahel.actor(source, { name, aliases }),
        sahel.actor(source, { name: `Adnan Abu Walid al-Sahrawi ${tag}`, kind: 'person', side: 'hostile', parent: name, aliases: undefined }),
      ]);
    });

    it('reads the aliases, and an actor of kind person with aliases []', async () => {
      const { actors } = await read(incidentId);
      expect(actors).toEqual([
        expect.objectContaining({ name, kind: 'armed-group', side: 'hostile', aliases, parent: null, founded: null, notes: null, corrections: [] }),
        expect.objectContaining({ name: `Adnan Abu Walid al-Sahrawi ${tag}`, kind: 'person', parent: name, aliases: [] }),
      ]);
    });

    it('GET /incidents?actor= finds the incident by an alias, whatever its case', async () => {
      const found = async (actor: string) =>
        (await http(base, 'GET', `/incidents?limit=500&actor=${encodeURIComponent(actor)}`)).body.items.map((i: { incidentId: string }) => i.incidentId);
      expect(await found(aliases[0])).toEqual([incidentId]);
      expect(await found(aliases[1].toLowerCase())).toEqual([incidentId]);
      expect(await found(name.toUpperCase())).toEqual([incidentId]);
      expect(await found(`EIGS-${tag}-not`)).toEqual([]);
    });

    it('GET /actors?name= finds the actor by an alias in another case, listing its aliases', async () => {
      const answer = await http(base, 'GET', `/actors?name=${encodeURIComponent(aliases[0].toLowerCase())}`);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        items: [{ name, kind: 'armed-group', side: 'hostile', parent: null, founded: null, aliases, incidents: 1 }],
        nextCursor: null,
      });
      expect((await http(base, 'GET', `/actors?name=${encodeURIComponent(name.toLowerCase())}`)).body.items).toHaveLength(1);
      expect((await http(base, 'GET', `/actors?name=nobody-${tag}`)).body).toEqual({ items: [], nextCursor: null });
    });

    it('GET /actors pages with limit and cursor: every actor once, in a stable order', async () => {
      const all = await http(base, 'GET', '/actors?limit=500');
      expect(all.status).toBe(200);
      expect(all.body.nextCursor).toBeNull();
      expect(all.body.items.length).toBeGreaterThanOrEqual(2);
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: { status: number; body: { items: { name: string }[]; nextCursor: string | null } } =
          await http(base, 'GET', `/actors?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.status).toBe(200);
        expect(page.body.items).toHaveLength(1);
        seen.push(page.body.items[0].name);
        cursor = page.body.nextCursor;
        pages++;
      } while (cursor !== null && pages < 500);
      expect(seen).toEqual(all.body.items.map((a: { name: string }) => a.name));
    });

    it('answers 400 for a bad limit or cursor on GET /actors', async () => {
      expectError(await http(base, 'GET', '/actors?limit=0'), 400, 'Bad Request', /^limit /);
      expectError(await http(base, 'GET', '/actors?cursor=not%20a%20cursor!'), 400, 'Bad Request', /^cursor /);
    });
  });

  describe('FactCorrected: a new confidence, and the corrections each fact lists', () => {
    it('a correction giving only a confidence changes the fact\'s confidence, keeps its source, and is listed with its own excerpt', async () => {
      const incidentId = await openIncident(base, barkhane);
      const [casualty] = await receipts(incidentId, [casualties(barkhane)]);
      const [correction] = await receipts(incidentId, [
        facts.corrected(barkhane, casualty.eventId, {}, { confidence: 'probable', excerpt: 'il apparaît très probable', reason: 'the count is not certain' }),
      ]);
      const { casualties: shownCasualties, corrections } = await read(incidentId);
      expect(shownCasualties).toEqual([
        shown(
          { side: 'hostile', status: 'neutralised', count: { low: 7, best: 7, high: 7 }, wording: 'neutraliser sept terroristes' },
          {
            eventId: casualty.eventId, confidence: 'probable', source: casualties(barkhane).source,
            corrections: [{
              eventId: correction.eventId, reason: 'the count is not certain', source: { sourceId: barkhane, excerpt: 'il apparaît très probable' },
              confidence: 'confirmed', recordedAt: await recordedAtOf(incidentId, correction.eventId), setsConfidence: 'probable',
            }],
          },
        ),
      ]);
      expect(corrections).toBe(1);
      expect(await envelope(correction.globalPosition)).toMatchObject({
        type: 'FactCorrected', schemaVersion: 2, data: { correctsEventId: casualty.eventId, data: {}, confidence: 'probable' },
      });
    });

    it('lists several corrections oldest first; retracting one leaves the other and its values', async () => {
      const incidentId = await openIncident(base, barkhane);
      const [casualty] = await receipts(incidentId, [casualties(barkhane)]);
      const [first] = await receipts(incidentId, [facts.corrected(barkhane, casualty.eventId, { count: { high: 9 } })]);
      const [second] = await receipts(incidentId, [{ ...facts.corrected(barkhane, casualty.eventId, {}, { confidence: 'possible' }), confidence: 'probable' }]);
      let shownCasualty = (await read(incidentId)).casualties[0];
      // Each correction's own confidence (how sure its source is), and the confidence it gave the fact, if any.
      expect(shownCasualty.corrections.map((c: { eventId: string; confidence: string; setsConfidence: string | null }) => [c.eventId, c.confidence, c.setsConfidence])).toEqual([
        [first.eventId, 'confirmed', null], [second.eventId, 'probable', 'possible'],
      ]);
      expect(shownCasualty).toMatchObject({ confidence: 'possible', count: { low: 7, best: 7, high: 9 } });

      await recorded(base, incidentId, [facts.retracted(barkhane, second.eventId)]);
      shownCasualty = (await read(incidentId)).casualties[0];
      expect(shownCasualty.corrections.map((c: { eventId: string }) => c.eventId)).toEqual([first.eventId]);
      expect(shownCasualty).toMatchObject({ confidence: 'confirmed', count: { low: 7, best: 7, high: 9 } });
    });

    it('refuses a correction with empty data and no confidence (422 naming data), writing nothing', async () => {
      const incidentId = await openIncident(base, barkhane);
      const [casualty] = await receipts(incidentId, [casualties(barkhane)]);
      await refused(() => recordEvents(base, incidentId, [facts.corrected(barkhane, casualty.eventId, {})]), 422, /^events\.0\.data\.data must name at least one corrected field/);
    });

    it('an incident read as of before a correction shows the fact without it', async () => {
      const incidentId = await openIncident(base, barkhane);
      const [casualty] = await receipts(incidentId, [casualties(barkhane)]);
      await recorded(base, incidentId, [facts.corrected(barkhane, casualty.eventId, {}, { confidence: 'unverified' })]);
      expect((await read(incidentId, '?atVersion=2')).casualties[0]).toMatchObject({ confidence: 'confirmed', corrections: [] });
      expect((await read(incidentId, '?atVersion=3')).casualties[0]).toMatchObject({ confidence: 'unverified', corrections: [expect.any(Object)] });
    });
  });
});
