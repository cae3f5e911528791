import { RunningApp, http, startApp } from '../support/app';
import { casualties, opening } from '../support/barkhane';
import { expectError, facts, logLength, newId, openIncident, registerSource } from '../support/e2e';

interface Known {
  sourceId: string;
  incidentId: string;
}

/** A request built once the spec's source and incident exist. */
interface BadRequest {
  path: (known: Known) => string;
  body?: (known: Known) => unknown;
  raw?: string;
  headers?: Record<string, string>;
}

const toIncidents = (body: (known: Known) => unknown): BadRequest => ({ path: () => '/incidents', body });
const toEvents = (events: (known: Known) => unknown[]): BadRequest => ({
  path: ({ incidentId }) => `/incidents/${incidentId}/events`,
  body: (known) => ({ events: events(known) }),
});
const withOpening = (overrides: Record<string, unknown>) => toIncidents(({ sourceId }) => opening(sourceId, overrides));
const withLocation = (location: Record<string, unknown>) =>
  withOpening({ location: { country: 'ML', area: 'Gourma', precision: 'point', ...location } });
const withCasualtyData = (data: Record<string, unknown>) =>
  toEvents(({ sourceId }) => [{ ...casualties(sourceId), data: { ...casualties(sourceId).data, ...data } }]);
const openingWithout = (field: string) =>
  toIncidents(({ sourceId }) => Object.fromEntries(Object.entries(opening(sourceId)).filter(([key]) => key !== field)));
const NIGHT = { start: '2018-11-11T18:00:00Z', end: '2018-11-12T06:00:00Z', precision: 'night' };

describe('a bad request body is refused with 400 naming the field, and nothing is written', () => {
  let server: RunningApp;
  let known: Known;

  beforeAll(async () => {
    server = await startApp();
    const sourceId = await registerSource(server.baseUrl);
    known = { sourceId, incidentId: await openIncident(server.baseUrl, sourceId) };
  });
  afterAll(() => server.close());

  async function expectRefused(request: BadRequest, status: number, error: string, message: string | RegExp) {
    const head = await logLength(server.baseUrl);
    const incident = await http(server.baseUrl, 'GET', `/incidents/${known.incidentId}`);
    const answer = await http(server.baseUrl, 'POST', request.path(known), {
      body: request.body?.(known),
      raw: request.raw,
      headers: request.headers,
    });
    expectError(answer, status, error, message);
    expect(await logLength(server.baseUrl)).toBe(head);
    expect((await http(server.baseUrl, 'GET', `/incidents/${known.incidentId}`)).body).toEqual(incident.body);
  }

  describe('opening an incident (POST /incidents)', () => {
    it.each<[string, BadRequest, string | RegExp]>([
      ['a title of the wrong type', withOpening({ title: 42 }), 'title must be a string'],
      ['a location that is a string, not an object', withOpening({ location: 'ML' }), /^location /],
      ['a time span that is an array, not an object', withOpening({ occurred: [NIGHT] }), /^occurred /],
      ['a missing title', openingWithout('title'), 'title is required'],
      ['a missing location', openingWithout('location'), 'location is required'],
      ['a missing source', openingWithout('source'), 'source is required'],
      ['a missing excerpt', withOpening({ source: { sourceId: newId() } }), 'source.excerpt is required'],
      ['a missing location precision', withOpening({ location: { country: 'ML' } }), 'location.precision is required'],
      ['an unknown field at the top level', withOpening({ colour: 'red' }), 'colour is not a known field'],
      ['an unknown field inside the location', withLocation({ region: 'Gourma' }), 'location.region is not a known field'],
      ['an unknown field inside the source', withOpening({ source: { sourceId: newId(), excerpt: 'x', page: 2 } }), 'source.page is not a known field'],
      ['a time precision that is not one of the list', withOpening({ occurred: { ...NIGHT, precision: 'dawn' } }), 'occurred.precision must be one of the following values: exact, hour, morning, afternoon, evening, night, day, week, month, year, range'],
      ['a relativeTo distance of 0 km', withLocation({ relativeTo: { place: 'Tessalit', distanceKm: 0 } }), 'location.relativeTo.distanceKm must be greater than 0'],
      ['a relativeTo direction that is not a compass point', withLocation({ relativeTo: { place: 'Tessalit', direction: 'east' } }), 'location.relativeTo.direction must be one of the following values: N, NE, E, SE, S, SW, W, NW'],
      ['a relativeTo without its place', withLocation({ relativeTo: { direction: 'E', distanceKm: 80 } }), 'location.relativeTo.place is required'],
      ['a location precision that is not one of the list', withLocation({ precision: 'region' }), /^location\.precision must be one of the following values/],
      ['a confidence that is not one of the list', withOpening({ confidence: 'certain' }), /^confidence must be one of the following values: confirmed, probable, possible, unverified$/],
      ['a country that is not ISO 3166-1 alpha-2', withLocation({ country: 'XX' }), /^location\.country /],
      ['a country given by name', withLocation({ country: 'Mali' }), /^location\.country /],
      ['a start after the end', withOpening({ occurred: { ...NIGHT, start: '2018-11-12T07:00:00Z' } }), 'occurred.end must not be before start'],
      ['a time without an offset', withOpening({ occurred: { ...NIGHT, start: '2018-11-11T18:00:00' } }), /^occurred\.start .*offset/],
      ['a time that is not a date', withOpening({ occurred: { ...NIGHT, end: 'the next morning' } }), /^occurred\.end /],
      ['a sourceId that is not a UUID', withOpening({ source: { sourceId: 'barkhane-communique', excerpt: 'Mali' } }), 'source.sourceId must be a UUID'],
      ['an incidentId that is not a UUID', withOpening({ incidentId: 'gourma-2018' }), 'incidentId must be a UUID'],
      ['a latitude without a longitude', withLocation({ latitude: 15.3 }), /^location\.latitude .*longitude/],
      ['a longitude without a latitude', withLocation({ longitude: -1.2 }), /^location\.longitude .*latitude/],
      ['a latitude of 91', withLocation({ latitude: 91, longitude: 0 }), 'location.latitude must not be greater than 90'],
      ['a longitude of -181', withLocation({ latitude: 0, longitude: -181 }), 'location.longitude must not be less than -180'],
      ['a latitude that is a string', withLocation({ latitude: '15.3', longitude: -1.2 }), /^location\.latitude /],
    ])('%s', (_case, request, message) => expectRefused(request, 400, 'Bad Request', message));
  });

  describe('appending events (POST /incidents/{id}/events)', () => {
    it.each<[string, BadRequest, string | RegExp]>([
      ['a boolean of the wrong type', toEvents(({ sourceId }) => [{ ...facts.fireExchanged(sourceId), data: { ...facts.fireExchanged(sourceId).data, warningShots: 'yes' } }]), 'events.0.data.warningShots must be a boolean value'],
      ['a count that is a string', withCasualtyData({ count: { best: '7' } }), 'events.0.data.count.best must be an integer ≥ 0'],
      ['a count that is a number, not an estimate', withCasualtyData({ count: 7 }), /^events\.0\.data\.count /],
      ['a count that is not an integer', withCasualtyData({ count: { best: 6.5 } }), 'events.0.data.count.best must be an integer ≥ 0'],
      ['a negative count', withCasualtyData({ count: { best: -1 } }), 'events.0.data.count.best must be an integer ≥ 0'],
      ['a list of the wrong type', toEvents(({ sourceId }) => [facts.raid(sourceId, { support: 'MQ-9 Reaper drone' })]), /^events\.0\.data\.support /],
      ['a missing data field', toEvents(({ sourceId }) => [{ ...casualties(sourceId), data: { status: 'neutralised', count: { best: 7 } } }]), 'events.0.data.side is required'],
      ['a missing count', toEvents(({ sourceId }) => [{ ...casualties(sourceId), data: { side: 'hostile', status: 'neutralised' } }]), 'events.0.data.count is required'],
      ['a count that gives no figure', withCasualtyData({ count: {} }), 'events.0.data.count must give at least one of low, best, high'],
      ['a count whose figures are all null', withCasualtyData({ count: { low: null, best: null, high: null } }), 'events.0.data.count must give at least one of low, best, high'],
      ['low above high, with no best', withCasualtyData({ count: { low: 9, high: 5 } }), 'events.0.data.count.low must be ≤ high'],
      ['a missing source', toEvents(({ sourceId }) => [{ type: 'CasualtiesReported', data: casualties(sourceId).data }]), 'events.0.source is required'],
      ['a missing type', toEvents(({ sourceId }) => [{ data: casualties(sourceId).data, source: casualties(sourceId).source }]), 'events.0.type is required'],
      ['missing events', { path: ({ incidentId }) => `/incidents/${incidentId}/events`, body: () => ({}) }, 'events is required'],
      ['an unknown field at the top level', { path: ({ incidentId }) => `/incidents/${incidentId}/events`, body: ({ sourceId }) => ({ events: [casualties(sourceId)], dryRun: true }) }, 'dryRun is not a known field'],
      ['an unknown field in an event', toEvents(({ sourceId }) => [{ ...casualties(sourceId), colour: 'red' }]), 'events.0.colour is not a known field'],
      ['an unknown field inside data', withCasualtyData({ colour: 'red' }), 'events.0.data.colour is not a known field'],
      ['an unknown field inside the count', withCasualtyData({ count: { best: 7, median: 7 } }), 'events.0.data.count.median is not a known field'],
      ['an unknown field inside a materiel item', toEvents(({ sourceId }) => [{ ...facts.seized(sourceId), data: { items: [{ category: 'other', description: 'x', colour: 'red' }] } }]), 'events.0.data.items.0.colour is not a known field'],
      ['an unknown event type', toEvents(({ sourceId }) => [{ ...casualties(sourceId), type: 'AirstrikeConducted' }]), /^events\.0\.type must be one of the following values: RaidConducted, /],
      ['IncidentOpened, which only opening makes', toEvents(({ sourceId }) => [{ ...casualties(sourceId), type: 'IncidentOpened' }]), /^events\.0\.type must be one of the following values/],
      ['a raid mode that is not one of the list', toEvents(({ sourceId }) => [facts.raid(sourceId, { mode: 'parachute' })]), 'events.0.data.mode must be one of the following values: heliborne, ground, airborne, naval, other'],
      ['a casualty side that is not one of the list', withCasualtyData({ side: 'enemy' }), /^events\.0\.data\.side must be one of the following values: hostile, friendly, civilian, unknown$/],
      ['a materiel category that is not one of the list', toEvents(({ sourceId }) => [{ ...facts.seized(sourceId), data: { items: [{ category: 'rockets', description: 'x' }] } }]), /^events\.0\.data\.items\.0\.category must be one of the following values/],
      ['a confidence that is not one of the list', toEvents(({ sourceId }) => [{ ...casualties(sourceId), confidence: 'likely' }]), /^events\.0\.confidence must be one of the following values/],
      ['low above best', withCasualtyData({ count: { low: 9, best: 7 } }), 'events.0.data.count.low must be ≤ best'],
      ['high below best', withCasualtyData({ count: { best: 7, high: 5 } }), 'events.0.data.count.high must be ≥ best'],
      ['low above best in persons freed', toEvents(({ sourceId }) => [{ ...facts.personsFreed(sourceId), data: { count: { low: 4, best: 2 }, description: 'x' } }]), 'events.0.data.count.low must be ≤ best'],
      ['no materiel item', toEvents(({ sourceId }) => [{ ...facts.seized(sourceId), data: { items: [] } }]), 'events.0.data.items should not be empty'],
      ['an eventId that is not a UUID', toEvents(({ sourceId }) => [{ ...casualties(sourceId), eventId: 'casualties-1' }]), 'events.0.eventId must be a UUID'],
      ['a sourceId that is not a UUID', toEvents(({ sourceId }) => [{ ...casualties(sourceId), source: { sourceId: 'barkhane', excerpt: 'sept' } }]), 'events.0.source.sourceId must be a UUID'],
      ['an identificationId that is not a UUID', toEvents(({ sourceId }) => [facts.confirmed(sourceId, 'almansour')]), 'events.0.data.identificationId must be a UUID'],
      ['a correctsEventId that is not a UUID', toEvents(({ sourceId }) => [facts.corrected(sourceId, 'the-count', { count: { best: 8 } })]), 'events.0.data.correctsEventId must be a UUID'],
      ['a founding year that is not a year', toEvents(({ sourceId }) => [facts.actor(sourceId, { founded: 'two thousand fourteen' })]), /^events\.0\.data\.founded /],
      ['a bad second event, naming its index', toEvents(({ sourceId }) => [casualties(sourceId), facts.raid(sourceId, { mode: 'parachute' })]), /^events\.1\.data\.mode /],
      ['an empty events array', toEvents(() => []), 'events should not be empty'],
      ['events that are an empty object, not an array', { path: ({ incidentId }) => `/incidents/${incidentId}/events`, body: () => ({ events: {} }) }, 'events must be an array'],
      ['events that are an object, not an array', { path: ({ incidentId }) => `/incidents/${incidentId}/events`, body: ({ sourceId }) => ({ events: casualties(sourceId) }) }, 'events must be an array'],
      ['more than 500 events', toEvents(({ sourceId }) => Array.from({ length: 501 }, () => casualties(sourceId))), 'events must contain no more than 500 elements'],
    ])('%s', (_case, request, message) => expectRefused(request, 400, 'Bad Request', message));
  });

  describe('bodies that are not a JSON object', () => {
    it('malformed JSON is 400', () => expectRefused({ path: () => '/incidents', raw: '{"title": "Raid",' }, 400, 'Bad Request', /JSON/));

    it('an empty body is 400', () => expectRefused({ path: ({ incidentId }) => `/incidents/${incidentId}/events`, raw: '' }, 400, 'Bad Request', /empty/i));

    it('a JSON array is 400', () =>
      expectRefused({ path: () => '/incidents', body: ({ sourceId }) => [opening(sourceId)] }, 400, 'Bad Request', 'body must be a JSON object'));

    it('a JSON array of events is 400', () =>
      expectRefused({ path: ({ incidentId }) => `/incidents/${incidentId}/events`, body: ({ sourceId }) => [casualties(sourceId)] }, 400, 'Bad Request', 'body must be a JSON object'));

    it('JSON null is 400', () => expectRefused({ path: () => '/incidents', raw: 'null' }, 400, 'Bad Request', 'body must be a JSON object'));

    it('a text/plain body is 415', () =>
      expectRefused({ path: () => '/sources', raw: 'BARKHANE : la force Barkhane…', headers: { 'content-type': 'text/plain' } }, 415, 'Unsupported Media Type', /./));

    it('a form body is 415', () =>
      expectRefused({ path: () => '/incidents', raw: 'title=Raid', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415, 'Unsupported Media Type', /./));

    it('JSON sent as text/plain is 415', () =>
      expectRefused({ path: ({ incidentId }) => `/incidents/${incidentId}/events`, raw: '{"events":[]}', headers: { 'content-type': 'text/plain' } }, 415, 'Unsupported Media Type', /./));

    it('a body over 12 MB is 413', () =>
      expectRefused({ path: () => '/sources', raw: JSON.stringify({ text: 'x'.repeat(12 * 1024 * 1024 + 1) }) }, 413, 'Payload Too Large', /./));
  });

  it('a charset on application/json is accepted', async () => {
    const answer = await http(server.baseUrl, 'POST', `/incidents/${known.incidentId}/events`, {
      raw: JSON.stringify({ events: [casualties(known.sourceId)] }),
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(answer.status).toBe(201);
  });
});

/**
 * Bodies that the validation lets through though their shape is wrong. Each runs on its own
 * server: once stored, such an event can stop the read models for everything after it.
 */
describe('a value of the wrong shape that validation must not let through', () => {
  let server: RunningApp;
  let sourceId: string;

  beforeEach(async () => {
    server = await startApp();
    sourceId = await registerSource(server.baseUrl);
  });
  afterEach(() => server.close());

  it('refuses a location that is an array (400)', async () => {
    const head = await logLength(server.baseUrl);
    const answer = await http(server.baseUrl, 'POST', '/incidents', { body: opening(sourceId, { location: [] }) });
    expectError(answer, 400, 'Bad Request', /^location /);
    expect(await logLength(server.baseUrl)).toBe(head);
  });

  it('whatever it answers to a location that is an array, incidents opened afterwards are readable', async () => {
    await http(server.baseUrl, 'POST', '/incidents', { body: opening(sourceId, { location: [] }) });
    const next = await openIncident(server.baseUrl, sourceId);
    const read = await http(server.baseUrl, 'GET', `/incidents/${next}`);
    const projections = await http(server.baseUrl, 'GET', '/projections');
    expect({ status: read.status, incidentId: read.body.incidentId }).toEqual({ status: 200, incidentId: next });
    expect(projections.body.filter((p: { status: string }) => p.status !== 'live')).toEqual([]);
  });

  it('refuses a casualty count that is an array (400)', async () => {
    const incidentId = await openIncident(server.baseUrl, sourceId);
    const head = await logLength(server.baseUrl);
    const answer = await http(server.baseUrl, 'POST', `/incidents/${incidentId}/events`, {
      body: { events: [{ ...casualties(sourceId), data: { side: 'hostile', status: 'killed', count: [] } }] },
    });
    expectError(answer, 400, 'Bad Request', /^events\.0\.data\.count /);
    expect(await logLength(server.baseUrl)).toBe(head);
    expect((await http(server.baseUrl, 'GET', `/incidents/${incidentId}`)).body.casualties).toEqual([]);
  });

  it('refuses a correction that turns a casualty count into an array (422)', async () => {
    const incidentId = await openIncident(server.baseUrl, sourceId);
    const reported = await http(server.baseUrl, 'POST', `/incidents/${incidentId}/events`, { body: { events: [casualties(sourceId)] } });
    const head = await logLength(server.baseUrl);
    const answer = await http(server.baseUrl, 'POST', `/incidents/${incidentId}/events`, {
      body: { events: [facts.corrected(sourceId, reported.body.events[0].eventId, { count: [] })] },
    });
    expectError(answer, 422, 'Unprocessable Entity', /^events\.0\.data\.data\.count/);
    expect(await logLength(server.baseUrl)).toBe(head);
  });

  it('a country sent in lower case is refused, or else found by the country filter', async () => {
    const answer = await http(server.baseUrl, 'POST', '/incidents', { body: opening(sourceId, { location: { country: 'ml', precision: 'country' } }) });
    if (answer.status === 400) return expectError(answer, 400, 'Bad Request', /^location\.country /);
    expect(answer.status).toBe(201);
    const found = async (country: string) =>
      (await http(server.baseUrl, 'GET', `/incidents?country=${country}`)).body.items.map((i: { incidentId: string }) => i.incidentId);
    expect(await found('ML')).toContain(answer.body.incidentId);
    expect(await found('ml')).toContain(answer.body.incidentId);
  });
});
