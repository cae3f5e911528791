import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateLog, targetConfig } from '../../src/cli/migrate-log';
import { loadConfig } from '../../src/config/app-config';
import { StoredEvent } from '../../src/event-store/event-store.port';
import { openStorage } from '../../src/infrastructure/storage';
import { http, startApp } from '../support/app';
import { BARKHANE_INCIDENT_ID, barkhaneImport } from '../support/barkhane';
import { TestDatabase, createTestDatabase } from '../support/postgres';

async function wholeLog(config: ReturnType<typeof loadConfig>): Promise<StoredEvent[]> {
  const storage = await openStorage(config);
  try {
    const events: StoredEvent[] = [];
    for (let page = await storage.store.readAll(0, 500); page.length > 0; page = await storage.store.readAll(page.at(-1)!.globalPosition, 500)) {
      events.push(...page);
    }
    return events;
  } finally {
    await storage.close();
  }
}

const withoutPosition = ({ globalPosition: _position, ...rest }: StoredEvent) => rest;

describe('migrate --to: moving a SQLite log to PostgreSQL', () => {
  let dataDir: string;
  let database: TestDatabase;
  let incidentView: unknown;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'incident-log-migrate-'));
    database = await createTestDatabase();
    const source = await startApp({ DATA_DIR: dataDir, EVENT_STORE: 'sqlite' });
    await http(source.baseUrl, 'POST', '/imports', { body: barkhaneImport() });
    const { body } = await http(source.baseUrl, 'GET', `/incidents/${BARKHANE_INCIDENT_ID}`);
    const casualty = body.casualties[0].eventId;
    await http(source.baseUrl, 'POST', `/incidents/${BARKHANE_INCIDENT_ID}/events`, {
      body: { events: [{ type: 'FactCorrected', data: { correctsEventId: casualty, data: { count: { high: 9 } }, reason: 'later figure' }, source: body.casualties[0].source }] },
    });
    incidentView = (await http(source.baseUrl, 'GET', `/incidents/${BARKHANE_INCIDENT_ID}`)).body;
    await source.close();
  });

  afterAll(async () => {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('copies every event with its id, stream version, record time and provenance, in the same order; then the copy serves the same incident', async () => {
    const sourceConfig = loadConfig({ DATA_DIR: dataDir });
    const source = await openStorage(sourceConfig);
    const target = targetConfig(sourceConfig, database.url);
    const progress: number[] = [];
    const report = await migrateLog(source.storedLog, target, (copied) => progress.push(copied)).finally(() => source.close());

    const original = await wholeLog(sourceConfig);
    const copy = await wholeLog(target);
    expect(report.copied).toBe(original.length);
    expect(progress.at(-1)).toBe(original.length);
    expect(copy.map(withoutPosition)).toEqual(original.map(withoutPosition));
    const positions = copy.map((e) => e.globalPosition);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));

    const server = await startApp({ EVENT_STORE: 'postgres', DATABASE_URL: database.url });
    try {
      expect((await http(server.baseUrl, 'GET', `/incidents/${BARKHANE_INCIDENT_ID}`)).body).toEqual(incidentView);
      const statuses = (await http(server.baseUrl, 'GET', '/projections')).body as { status: string; lag: number }[];
      for (const status of statuses) expect(status).toMatchObject({ status: 'live', lag: 0 });
    } finally {
      await server.close();
    }
  });

  it('refuses a target that already holds events', async () => {
    const sourceConfig = loadConfig({ DATA_DIR: dataDir });
    const source = await openStorage(sourceConfig);
    await expect(migrateLog(source.storedLog, targetConfig(sourceConfig, database.url), () => undefined).finally(() => source.close())).rejects.toThrow(
      /already holds events/,
    );
  });
});
