import { RunningApp, http, startApp } from '../support/app';
import { casualties } from '../support/barkhane';
import { logLength, openIncident, readIncident, registerSource } from '../support/e2e';
import { TestDatabase, createTestDatabase } from '../support/postgres';

const REQUESTS = 30;
const EVENTS_PER_REQUEST = 2;
const ROUNDS = 3;

/** The same conditional append from every client at once: one wins, the others are told the version moved. */
async function race(servers: RunningApp[], incidentId: string, sourceId: string): Promise<void> {
  const base = servers[0].baseUrl;
  const before = await readIncident(base, incidentId);
  const logBefore = await logLength(base);
  const answers = await Promise.all(
    Array.from({ length: REQUESTS }, (_, i) =>
      http(servers[i % servers.length].baseUrl, 'POST', `/incidents/${incidentId}/events`, {
        headers: { 'if-match': `"${before.version}"` },
        body: { events: Array.from({ length: EVENTS_PER_REQUEST }, () => casualties(sourceId, { best: i })) },
      }),
    ),
  );
  const statuses = answers.map((a) => a.status).sort();
  expect(statuses).toEqual([201, ...Array(REQUESTS - 1).fill(412)]);
  for (const refused of answers.filter((a) => a.status === 412)) {
    expect(refused.body).toEqual({ statusCode: 412, error: 'Precondition Failed', message: [expect.stringMatching(/\S/)] });
  }
  const winner = answers.find((a) => a.status === 201)!;
  expect(winner.headers.get('etag')).toBe(`"${before.version + EVENTS_PER_REQUEST}"`);
  expect((await readIncident(base, incidentId)).version).toBe(before.version + EVENTS_PER_REQUEST);
  expect(await logLength(base)).toBe(logBefore + EVENTS_PER_REQUEST);
}

describe.each([
  ['SQLite', 1],
  ['PostgreSQL', 1],
  ['PostgreSQL, two instances', 2],
])(`${REQUESTS} concurrent appends with the same If-Match on %s`, (store, instances) => {
  let servers: RunningApp[] = [];
  let database: TestDatabase | null = null;
  let sourceId: string;
  let incidentId: string;

  beforeAll(async () => {
    if (store.startsWith('PostgreSQL')) database = await createTestDatabase();
    const env: Record<string, string> = database ? { EVENT_STORE: 'postgres', DATABASE_URL: database.url } : {};
    for (let i = 0; i < instances; i++) servers.push(await startApp(env));
    sourceId = await registerSource(servers[0].baseUrl);
    incidentId = await openIncident(servers[0].baseUrl, sourceId);
  });

  afterAll(async () => {
    for (const server of servers) await server.close();
    servers = [];
    await database?.drop();
  });

  it(`answers exactly one 201 and ${REQUESTS - 1} × 412, and the incident moves by the events of one request (${ROUNDS} rounds)`, async () => {
    for (let round = 0; round < ROUNDS; round++) await race(servers, incidentId, sourceId);
  });
});
