/**
 * The error examples of the OpenAPI document are true: each one is provoked on a real server and
 * its message compared with the example's (ids aside, which differ from run to run).
 */
import { ERROR_EXAMPLES } from '../../src/http/openapi-error-answers';
import { HttpAnswer, RunningApp, http, startApp } from '../support/app';
import { BARKHANE_TEXT, barkhaneSource, opening } from '../support/barkhane';
import { casualties } from '../support/barkhane';
import { openIncident, registerSource } from '../support/e2e';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const withoutIds = (messages: string[]): string[] => messages.map((message) => message.replace(UUID, '<id>'));
const UNKNOWN = '01936f5e-2a4b-7c8d-9e0f-1a2b3c4d5e6f';

type Provoke = (base: string) => Promise<HttpAnswer>;

const post = (path: string, body: unknown, headers: Record<string, string> = {}) => (base: string) => http(base, 'POST', path, { body, headers });
const get = (path: string) => (base: string) => http(base, 'GET', path);

/** How to make the server give each documented error, keyed by `status METHOD /path`. */
const PROVOCATIONS: Record<string, Provoke> = {
  '400 GET /sources': get('/sources?limit=9999'),
  '400 GET /sources/{sourceId}': get('/sources/nope'),
  '400 GET /incidents': get('/incidents?limit=9999'),
  '400 GET /incidents/{incidentId}': get('/incidents/nope'),
  '400 GET /incidents/{incidentId}/history': get('/incidents/nope/history'),
  '400 GET /events': get('/events?limit=99999'),
  '400 GET /stats/casualties': get('/stats/casualties?groupBy=nope'),
  '400 GET /stats/materiel': get('/stats/materiel?groupBy=nope'),
  '400 GET /identifications': get('/identifications?status=nope'),
  '400 GET /actors': get('/actors?limit=9999'),
  '400 POST /sources': post('/sources', {}),
  '400 POST /incidents': post('/incidents', {}),
  '400 POST /incidents/{incidentId}/events': async (base) => post(`/incidents/${await openIncident(base, await registerSource(base))}/events`, { events: [] })(base),
  '400 POST /imports': post('/imports', {}),
  '404 GET /sources/{sourceId}': get(`/sources/${UNKNOWN}`),
  '404 GET /incidents/{incidentId}': get(`/incidents/${UNKNOWN}`),
  '404 GET /incidents/{incidentId}/history': get(`/incidents/${UNKNOWN}/history`),
  '404 POST /incidents/{incidentId}/events': async (base) => post(`/incidents/${UNKNOWN}/events`, { events: [casualties(await registerSource(base))] })(base),
  '404 POST /projections/{name}/rebuild': post('/projections/nope/rebuild', undefined),
  '409 POST /incidents': async (base) => {
    const sourceId = await registerSource(base);
    const incidentId = await openIncident(base, sourceId);
    return post('/incidents', { ...opening(sourceId), incidentId, title: 'another title' })(base);
  },
  '409 POST /incidents/{incidentId}/events': async (base) => {
    const sourceId = await registerSource(base);
    const incidentId = await openIncident(base, sourceId);
    const eventId = crypto.randomUUID();
    await post(`/incidents/${incidentId}/events`, { events: [{ ...casualties(sourceId), eventId }] })(base);
    return post(`/incidents/${incidentId}/events`, { events: [{ ...casualties(sourceId, { low: 2 }), eventId }] })(base);
  },
  '409 POST /imports': async (base) => {
    const sourceId = await registerSource(base);
    const incidentId = await openIncident(base, sourceId);
    const eventId = crypto.randomUUID();
    await post(`/incidents/${incidentId}/events`, { events: [{ ...casualties(sourceId), eventId }] })(base);
    const event = { ...casualties(sourceId), eventId, source: { excerpt: 'neutraliser sept terroristes' } };
    return post('/imports', { source: barkhaneSource(), incidents: [{ open: { ...opening(sourceId), source: { excerpt: 'dans la région du Gourma au Mali' } }, events: [event] }] })(base);
  },
  '412 POST /incidents/{incidentId}/events': async (base) => {
    const sourceId = await registerSource(base);
    const incidentId = await openIncident(base, sourceId);
    await post(`/incidents/${incidentId}/events`, { events: [casualties(sourceId)] })(base);
    return post(`/incidents/${incidentId}/events`, { events: [casualties(sourceId)] }, { 'if-match': '"1"' })(base);
  },
  '415 *': (base) => http(base, 'POST', '/sources', { raw: 'text', headers: { 'content-type': 'text/plain' } }),
  '422 POST /incidents': (base) => post('/incidents', opening(UNKNOWN))(base),
  '422 POST /incidents/{incidentId}/events': async (base) => {
    const sourceId = await registerSource(base);
    const incidentId = await openIncident(base, sourceId);
    return post(`/incidents/${incidentId}/events`, { events: [{ ...casualties(sourceId), source: { sourceId, excerpt: 'huit terroristes' } }] })(base);
  },
  '422 POST /imports': (base) =>
    post('/imports', { source: { ...barkhaneSource(), text: `${BARKHANE_TEXT}\nimport` }, incidents: [{ open: { ...opening('unused'), source: { excerpt: 'dans la région du Gourma au Mali' } }, events: [{ ...casualties('unused'), source: { excerpt: 'huit terroristes' } }] }] })(base),
};

describe('the error examples of the OpenAPI document are what the server answers', () => {
  let server: RunningApp;

  beforeAll(async () => {
    server = await startApp();
  });
  afterAll(() => server.close());

  const documented = Object.entries(ERROR_EXAMPLES).flatMap(([status, byRoute]) => Object.entries(byRoute).map(([route, message]) => ({ status: Number(status), route, message })));

  it('has a way to provoke every documented example but the 503 of a database out of reach', () => {
    const provoked = documented.filter(({ status }) => status !== 503).map(({ status, route }) => `${status} ${route}`);
    expect(Object.keys(PROVOCATIONS).sort()).toEqual(provoked.sort());
  });

  it.each(documented.filter(({ status }) => status !== 503))('$status $route', async ({ status, route, message }) => {
    const answer = await PROVOCATIONS[`${status} ${route}`](server.baseUrl);
    expect(answer.status).toBe(status);
    expect(withoutIds(answer.body.message)).toEqual(withoutIds(message));
  });
});
