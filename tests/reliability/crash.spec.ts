import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { casualties } from '../support/barkhane';
import { ChildServer, buildIfStale, projectionsCaughtUp, readWholeLog, runCli, startChildServer } from '../support/child-server';
import { newId, openIncident, registerSource } from '../support/e2e';
import { TestDatabase, createTestDatabase } from '../support/postgres';

const CLIENTS = 8;
const INCIDENTS = 4;
/** The server is killed once this many appends were acknowledged, whatever the time it took. */
const KILL_AFTER_ACKNOWLEDGED = 200;
const EVENTS_PER_REQUEST = 2;

interface Request {
  incidentId: string;
  eventIds: string[];
  body: unknown;
}

/**
 * Clients append until the server dies under them. Every request is sorted by what its client
 * knows: acknowledged (201), or in flight when the server died (outcome unknown).
 */
async function writeUntilKilled(server: ChildServer, sourceId: string, incidents: string[]): Promise<{ acknowledged: Request[]; inFlight: Request[]; other: string[] }> {
  const acknowledged: Request[] = [];
  const inFlight: Request[] = [];
  const other: string[] = [];
  let killing: Promise<void> | null = null;
  const client = async (index: number): Promise<void> => {
    const incidentId = incidents[index % incidents.length];
    for (let n = 0; ; n++) {
      const eventIds = Array.from({ length: EVENTS_PER_REQUEST }, () => newId());
      const request: Request = {
        incidentId,
        eventIds,
        body: { events: eventIds.map((eventId, i) => ({ ...casualties(sourceId, { best: n + i }), eventId })) },
      };
      let status: number;
      try {
        const response = await fetch(`${server.baseUrl}/incidents/${incidentId}/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(request.body),
        });
        status = response.status;
        await response.text();
      } catch {
        // The connection broke: the server is gone, and whether this append committed is unknown.
        inFlight.push(request);
        return;
      }
      if (status === 201) {
        acknowledged.push(request);
        if (acknowledged.length === KILL_AFTER_ACKNOWLEDGED) killing = server.kill9();
      } else {
        other.push(`${status}`);
      }
      if (killing && server.process.exitCode === null && server.process.signalCode === null) continue;
      if (killing) return;
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));
  await killing;
  return { acknowledged, inFlight, other };
}

function expectOnce(log: { eventId: string }[]): Map<string, number> {
  const seen = new Map<string, number>();
  for (const event of log) seen.set(event.eventId, (seen.get(event.eventId) ?? 0) + 1);
  const twice = [...seen].filter(([, count]) => count > 1).map(([eventId]) => eventId);
  expect(twice).toEqual([]);
  return seen;
}

describe.each(['SQLite', 'PostgreSQL'])('kill -9 of the server on %s while 8 clients append', (store) => {
  let dataDir: string;
  let database: TestDatabase | null = null;
  let env: Record<string, string>;
  let server: ChildServer | null = null;

  beforeAll(async () => {
    buildIfStale();
    dataDir = mkdtempSync(join(tmpdir(), 'incident-log-crash-'));
    if (store === 'PostgreSQL') database = await createTestDatabase();
    env = { DATA_DIR: dataDir, ...(database ? { EVENT_STORE: 'postgres', DATABASE_URL: database.url } : {}) };
  }, 180_000);

  afterAll(async () => {
    await server?.kill9();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged append, each event once, applies an interrupted request whole or not at all, and verifies clean after a restart', async () => {
    server = await startChildServer(env);
    const sourceId = await registerSource(server.baseUrl);
    const incidents: string[] = [];
    for (let i = 0; i < INCIDENTS; i++) incidents.push(await openIncident(server.baseUrl, sourceId, { title: `Incident ${i}` }));

    const { acknowledged, inFlight, other } = await writeUntilKilled(server, sourceId, incidents);
    expect(other).toEqual([]);
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKNOWLEDGED);
    // The other clients were waiting for answers when it died: the crash interrupted real appends.
    expect(inFlight.length).toBeGreaterThan(0);

    server = await startChildServer(env);
    const stored = expectOnce(await readWholeLog(server.baseUrl));
    const missing = acknowledged.flatMap((r) => r.eventIds).filter((eventId) => !stored.has(eventId));
    expect(missing).toEqual([]);
    // An interrupted request committed whole or not at all.
    for (const request of inFlight) expect([0, EVENTS_PER_REQUEST]).toContain(request.eventIds.filter((id) => stored.has(id)).length);

    // The clients retry what they never heard back about: with the same event ids, nothing is stored twice.
    for (const request of inFlight) {
      const retried = await fetch(`${server.baseUrl}/incidents/${request.incidentId}/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request.body),
      });
      // 201 when it had not committed, 200 when it had (every event already stored with that content).
      expect([200, 201]).toContain(retried.status);
    }
    const afterRetries = expectOnce(await readWholeLog(server.baseUrl));
    expect(inFlight.flatMap((r) => r.eventIds).filter((eventId) => !afterRetries.has(eventId))).toEqual([]);

    expect(await projectionsCaughtUp(server.baseUrl)).toBe(true);
    await server.stop();
    server = null;
    const verify = await runCli(['verify'], env);
    expect({ code: verify.code, output: verify.output.slice(-2000) }).toEqual({ code: 0, output: expect.any(String) });
  }, 240_000);
});
