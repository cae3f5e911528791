import pg from 'pg';
import { casualties } from '../support/barkhane';
import { ChildServer, buildIfStale, projectionsCaughtUp, readWholeLog, runCli, startChildServer } from '../support/child-server';
import { newId, openIncident, registerSource } from '../support/e2e';
import { eventually } from '../support/reliability';
import { StoppablePostgres, startStoppablePostgres } from '../support/stoppable-postgres';
import { TestDatabase, createTestDatabase } from '../support/postgres';

const CLIENTS = 4;
/** Cuts go on until this many requests met one (or MAX_CUTS), so the test does not hang on luck. */
const INTERRUPTED_WANTED = 5;
const MIN_CUTS = 10;
const MAX_CUTS = 300;
const CUT_EVERY_MS = 100;
/** An answer slower than this is a hang. */
const REQUEST_TIMEOUT_MS = 30_000;

interface Attempt {
  incidentId: string;
  eventIds: string[];
  body: string;
}

interface Outcome {
  acknowledged: Attempt[];
  /** Answered 503: the append may or may not have committed (the connection may have died in COMMIT). */
  unavailable: Attempt[];
  /** Anything else: a 500, another status, a 503 without the contract's body or Retry-After, a hang. */
  wrong: string[];
}

function attempt(sourceId: string, incidentId: string, n: number): Attempt {
  const eventIds = [newId(), newId()];
  return { incidentId, eventIds, body: JSON.stringify({ events: eventIds.map((eventId, i) => ({ ...casualties(sourceId, { best: n + i }), eventId })) }) };
}

async function send(baseUrl: string, request: Attempt): Promise<{ status: number; retryAfter: string | null; body: any } | { error: string }> {
  try {
    const response = await fetch(`${baseUrl}/incidents/${request.incidentId}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: request.body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json().catch(() => null) };
  } catch (error) {
    return { error: String(error) };
  }
}

/** Ends every session of the test's own database but this one (never another database on the server). */
async function cutConnections(admin: pg.Client, database: string): Promise<number> {
  const { rowCount } = await admin.query(
    'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
    [database],
  );
  return rowCount ?? 0;
}

/** The sessions of the test's database that listen for appends, and that hold the projections' lead. */
async function sessions(admin: pg.Client, database: string): Promise<{ listening: number; leading: number }> {
  const { rows } = await admin.query<{ listening: number; leading: number }>(
    `SELECT (SELECT count(*)::int FROM pg_stat_activity WHERE datname = $1 AND query ILIKE 'LISTEN %') AS listening,
            (SELECT count(*)::int FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE d.datname = $1 AND l.locktype = 'advisory' AND l.granted) AS leading`,
    [database],
  );
  return rows[0];
}

/** Clients that append until told to stop, sorting every answer. */
function startWriters(base: string, sourceId: string, incidents: string[], clients = CLIENTS): { outcome: Outcome; stop(): Promise<void> } {
  const outcome: Outcome = { acknowledged: [], unavailable: [], wrong: [] };
  let writing = true;
  const client = async (index: number) => {
    for (let n = 0; writing; n++) {
      const request = attempt(sourceId, incidents[index % incidents.length], n);
      const answer = await send(base, request);
      if ('error' in answer) outcome.wrong.push(`no answer: ${answer.error}`);
      else if (answer.status === 201) outcome.acknowledged.push(request);
      else if (answer.status === 503) {
        outcome.unavailable.push(request);
        const houseBody = answer.body?.statusCode === 503 && answer.body?.error === 'Service Unavailable' && Array.isArray(answer.body?.message) && answer.body.message.length > 0;
        if (!houseBody || !/^\d+$/.test(answer.retryAfter ?? '')) outcome.wrong.push(`503 without the contract's body or Retry-After: ${answer.retryAfter} ${JSON.stringify(answer.body)}`);
      } else outcome.wrong.push(`${answer.status}: ${JSON.stringify(answer.body)}`);
    }
  };
  const running = Array.from({ length: clients }, (_, i) => client(i));
  return {
    outcome,
    async stop() {
      writing = false;
      await Promise.all(running);
    },
  };
}

/** Nothing acknowledged lost, nothing twice, a 503'd request whole or absent, and its retry stored once. */
async function expectLogIntact(base: string, outcome: Outcome): Promise<void> {
  const count = async () => {
    const stored = new Map<string, number>();
    for (const event of await readWholeLog(base)) stored.set(event.eventId, (stored.get(event.eventId) ?? 0) + 1);
    expect([...stored].filter(([, times]) => times > 1)).toEqual([]);
    return stored;
  };
  const stored = await count();
  expect(outcome.acknowledged.flatMap((r) => r.eventIds).filter((id) => !stored.has(id))).toEqual([]);
  for (const request of outcome.unavailable) expect([0, 2]).toContain(request.eventIds.filter((id) => stored.has(id)).length);
  // What was answered 503 is retried with the same event ids: stored once, whether or not it had committed.
  for (const request of outcome.unavailable) {
    const answer = await send(base, request);
    expect('status' in answer && [200, 201].includes(answer.status)).toBe(true);
  }
  const afterRetries = await count();
  expect(outcome.unavailable.flatMap((r) => r.eventIds).filter((id) => !afterRetries.has(id))).toEqual([]);
}

describe('PostgreSQL connections cut (pg_terminate_backend) while clients write', () => {
  let database: TestDatabase;
  let databaseName: string;
  let admin: pg.Client;
  let server: ChildServer | null = null;
  let env: Record<string, string>;

  beforeAll(async () => {
    buildIfStale();
    database = await createTestDatabase();
    databaseName = new URL(database.url).pathname.slice(1);
    env = { EVENT_STORE: 'postgres', DATABASE_URL: database.url };
    admin = new pg.Client({ connectionString: database.url });
    admin.on('error', () => undefined);
    await admin.connect();
  }, 180_000);

  afterAll(async () => {
    await server?.kill9();
    await admin?.end();
    await database?.drop();
  });

  it('answers 503 with Retry-After during the cuts (never 500, never a hang), works again after, loses nothing acknowledged, applies nothing twice, verifies clean', async () => {
    server = await startChildServer(env);
    const base = server.baseUrl;
    const sourceId = await registerSource(base);
    const incidents = [await openIncident(base, sourceId), await openIncident(base, sourceId)];

    const writers = startWriters(base, sourceId, incidents);
    const { outcome } = writers;
    let terminated = 0;
    for (let cut = 0; cut < MAX_CUTS && (cut < MIN_CUTS || outcome.unavailable.length < INTERRUPTED_WANTED); cut++) {
      await new Promise((resolve) => setTimeout(resolve, CUT_EVERY_MS));
      terminated += await cutConnections(admin, databaseName);
    }
    await writers.stop();

    expect(outcome.wrong).toEqual([]);
    expect(terminated).toBeGreaterThan(0);
    // The cuts hit requests in flight (else this test proves nothing about them).
    expect(outcome.unavailable.length).toBeGreaterThanOrEqual(INTERRUPTED_WANTED);

    // Writes work again, without a restart.
    for (let i = 0; i < 20; i++) {
      const request = attempt(sourceId, incidents[i % incidents.length], i);
      const answer = await send(base, request);
      expect('status' in answer && answer.status).toBe(201);
      outcome.acknowledged.push(request);
    }
    await expectLogIntact(base, outcome);

    // The leader's lock connection and the LISTEN connection came back: the projections catch up.
    expect(await projectionsCaughtUp(base)).toBe(true);
    expect(await eventually(async () => (await sessions(admin, databaseName)).listening === 1, 15_000, 100)).toBe(true);
    expect(await eventually(async () => (await sessions(admin, databaseName)).leading === 1, 15_000, 100)).toBe(true);
    await server.stop();
    server = null;
    const verify = await runCli(['verify'], env);
    expect({ code: verify.code, output: verify.output.slice(-2000) }).toEqual({ code: 0, output: expect.any(String) });
  }, 240_000);
});

describe('PostgreSQL stopped and started again under the running app (a throwaway embedded server)', () => {
  let postgres: StoppablePostgres;
  let server: ChildServer | null = null;
  let env: Record<string, string>;
  const DATABASE = 'incident_log_restart';

  const asAdmin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: postgres.urlOf(DATABASE) });
    client.on('error', () => undefined);
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    buildIfStale();
    postgres = await startStoppablePostgres();
    const admin = new pg.Client({ connectionString: postgres.adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${DATABASE}`);
    await admin.end();
    env = { EVENT_STORE: 'postgres', DATABASE_URL: postgres.urlOf(DATABASE) };
  }, 240_000);

  afterAll(async () => {
    await server?.kill9();
    await postgres?.close();
  });

  it('answers 503 with Retry-After while the database is down, writes again once it is back, loses nothing acknowledged, verifies clean', async () => {
    server = await startChildServer(env);
    const base = server.baseUrl;
    const sourceId = await registerSource(base);
    const incidents = [await openIncident(base, sourceId), await openIncident(base, sourceId)];
    const writers = startWriters(base, sourceId, incidents);
    const { outcome } = writers;

    expect(await eventually(() => outcome.acknowledged.length >= 50, 60_000, 50)).toBe(true);
    await postgres.stop();
    const unavailableBefore = outcome.unavailable.length;
    // Down: every write is refused at once with 503 (no hang), many times over.
    expect(await eventually(() => outcome.unavailable.length >= unavailableBefore + 20, 60_000, 50)).toBe(true);
    await postgres.start();
    const acknowledgedBefore = outcome.acknowledged.length;
    // Back: writes succeed again without restarting the app.
    expect(await eventually(() => outcome.acknowledged.length >= acknowledgedBefore + 50, 60_000, 50)).toBe(true);
    await writers.stop();

    expect(outcome.wrong).toEqual([]);
    await expectLogIntact(base, outcome);
    expect(await projectionsCaughtUp(base)).toBe(true);
    expect(await eventually(async () => (await asAdmin((client) => sessions(client, DATABASE))).listening === 1, 15_000, 100)).toBe(true);
    expect(await eventually(async () => (await asAdmin((client) => sessions(client, DATABASE))).leading === 1, 15_000, 100)).toBe(true);
    await server.stop();
    server = null;
    const verify = await runCli(['verify'], env);
    expect({ code: verify.code, output: verify.output.slice(-2000) }).toEqual({ code: 0, output: expect.any(String) });
  }, 300_000);
});
