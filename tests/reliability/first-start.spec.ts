/**
 * A first start on a log that no projection has applied yet (a log migrated or restored from
 * elsewhere, a projection a new release adds) builds those projections as a rebuild does, in bulk
 * and stream after stream, before `start` returns, instead of catching them up batch by batch in
 * global order: the rows are the same. Real SQLite files and a real PostgreSQL database; the
 * store's reads are counted as they pass, not replaced.
 */
import { copyFileSync } from 'node:fs';
import { INCIDENT_EVENT_TYPES } from '../../src/domain/incident/incident-events';
import { StoredEvent } from '../../src/event-store/event-store.port';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { allProjections } from '../../src/projections/all-projections';
import { Projection, ProjectionContext } from '../../src/projections/engine/projection';
import { ENGINE_SUBJECTS } from '../support/engine-subjects';
import { Rig, SEEDED_EVENTS, engineOn, incidentIdOf, openRig, seedIncident, snapshot, tempDatabase } from '../support/reliability';

const INCIDENTS = 12;

const folders: { remove(): void }[] = [];
const rigs: Rig[] = [];
afterEach(async () => {
  for (const rig of rigs.splice(0)) await rig.close();
  for (const folder of folders.splice(0)) folder.remove();
});

/** A file holding a log of seeded incidents written by the store alone: no projection table exists. */
async function logWithoutProjections(): Promise<string> {
  const folder = tempDatabase();
  folders.push(folder);
  const writer = await openRig(folder.file, { initialise: false });
  for (let index = 0; index < INCIDENTS; index++) await seedIncident(writer.log, incidentIdOf(index));
  await writer.close();
  return folder.file;
}

/** A copy of the file, to start another engine on the same log. */
function copyOf(file: string): string {
  const folder = tempDatabase();
  folders.push(folder);
  copyFileSync(file, folder.file);
  return folder.file;
}

async function startOn(file: string, bulkStartFrom: number, projections: Projection[] = allProjections()): Promise<Rig> {
  const rig = await openRig(file, { initialise: false, bulkStartFrom, projections, batchSize: 20 });
  rigs.push(rig);
  return rig;
}

/** Runs `work`, counting the store's reads stream after stream (a rebuild's) and in global order (the catch-up's). */
async function countingReads(
  work: () => Promise<void>, storeClass: typeof SqliteEventStore | typeof PostgresEventStore = SqliteEventStore,
): Promise<{ byStream: number; inGlobalOrder: number }> {
  const counts = { byStream: 0, inGlobalOrder: 0 };
  const prototype = storeClass.prototype as SqliteEventStore;
  const { readByStream, readAll } = prototype;
  const spies = [
    jest.spyOn(prototype, 'readByStream').mockImplementation(countInto(readByStream, () => counts.byStream++)),
    jest.spyOn(prototype, 'readAll').mockImplementation(countInto(readAll, () => counts.inGlobalOrder++)),
  ];
  try {
    await work();
    return counts;
  } finally {
    spies.forEach((spy) => spy.mockRestore());
  }
}

function countInto<A extends unknown[], R>(original: (...args: A) => Promise<R>, count: () => void): (this: SqliteEventStore, ...args: A) => Promise<R> {
  return function (this: SqliteEventStore, ...args: A) {
    count();
    return original.apply(this, args);
  };
}

/** Writes one row per event and throws on the first event of `failsOn`. */
class TypeThrower implements Projection {
  readonly name = 'type-thrower';
  readonly version = 1;
  readonly handles = INCIDENT_EVENT_TYPES;
  readonly tables = { seen: { columns: 'position INTEGER PRIMARY KEY, type TEXT NOT NULL' } };
  constructor(readonly failsOn: string) {}

  async apply({ sql, table }: ProjectionContext, events: readonly StoredEvent[]): Promise<void> {
    for (const event of events) {
      await sql.run(`INSERT INTO ${table('seen')} (position, type) VALUES (?, ?)`, [event.globalPosition, event.type]);
      if (event.type === this.failsOn) throw new Error(`cannot apply ${event.type} at ${event.globalPosition}`);
    }
  }
}

describe('a first start on a log that no projection has applied', () => {
  it('builds every projection in bulk, stream after stream, and ends with the rows the catch-up gives', async () => {
    const file = await logWithoutProjections();
    const bulk = await startOn(file, 1);
    const caughtUp = await startOn(copyOf(file), Number.POSITIVE_INFINITY);

    const bulkReads = await countingReads(() => bulk.engine.start());
    const catchUpReads = await countingReads(() => caughtUp.engine.start());

    expect(bulkReads.byStream).toBeGreaterThan(0);
    expect(catchUpReads).toEqual({ byStream: 0, inGlobalOrder: expect.any(Number) });
    const head = await bulk.store.headPosition();
    expect(head).toBe(await caughtUp.store.headPosition());
    for (const status of await bulk.engine.status()) expect(status).toMatchObject({ status: 'live', checkpoint: head, lag: 0 });
    expect(await snapshot(bulk.engine, bulk.db)).toEqual(await snapshot(caughtUp.engine, caughtUp.db));
    expect(await (await engineOn(bulk, 50)).verify()).toEqual([]);
  });

  it('leaves a log shorter than the threshold to the catch-up', async () => {
    const file = await logWithoutProjections();
    const rig = await startOn(file, INCIDENTS * SEEDED_EVENTS + 1);
    expect(await rig.store.headPosition()).toBe(INCIDENTS * SEEDED_EVENTS);

    const reads = await countingReads(() => rig.engine.start());

    expect(reads.byStream).toBe(0);
    for (const status of await rig.engine.status()) expect(status).toMatchObject({ status: 'live', lag: 0 });
  });

  it('falls back to the catch-up when a projection throws: that one is failed at its event, the others are live at the head', async () => {
    const file = await logWithoutProjections();
    const [sources, details, ...rest] = allProjections();
    const rig = await startOn(file, 1, [sources, details, new TypeThrower('FactRetracted'), ...rest]);

    await rig.engine.start();

    const head = await rig.store.headPosition();
    const [firstRetraction] = await rig.db.reader.all<{ position: number }>(
      `SELECT MIN(global_position) AS position FROM events WHERE type = 'FactRetracted'`,
    );
    const statuses = await rig.engine.status();
    expect(statuses.find((s) => s.name === 'type-thrower')).toMatchObject({
      status: 'failed', checkpoint: firstRetraction.position - 1, failedPosition: firstRetraction.position,
      error: `cannot apply FactRetracted at ${firstRetraction.position}`,
    });
    for (const status of statuses.filter((s) => s.name !== 'type-thrower')) expect(status).toMatchObject({ status: 'live', checkpoint: head, lag: 0 });
    expect(await (await engineOn(rig, 50)).verify()).toEqual([]);
  });
});

describe('a first start on a PostgreSQL log that no projection has applied', () => {
  it('builds every projection in bulk, stream after stream, and verify() finds nothing to add', async () => {
    const { store, db, engine, log, close } = await ENGINE_SUBJECTS.PostgreSQL({ batchSize: 20, bulkStartFrom: 1 }, false);
    try {
      for (let index = 0; index < INCIDENTS; index++) await seedIncident(log, incidentIdOf(index));

      const reads = await countingReads(() => engine.start(), PostgresEventStore);

      expect(reads.byStream).toBeGreaterThan(0);
      const head = await store.headPosition();
      for (const status of await engine.status()) expect(status).toMatchObject({ status: 'live', checkpoint: head, lag: 0 });
      const [{ count }] = await db.reader.all<{ count: string }>(`SELECT COUNT(*) AS count FROM ${engine.tableOf('incident-details', 'incidents')}`);
      expect(Number(count)).toBe(INCIDENTS);
      expect(await engine.verify()).toEqual([]);
    } finally {
      await close();
    }
  });
});
