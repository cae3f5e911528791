/**
 * Access over real HTTP on a real store: every route with no key, an unknown key, a revoked key and
 * a key of each role; `recordedBy` is the key's name; a revocation or a first key reaches a running
 * server within a second; local mode while no key exists.
 */
import Fastify from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { UndeclaredRoute, requireDeclaredAccess } from '../../src/access/access-control';
import { newAccessKey } from '../../src/access/access-key';
import { KEYS_POLL_INTERVAL_MS } from '../../src/access/access-keys';
import { AccessKeyTable } from '../../src/access/access-key-table';
import { PUBLIC, ROUTE_ACCESS, RouteAccess } from '../../src/access/route-access';
import { createKey } from '../../src/cli/keys-commands';
import { HttpAnswer, RunningApp, e2eStore, http, startApp } from '../support/app';
import { BARKHANE_TEXT, barkhaneSource, opening } from '../support/barkhane';
import { expectError, facts } from '../support/e2e';
import { bearer, eventually, keyFor, readStatus, revoke } from '../support/keys';
import { createTestDatabase } from '../support/postgres';

/**
 * A first key or a revocation reaches a running server within a second (API.md): the server
 * reloads its keys every KEYS_POLL_INTERVAL_MS. The tests wait for the effect with room to spare,
 * so a busy machine cannot fail them; the interval itself is checked below.
 */
const EVENTUALLY_MS = 10_000;

interface Fixture {
  sourceId: string;
  incidentId: string;
}

interface MatrixRequest {
  /** What the route answers a caller it lets in. */
  allowed: number;
  /** A well-formed request; `token` makes each write new. */
  request: (f: Fixture, token: string) => { path: string; body?: unknown };
}

/** A document of its own for each import, so that each one stores something (201). */
const importDocument = (token: string) => ({
  source: { ...barkhaneSource(), text: `${BARKHANE_TEXT}\n${token}` },
  incidents: [{ open: { ...opening('unused'), source: { excerpt: 'dans la région du Gourma au Mali' } }, events: [{ ...facts.raid('unused'), source: { excerpt: 'un raid héliporté' } }] }],
});

/** One row per route of the app. */
const MATRIX: Record<string, MatrixRequest> = {
  'GET /health': { allowed: 200, request: () => ({ path: '/health' }) },
  'GET /sources': { allowed: 200, request: () => ({ path: '/sources' }) },
  'GET /sources/:sourceId': { allowed: 200, request: (f) => ({ path: `/sources/${f.sourceId}` }) },
  'GET /incidents': { allowed: 200, request: () => ({ path: '/incidents?country=ML' }) },
  'GET /incidents/:incidentId': { allowed: 200, request: (f) => ({ path: `/incidents/${f.incidentId}` }) },
  'GET /incidents/:incidentId/history': { allowed: 200, request: (f) => ({ path: `/incidents/${f.incidentId}/history` }) },
  'GET /events': { allowed: 200, request: () => ({ path: '/events?after=0&limit=10' }) },
  'GET /stats/casualties': { allowed: 200, request: () => ({ path: '/stats/casualties?groupBy=country' }) },
  'GET /stats/materiel': { allowed: 200, request: () => ({ path: '/stats/materiel?groupBy=category' }) },
  'GET /identifications': { allowed: 200, request: () => ({ path: '/identifications?status=pending' }) },
  'GET /actors': { allowed: 200, request: () => ({ path: '/actors' }) },
  'GET /projections': { allowed: 200, request: () => ({ path: '/projections' }) },
  'GET /metrics': { allowed: 200, request: () => ({ path: '/metrics' }) },
  'GET /exports/acled.csv': { allowed: 200, request: () => ({ path: '/exports/acled.csv' }) },
  'GET /exports/ucdp.csv': { allowed: 200, request: () => ({ path: '/exports/ucdp.csv' }) },
  'GET /exports/incidents.geojson': { allowed: 200, request: () => ({ path: '/exports/incidents.geojson' }) },
  'GET /map/places': { allowed: 200, request: () => ({ path: '/map/places' }) },
  'POST /sources': { allowed: 201, request: (_f, token) => ({ path: '/sources', body: { ...barkhaneSource(), text: `${BARKHANE_TEXT}\n${token}` } }) },
  'POST /incidents': { allowed: 201, request: (f) => ({ path: '/incidents', body: opening(f.sourceId) }) },
  'POST /incidents/:incidentId/events': { allowed: 201, request: (f) => ({ path: `/incidents/${f.incidentId}/events`, body: { events: [facts.raid(f.sourceId)] } }) },
  'POST /imports': { allowed: 201, request: (_f, token) => ({ path: '/imports', body: importDocument(token) }) },
  'POST /projections/:name/rebuild': { allowed: 202, request: () => ({ path: '/projections/sources/rebuild' }) },
};

const CALLERS = ['no key', 'unknown key', 'revoked key', 'reader', 'recorder', 'admin'] as const;
type CallerKind = (typeof CALLERS)[number];
const RANK: Record<string, number> = { reader: 1, recorder: 2, admin: 3 };

function expectedStatus(access: RouteAccess, caller: CallerKind, allowed: number): number {
  if (access === PUBLIC) return allowed;
  if (!(caller in RANK)) return 401;
  return RANK[caller] >= RANK[access] ? allowed : 403;
}

const headPosition = async (server: RunningApp): Promise<number> => (await http(server.baseUrl, 'GET', '/health')).body.headPosition;

/** A store that outlives one server: a folder, or a PostgreSQL database in the PostgreSQL project. */
async function lastingStore(): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  if (e2eStore() === 'postgres') {
    const database = await createTestDatabase();
    return { env: { EVENT_STORE: 'postgres', DATABASE_URL: database.url }, drop: database.drop };
  }
  const folder = mkdtempSync(join(tmpdir(), 'incident-log-access-'));
  return { env: { DATA_DIR: folder }, drop: async () => rmSync(folder, { recursive: true, force: true }) };
}

describe('access with keys', () => {
  let server: RunningApp;
  let fixture: Fixture;
  const keys: Partial<Record<CallerKind, string>> = {};

  beforeAll(async () => {
    server = await startApp();
    // Made in local mode, before the first key.
    const source = await http(server.baseUrl, 'POST', '/sources', { body: barkhaneSource() });
    const incident = await http(server.baseUrl, 'POST', '/incidents', { body: opening(source.body.sourceId) });
    fixture = { sourceId: source.body.sourceId, incidentId: incident.body.incidentId };

    keys.reader = await keyFor(server, 'matrix-reader', 'reader');
    keys.recorder = await keyFor(server, 'matrix-recorder', 'recorder');
    keys.admin = await keyFor(server, 'matrix-admin', 'admin');
    keys['revoked key'] = await keyFor(server, 'matrix-revoked', 'admin');
    await revoke(server, 'matrix-revoked', keys['revoked key']!, 30_000);
    keys['unknown key'] = newAccessKey().key;
  });
  afterAll(() => server.close());

  it('the matrix has a request for every route the access table declares, and the table every operation of the OpenAPI document', async () => {
    expect(Object.keys(MATRIX).sort()).toEqual(Object.keys(ROUTE_ACCESS).sort());
    const document = (await http(server.baseUrl, 'GET', '/docs-json')).body;
    const operations = Object.entries(document.paths as Record<string, object>).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`),
    );
    expect(operations.sort()).toEqual(Object.keys(ROUTE_ACCESS).sort());
  });

  describe.each(Object.keys(MATRIX))('%s', (route) => {
    const [method] = route.split(' ');
    const access = ROUTE_ACCESS[route];

    it.each(CALLERS.map((caller) => [caller, expectedStatus(access, caller, MATRIX[route].allowed)] as const))(
      'with %s answers %i',
      async (caller, status) => {
        const request = MATRIX[route].request(fixture, uuidv7());
        const key = keys[caller];
        const before = await headPosition(server);
        const answer = await http(server.baseUrl, method, request.path, { body: request.body, headers: key ? bearer(key) : {} });
        if (status !== answer.status) throw new Error(`${route} with ${caller}: expected ${status}, got ${answer.status} ${JSON.stringify(answer.body)}`);
        if (status === 401) {
          expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer realm="incident-log"/);
          const reason = { 'no key': 'Authorization: a key is required (send "Authorization: Bearer <key>")', 'unknown key': 'Authorization: the key is not known', 'revoked key': 'Authorization: the key "matrix-revoked" was revoked' }[caller as string]!;
          expectError(answer, 401, 'Unauthorized', reason);
        }
        if (status === 403) expectError(answer, 403, 'Forbidden', new RegExp(`needs a key with the role "${access}" or higher; the key "matrix-${caller}" has the role "${caller}"`));
        // A refused write stores nothing.
        if (status === 401 || status === 403) expect(await headPosition(server)).toBe(before);
      },
    );
  });

  it('the OpenAPI document declares the bearer scheme, and on every operation that needs a key the requirement and the 401 and 403 the server answers', async () => {
    const document = (await http(server.baseUrl, 'GET', '/docs-json')).body;
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.security).toBeUndefined();
    const alice = await keyFor(server, 'alice', 'reader');
    for (const [route, row] of Object.entries(MATRIX)) {
      const [method, url] = route.split(' ');
      const operation = document.paths[url.replace(/:(\w+)/g, '{$1}')][method.toLowerCase()];
      const access = ROUTE_ACCESS[route];
      if (access === PUBLIC) {
        expect([route, operation.security, operation.responses['401']]).toEqual([route, undefined, undefined]);
        continue;
      }
      expect([route, operation.security]).toEqual([route, [{ bearer: [] }]]);
      const { path, body } = row.request(fixture, uuidv7());
      const withoutKey = await http(server.baseUrl, method, path, { body });
      expect([route, operation.responses['401'].content['application/json'].example]).toEqual([route, withoutKey.body]);
      expect([route, operation.responses['401'].headers['WWW-Authenticate'].schema.example]).toEqual([route, withoutKey.headers.get('www-authenticate')]);
      if (access === 'reader') {
        expect([route, operation.responses['403']]).toEqual([route, undefined]);
        continue;
      }
      const asAlice = await http(server.baseUrl, method, path, { body, headers: bearer(alice) });
      expect([route, operation.responses['403'].content['application/json'].example]).toEqual([route, asAlice.body]);
      expect([route, operation.responses['403'].headers['WWW-Authenticate'].schema.example]).toEqual([route, asAlice.headers.get('www-authenticate')]);
    }
  });

  it('a header that is not "Bearer <key>" is refused with 401 naming the expected form', async () => {
    const answer = await http(server.baseUrl, 'GET', '/incidents', { headers: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` } });
    expectError(answer, 401, 'Unauthorized', 'Authorization must be "Bearer <key>"');
  });

  it('a key whose id is known but whose secret is not is refused like an unknown key', async () => {
    const forged = `${keys.admin!.slice(0, 'ilk_'.length + 17)}${newAccessKey().key.slice(-43)}`;
    expectError(await http(server.baseUrl, 'GET', '/incidents', { headers: bearer(forged) }), 401, 'Unauthorized', 'Authorization: the key is not known');
  });

  it('a path no route serves needs a key too: 401 without one, 404 with one', async () => {
    expect((await http(server.baseUrl, 'GET', '/no-such-route')).status).toBe(401);
    expect((await http(server.baseUrl, 'GET', '/no-such-route', { headers: bearer(keys.reader!) })).status).toBe(404);
  });

  it('the OpenAPI pages need no key', async () => {
    for (const path of ['/docs', '/docs-json', '/docs/swagger-ui.css']) expect([path, (await fetch(`${server.baseUrl}${path}`)).status]).toEqual([path, 200]);
  });

  it("every event a key writes is recorded by the key's name, imports included", async () => {
    const recorder = await keyFor(server, 'field-recorder', 'recorder');
    const as = { headers: bearer(recorder) };
    const after = await headPosition(server);
    const source = await http(server.baseUrl, 'POST', '/sources', { ...as, body: { ...barkhaneSource(), text: `${BARKHANE_TEXT}\nrecordedBy` } });
    const incident = await http(server.baseUrl, 'POST', '/incidents', { ...as, body: opening(source.body.sourceId) });
    await http(server.baseUrl, 'POST', `/incidents/${incident.body.incidentId}/events`, { ...as, body: { events: [facts.raid(source.body.sourceId)] } });
    const imported = await http(server.baseUrl, 'POST', '/imports', { ...as, body: importDocument('recordedBy import') });
    expect([source.status, incident.status, imported.status]).toEqual([201, 201, 201]);

    const log = await http(server.baseUrl, 'GET', `/events?after=${after}&limit=100`, { headers: bearer(keys.reader!) });
    // A source, an opening, a raid; then the import's source, opening and raid.
    expect(log.body.events.map((e: { type: string; recordedBy: string }) => [e.type, e.recordedBy])).toEqual([
      ['SourceRegistered', 'field-recorder'],
      ['IncidentOpened', 'field-recorder'],
      ['RaidConducted', 'field-recorder'],
      ['SourceRegistered', 'field-recorder'],
      ['IncidentOpened', 'field-recorder'],
      ['RaidConducted', 'field-recorder'],
    ]);
    const history = await http(server.baseUrl, 'GET', `/incidents/${incident.body.incidentId}/history`, { headers: bearer(keys.reader!) });
    expect(history.body.revisions.map((r: { recordedBy: string }) => r.recordedBy)).toEqual(['field-recorder', 'field-recorder']);
    expect((await http(server.baseUrl, 'GET', `/sources/${source.body.sourceId}`, { headers: bearer(keys.reader!) })).body.recordedBy).toBe('field-recorder');
  });

  it('when a key was last used is written at its first use, then at most once a minute, not on every request', async () => {
    const key = await keyFor(server, 'counted', 'reader');
    const lastUsed = async () => (await server.app.get(AccessKeyTable).list()).find((k) => k.name === 'counted')!.lastUsedAt;
    await eventually('the first use is recorded', async () => (await lastUsed()) !== null, 30_000);
    const first = await lastUsed();
    for (let i = 0; i < 20; i++) expect(await readStatus(server, bearer(key))).toBe(200);
    expect(await lastUsed()).toBe(first);
  });

  it('keys are reloaded at least twice a second, so a change reaches a running server within a second', () => {
    expect(KEYS_POLL_INTERVAL_MS).toBeLessThanOrEqual(500);
  });

  it('a revoked key is refused by the running server', async () => {
    const key = await keyFor(server, 'short-lived', 'reader');
    expect(await readStatus(server, bearer(key))).toBe(200);
    await revoke(server, 'short-lived', key, EVENTUALLY_MS);
  });
});

describe('local mode: no key exists', () => {
  let store: Awaited<ReturnType<typeof lastingStore>>;
  let server: RunningApp | null = null;

  beforeAll(async () => {
    store = await lastingStore();
  });
  afterAll(async () => {
    await server?.close();
    await store.drop();
  });

  it('every caller is "local" with every role: reads, writes (recordedBy local) and rebuilds need no key', async () => {
    server = await startApp(store.env);
    expect(await readStatus(server)).toBe(200);
    const source = await http(server.baseUrl, 'POST', '/sources', { body: barkhaneSource() });
    expect(source.status).toBe(201);
    // A key sent in local mode changes nothing: there is none to check it against.
    expect(await readStatus(server, bearer(newAccessKey().key))).toBe(200);
    expect((await http(server.baseUrl, 'POST', '/projections/sources/rebuild')).status).toBe(202);
    const log = await http(server.baseUrl, 'GET', '/events?after=0&limit=10');
    expect(log.body.events.map((e: { recordedBy: string }) => e.recordedBy)).toEqual(['local']);
  });

  it('a first key made while the server runs is required from then on', async () => {
    const lines: string[] = [];
    await createKey(server!.app, 'first-key', 'admin', (line) => lines.push(line));
    await eventually('the server refuses a request without a key', async () => (await readStatus(server!)) === 401, EVENTUALLY_MS);
    expect(await readStatus(server!, bearer(lines[lines.length - 1]))).toBe(200);
    await revoke(server!, 'first-key', lines[lines.length - 1], 30_000);
  });

  it('a server started with keys that are all revoked refuses everyone: it does not fall back to local mode', async () => {
    await server!.close();
    server = null;
    server = await startApp(store.env);
    const answer: HttpAnswer = await http(server.baseUrl, 'GET', '/incidents');
    expectError(answer, 401, 'Unauthorized', 'Authorization: a key is required (send "Authorization: Bearer <key>")');
    expect((await http(server.baseUrl, 'POST', '/sources', { body: { ...barkhaneSource(), text: 'x' } })).status).toBe(401);
    expect((await http(server.baseUrl, 'GET', '/health')).status).toBe(200);
  });
});

describe('a route without declared access', () => {
  it('cannot be registered: the app would not start', async () => {
    const fastify = Fastify();
    requireDeclaredAccess(fastify);
    fastify.get('/health', async () => 'ok');
    expect(() => fastify.get('/undeclared', async () => 'open')).toThrow(UndeclaredRoute);
    expect(() => fastify.post('/health', async () => 'open')).toThrow('POST /health has no declared access');
    await fastify.close();
  });
});
