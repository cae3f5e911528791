import pg from 'pg';
import { ADVISORY_LOCKS } from '../../src/database/postgres/advisory-locks';
import { RunningApp, http, startApp } from '../support/app';
import { barkhaneSource, casualties, opening } from '../support/barkhane';
import { TestDatabase, createTestDatabase } from '../support/postgres';

/** Polls until `check` holds or `ms` pass; answers whether it held. */
async function within(ms: number, check: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

async function sql<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

const leaders = (url: string) =>
  sql<{ pid: number }>(
    url,
    `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted
       AND ((classid::bigint << 32) | objid::bigint) = ${ADVISORY_LOCKS.projectionLeadership}`,
  );

describe('two app instances on one PostgreSQL database', () => {
  let database: TestDatabase;
  let first: RunningApp;
  let second: RunningApp;
  let sourceId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = { EVENT_STORE: 'postgres', DATABASE_URL: database.url };
    first = await startApp(env);
    second = await startApp(env);
    sourceId = (await http(first.baseUrl, 'POST', '/sources', { body: barkhaneSource() })).body.sourceId;
  });

  afterAll(async () => {
    await second.close();
    await first.close().catch(() => undefined);
    await database.drop();
  });

  it('have exactly one of them applying projections', async () => {
    expect(await leaders(database.url)).toHaveLength(1);
  });

  it('show a write made on one to readers of the other once the projections caught up', async () => {
    const { body } = await http(first.baseUrl, 'POST', '/incidents', { body: opening(sourceId) });
    const seen = await within(5_000, async () => (await http(second.baseUrl, 'GET', `/incidents/${body.incidentId}`)).status === 200);
    expect(seen).toBe(true);
    const written = await http(second.baseUrl, 'POST', `/incidents/${body.incidentId}/events`, { body: { events: [casualties(sourceId)] } });
    expect(written.status).toBe(201);
    expect((await http(second.baseUrl, 'GET', `/incidents/${body.incidentId}`)).body.casualties).toHaveLength(1);
    expect(await within(5_000, async () => (await http(first.baseUrl, 'GET', `/incidents/${body.incidentId}`)).body.version === 2)).toBe(true);
  });

  it('go on when the leader dies: the other takes the lead within seconds and writes stay readable', async () => {
    const [leader] = await leaders(database.url);
    // The leader's session is cut, as when its process or its machine dies.
    await sql(database.url, `SELECT pg_terminate_backend(${leader.pid})`);
    const { body } = await http(second.baseUrl, 'POST', '/incidents', { body: opening(sourceId, { title: 'After the leader died' }) });
    expect(await within(5_000, async () => (await http(second.baseUrl, 'GET', `/incidents/${body.incidentId}`)).status === 200)).toBe(true);
    expect(await within(5_000, async () => (await leaders(database.url)).length === 1)).toBe(true);
    const statuses = (await http(second.baseUrl, 'GET', '/projections')).body as { status: string; lag: number }[];
    for (const status of statuses) expect(status).toMatchObject({ status: 'live', lag: 0 });
  });

  it('go on when an instance stops: the one left applies every write', async () => {
    await first.close();
    const { body } = await http(second.baseUrl, 'POST', '/incidents', { body: opening(sourceId, { title: 'With one instance left' }) });
    expect((await http(second.baseUrl, 'GET', `/incidents/${body.incidentId}`)).status).toBe(200);
    expect(await leaders(database.url)).toHaveLength(1);
  });
});
