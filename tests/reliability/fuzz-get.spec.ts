import fc from 'fast-check';
import { RunningApp, http, startApp } from '../support/app';
import { openIncident, registerSource } from '../support/e2e';
import { HOSTILE_STRINGS, hostileString } from '../support/hostile-bodies';

const RUNS = 1000;

/** Ids nobody stored: path traversal, overlong, not a UUID, almost a UUID, encoded oddly. */
const badId: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS, '..', '.', '%', '%00', '%ZZ', '%E0%A4%A', '..%2f..%2fetc%2fpasswd', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff'),
  hostileString,
  fc.uuid().map((id) => id.replace(/-/g, '')),
  fc.uuid().map((id) => `${id}x`),
  // Overlong but under Node's 16 KiB header limit, past which Node itself answers 431 before any route.
  fc.integer({ min: 101, max: 5_000 }).map((n) => 'a'.repeat(n)),
);

const GET_BY_ID = ['/incidents/{id}', '/incidents/{id}/history', '/sources/{id}'];
const LISTS: Record<string, string[]> = {
  '/incidents': ['country', 'from', 'to', 'operation', 'actor', 'sourceId', 'includeWithdrawn', 'limit', 'cursor'],
  '/events': ['after', 'limit'],
  '/stats/casualties': ['groupBy', 'side', 'status', 'asOf', 'country'],
  '/stats/materiel': ['groupBy', 'category', 'asOf', 'country'],
  '/identifications': ['status'],
  '/actors': ['name'],
  '/sources': ['limit', 'cursor'],
  '/projections': ['name'],
};

/** A query parameter value: injection strings, odd numbers, repeated keys, long values. */
const badValue: fc.Arbitrary<string> = fc.oneof(
  badId,
  fc.constantFrom('-1', '1e309', '-0', 'NaN', '99999999999999999999999', '1.5', '0x10', '[]', '{}', 'true', ''),
);

/** Sends a path exactly as written, or percent-encoded (fetch would resolve `..` itself otherwise). */
const asPath = (raw: string, encode: boolean): string => (encode ? encodeURIComponent(raw) : raw.replace(/[#?]/g, encodeURIComponent));

describe('fuzzing the GET routes: odd ids and query strings never answer 5xx', () => {
  let server: RunningApp;
  let base: string;
  let incidentId: string;

  beforeAll(async () => {
    server = await startApp();
    base = server.baseUrl;
    incidentId = await openIncident(base, await registerSource(base));
  });
  afterAll(() => server.close());

  async function expectNo5xx(path: string): Promise<void> {
    const answer = await http(base, 'GET', path).catch((error: Error) => ({ status: -1, body: error.message }));
    if (answer.status === -1) return; // fetch refused to send it (an invalid URL): the server never saw it
    if (answer.status >= 500) throw new Error(`GET ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    if (answer.status >= 400) expect(answer.body).toEqual({ statusCode: answer.status, error: expect.any(String), message: expect.arrayContaining([expect.any(String)]) });
  }

  it(`answers ${RUNS} reads of odd ids without a 5xx, a refusal in the contract's body`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...GET_BY_ID), badId, fc.boolean(), (route, id, encode) => expectNo5xx(route.replace('{id}', asPath(id, encode)))),
      { numRuns: RUNS },
    );
  }, 120_000);

  it(`answers ${RUNS} lists with odd query strings without a 5xx`, async () => {
    const query = fc.constantFrom(...Object.keys(LISTS)).chain((route) =>
      fc.tuple(fc.constant(route), fc.array(fc.tuple(fc.oneof(fc.constantFrom(...LISTS[route]), hostileString), badValue), { minLength: 1, maxLength: 4 })),
    );
    await fc.assert(
      fc.asyncProperty(query, ([route, pairs]) => expectNo5xx(`${route}?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`)),
      { numRuns: RUNS },
    );
  }, 120_000);

  it(`answers ${RUNS} odd queries on an incident that exists (asOf, atVersion) without a 5xx`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('asOf', 'atVersion', 'view'), badValue, fc.boolean(), (key, value, history) =>
        expectNo5xx(`/incidents/${incidentId}${history ? '/history' : ''}?${key}=${encodeURIComponent(value)}`),
      ),
      { numRuns: RUNS },
    );
  }, 120_000);
});
