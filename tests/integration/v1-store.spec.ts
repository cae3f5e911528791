/**
 * A store written by version 1 (tests/fixtures/v1-store, made with commit e6ebb29 before the
 * 1.1 changes) opens with today's code: its RaidConducted and StrikeConducted v1 events, and the
 * corrections written in their v1 shape, read in the current shape everywhere, while the rows
 * stored stay exactly as v1 wrote them. Every projection is rebuilt from it and passes verify,
 * on SQLite and, after `migrate`, on PostgreSQL.
 */
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrateLog, targetConfig } from '../../src/cli/migrate-log';
import { loadConfig } from '../../src/config/app-config';
import { ProjectionEngine } from '../../src/projections/engine/projection-engine';
import { openStorage } from '../../src/infrastructure/storage';
import { RunningApp, http, startApp } from '../support/app';
import { barkhaneImport } from '../support/barkhane';
import { TestDatabase, createTestDatabase } from '../support/postgres';

const FIXTURE = join(__dirname, '../fixtures/v1-store');
const V1_ANSWERS = JSON.parse(readFileSync(join(FIXTURE, 'v1-answers.json'), 'utf8')) as Record<string, any>;
const INCIDENT_A = '0193a000-1000-7000-8000-000000000001';
const INCIDENT_B = '0193a000-2000-7000-8000-000000000001';
const SEED_INCIDENT = '01670a5e-2000-7380-bf4e-20f4d0f8eab8';
const RAID_CORRECTED = '0193a000-1001-7000-8000-000000000001';
const STRIKE_CORRECTED = '0193a000-1001-7000-8000-000000000003';
const RAID_CORRECTION = '0193a000-1001-7000-8000-000000000010';

/** A copy of the fixture in a new folder: opening a store switches it to WAL, the committed file stays as v1 wrote it. */
function copyOfFixture(): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'incident-log-v1-'));
  copyFileSync(join(FIXTURE, 'incident-log.sqlite'), join(dataDir, 'incident-log.sqlite'));
  return dataDir;
}

/** Projections whose version changed since v1 rebuild in the background at start: wait for them. */
async function untilLive(app: RunningApp): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const { body } = await http(app.baseUrl, 'GET', '/projections');
    if ((body as { status: string; lag: number }[]).every((p) => p.status === 'live' && p.lag === 0)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('projections did not all become live');
}

/** What v1 showed of a fact, less what 1.1 shows differently (modes, means, nulls, corrections). */
const v1Fact = (fact: Record<string, unknown>) => {
  const { mode: _mode, means: _means, ...rest } = fact;
  return rest;
};

async function expectCurrentShape(app: RunningApp): Promise<void> {
  const incident = (await http(app.baseUrl, 'GET', `/incidents/${INCIDENT_A}`)).body;
  const v1 = V1_ANSWERS[`GET /incidents/${INCIDENT_A}`];
  expect(incident.version).toBe(v1.version);
  expect(incident.raids.map((r: any) => [r.eventId, r.modes])).toEqual([
    [RAID_CORRECTED, ['airborne']],
    ['0193a000-1001-7000-8000-000000000002', ['heliborne']],
  ]);
  expect(incident.raids[0]).toMatchObject(v1Fact(v1.raids[0]));
  expect(incident.raids[0].corrections).toEqual([expect.objectContaining({ eventId: RAID_CORRECTION, reason: expect.any(String) })]);
  expect(incident.strikes.map((s: any) => [s.eventId, s.means])).toEqual([[STRIKE_CORRECTED, ['aircraft']]]);
  expect(incident.casualties.map((c: any) => c.count)).toEqual([{ low: 5, best: 8, high: 9 }]);
  expect(incident.identifications.map((i: any) => i.status)).toEqual(v1.identifications.map((i: any) => i.status));
  expect(incident.location).toEqual({ ...v1.location, relativeTo: null });
  expect((await http(app.baseUrl, 'GET', `/incidents/${INCIDENT_B}`)).body.strikes[0].means).toEqual(['missile']);
  expect((await http(app.baseUrl, 'GET', `/incidents/${INCIDENT_B}`)).body.raids[0].modes).toEqual(['naval']);

  // As of the version before the correction: the raid as first recorded, in the current shape.
  const before = (await http(app.baseUrl, 'GET', `/incidents/${INCIDENT_A}?atVersion=10`)).body;
  expect(before.raids[0].modes).toEqual(['ground']);

  const log = (await http(app.baseUrl, 'GET', '/events?after=0&limit=1000')).body.events as any[];
  expect(log).toHaveLength(V1_ANSWERS['GET /events?after=0&limit=1000'].events.length);
  const raids = log.filter((e) => e.type === 'RaidConducted');
  expect(raids.map((e) => [e.schemaVersion, e.data.modes, 'mode' in e.data])).toEqual(
    raids.map(() => [2, expect.any(Array), false]),
  );
  expect(log.find((e) => e.eventId === RAID_CORRECTION)).toMatchObject({ schemaVersion: 2, data: { data: { modes: ['airborne'] } } });
  expect(log.filter((e) => e.type === 'StrikeConducted').every((e) => Array.isArray(e.data.means))).toBe(true);

  const history = (await http(app.baseUrl, 'GET', `/incidents/${INCIDENT_A}/history`)).body;
  const correction = history.revisions.find((r: any) => r.eventId === RAID_CORRECTION);
  expect(correction.data.data).toEqual({ modes: ['airborne'] });
  expect(correction.changes).toEqual(expect.arrayContaining([{ path: 'raids.0.modes.0', before: 'ground', after: 'airborne' }]));

  // The seed imported again over a v1 store adds nothing: its raid's `mode` is the stored event's shape once upcast.
  const reimport = await http(app.baseUrl, 'POST', '/imports', { body: barkhaneImport() });
  expect(reimport.status).toBe(200);
  expect(reimport.body.incidents).toEqual([expect.objectContaining({ incidentId: SEED_INCIDENT, appendedCount: 0 })]);

  const stats = (await http(app.baseUrl, 'GET', '/stats/casualties?groupBy=country')).body;
  expect(stats.groups.map((g: any) => [g.key, g.low, g.best, g.high])).toEqual([
    ['ML', 5 + 7, 8 + 7, 9 + 7],
    ['NE', 3, 4, 4],
  ]);
}

describe('a v1 store file opens with today\'s code', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = copyOfFixture();
  });

  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('reads every event in the current shape, rebuilds every projection and passes verify (SQLite)', async () => {
    const app = await startApp({ DATA_DIR: dataDir, EVENT_STORE: 'sqlite' });
    try {
      await untilLive(app);
      await expectCurrentShape(app);
      expect(await app.app.get(ProjectionEngine).verify()).toEqual([]);
    } finally {
      await app.close();
    }
    // Nothing stored was rewritten: the v1 rows are there as v1 wrote them.
    const db = new Database(join(dataDir, 'incident-log.sqlite'), { readonly: true });
    try {
      const raid = db.prepare('SELECT schema_version, data FROM events WHERE event_id = ?').get(RAID_CORRECTED) as { schema_version: number; data: string };
      expect([raid.schema_version, JSON.parse(raid.data).mode]).toEqual([1, 'ground']);
      const correction = db.prepare('SELECT schema_version, data FROM events WHERE event_id = ?').get(RAID_CORRECTION) as { schema_version: number; data: string };
      expect([correction.schema_version, JSON.parse(correction.data).data]).toEqual([1, { mode: 'airborne' }]);
    } finally {
      db.close();
    }
  });

  describe('on PostgreSQL', () => {
    let database: TestDatabase;

    beforeAll(async () => {
      database = await createTestDatabase();
    });

    afterAll(async () => database.drop());

    it('migrate copies the v1 events as stored; the copy reads in the current shape and passes verify', async () => {
      const sourceConfig = loadConfig({ DATA_DIR: dataDir, EVENT_STORE: 'sqlite' });
      const source = await openStorage(sourceConfig);
      await migrateLog(source.storedLog, targetConfig(sourceConfig, database.url), () => undefined).finally(() => source.close());

      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        const { rows } = await client.query('SELECT schema_version, data FROM events WHERE event_id = $1', [RAID_CORRECTED]);
        expect([rows[0].schema_version, rows[0].data.mode]).toEqual([1, 'ground']);
      } finally {
        await client.end();
      }

      const app = await startApp({ EVENT_STORE: 'postgres', DATABASE_URL: database.url });
      try {
        await untilLive(app);
        await expectCurrentShape(app);
        expect(await app.app.get(ProjectionEngine).verify()).toEqual([]);
      } finally {
        await app.close();
      }
    });
  });
});
