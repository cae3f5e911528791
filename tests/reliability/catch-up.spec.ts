import { SqliteConnection } from '../../src/database/sqlite/sqlite-connection';
import { SqliteReadModelDatabase } from '../../src/database/sqlite/sqlite-read-model-database';
import { StoredEvent } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { readCheckpoints } from '../../src/projections/engine/checkpoint-store';
import { Projection, ProjectionContext } from '../../src/projections/engine/projection';
import { ProjectionEngine } from '../../src/projections/engine/projection-engine';
import { physicalTableName } from '../../src/projections/engine/projection-tables';
import { allProjections } from '../../src/projections/all-projections';
import { INCIDENT_EVENT_TYPES } from '../../src/domain/incident/incident-events';
import {
  Rig, SEEDED_BEST, SEEDED_EVENTS, WindowedStore, casualtyBestInForce, engineOn, eventually, incidentIdOf, openRig, projectionRowsAt, projectionRowsUpTo,
  seedIncident, snapshot, startWorker, tempDatabase,
} from '../support/reliability';

const folders: { remove(): void }[] = [];
const rigs: Rig[] = [];
const connections: SqliteConnection[] = [];

afterEach(async () => {
  for (const rig of rigs.splice(0)) await rig.close();
  for (const connection of connections.splice(0)) connection.close();
  for (const folder of folders.splice(0)) folder.remove();
});

function newFile(): string {
  const folder = tempDatabase();
  folders.push(folder);
  return folder.file;
}

async function rigOn(file: string, options: Parameters<typeof openRig>[1] = {}): Promise<Rig> {
  const rig = await openRig(file, options);
  rigs.push(rig);
  return rig;
}

async function seed(rig: Rig, incidents: number, from = 0): Promise<StoredEvent[]> {
  const stored: StoredEvent[] = [];
  for (let i = from; i < from + incidents; i++) stored.push(...(await seedIncident(rig.log, incidentIdOf(i))));
  return stored;
}

/** Rebuilds every projection aside on the same connection and lists where the live tables differ. */
async function differences(rig: Rig): Promise<unknown[]> {
  return (await engineOn(rig, 50)).verify();
}

/** A second "process": its own connection to the file, and an engine over a windowed view of the store. */
async function processOn(file: string, batchSize: number): Promise<{ store: WindowedStore; engine: ProjectionEngine }> {
  const connection = new SqliteConnection(file);
  connections.push(connection);
  const store = new WindowedStore(new SqliteEventStore(connection));
  const engine = new ProjectionEngine(store, new SqliteReadModelDatabase(connection), allProjections(), { batchSize, pollIntervalMs: 60_000 });
  await engine.initialise();
  return { store, engine };
}

describe('catching up after a stop: each event applied exactly once', () => {
  it('a projection stopped between append and apply catches up exactly once after a restart', async () => {
    const file = newFile();
    const first = await rigOn(file, { batchSize: 7 });
    await seed(first, 3);
    await first.engine.catchUp();
    expect(await casualtyBestInForce(first.engine, first.db)).toEqual({ best: 3 * SEEDED_BEST, reports: 3 });

    // The process stops applying, events keep arriving, then it goes away.
    first.engine.stop();
    await seed(first, 4, 3);
    await first.close();
    rigs.splice(rigs.indexOf(first), 1);

    const restarted = await rigOn(file, { batchSize: 7 });
    await restarted.engine.catchUp();
    expect(await casualtyBestInForce(restarted.engine, restarted.db)).toEqual({ best: 7 * SEEDED_BEST, reports: 7 });
    const head = await restarted.store.headPosition();
    expect(head).toBe(7 * SEEDED_EVENTS);
    for (const status of await restarted.engine.status()) expect(status).toMatchObject({ status: 'live', checkpoint: head, lag: 0 });
    expect(await differences(restarted)).toEqual([]);
  });

  it('calling catchUp again, or from a fresh engine, changes nothing', async () => {
    const file = newFile();
    const rig = await rigOn(file, { batchSize: 5 });
    await seed(rig, 3);
    await rig.engine.catchUp();
    const before = await snapshot(rig.engine, rig.db);

    await rig.engine.catchUp();
    await rig.engine.catchUp();
    expect(await snapshot(rig.engine, rig.db)).toEqual(before);

    const again = await rigOn(file, { batchSize: 1 });
    await again.engine.catchUp();
    expect(await snapshot(again.engine, again.db)).toEqual(before);
  });

  it('a process killed in the middle of catching up leaves rows that match its checkpoints, and a restart neither skips nor repeats an event', async () => {
    const file = newFile();
    const writer = await rigOn(file);
    await seed(writer, 60);
    const head = await writer.store.headPosition();

    const worker = startWorker(file, 1);
    const progressed = await eventually(async () => {
      const checkpoints = await readCheckpoints(writer.db.reader).catch(() => []);
      return checkpoints.length > 0 && Math.max(...checkpoints.map((c) => c.checkpoint)) >= 40;
    }, 20_000, 1);
    worker.kill('SIGKILL');
    const exit = await worker.exited;
    expect(progressed).toBe(true);
    expect(exit.signal).toBe('SIGKILL');

    const checkpoints = await readCheckpoints(writer.db.reader);
    // Killed part-way: the test is only worth something if some events were left to apply.
    expect(Math.min(...checkpoints.map((c) => c.checkpoint))).toBeLessThan(head);

    // What survived the kill is exactly what a projection holds once it applied the events up to its checkpoint.
    for (const record of checkpoints) {
      expect({ projection: record.name, checkpoint: record.checkpoint, rows: await projectionRowsAt(writer.db, record.name, record.generation) }).toEqual({
        projection: record.name, checkpoint: record.checkpoint, rows: await projectionRowsUpTo(writer.store, record.name, record.checkpoint),
      });
    }
    // …and the checkpoints are not all at the start: some incidents were there to compare.
    expect(Math.max(...checkpoints.map((c) => c.checkpoint))).toBeGreaterThanOrEqual(40);

    const restarted = await rigOn(file, { batchSize: 13 });
    await restarted.engine.catchUp();
    expect(await casualtyBestInForce(restarted.engine, restarted.db)).toEqual({ best: 60 * SEEDED_BEST, reports: 60 });
    expect(await differences(restarted)).toEqual([]);
  });
});

describe('two processes catching up the same file at once', () => {
  it('a process that read the log before another applied it does not apply it again (checkpoints are read inside the write transaction)', async () => {
    const file = newFile();
    const a = await rigOn(file, { batchSize: 7 });
    await seed(a, 3);

    const b = await processOn(file, 100);
    b.store.closeGate();
    const late = b.engine.catchUp();
    expect(await eventually(() => b.store.readAllCalls === 1)).toBe(true);

    // While B holds the events it read, A applies them all, and more events arrive.
    await a.engine.catchUp();
    await seed(a, 2, 3);
    b.store.releaseGate();
    await late;

    expect(await casualtyBestInForce(a.engine, a.db)).toEqual({ best: 3 * SEEDED_BEST, reports: 3 });
    await b.engine.catchUp();
    await a.engine.catchUp();
    expect(await casualtyBestInForce(a.engine, a.db)).toEqual({ best: 5 * SEEDED_BEST, reports: 5 });
    expect(await differences(a)).toEqual([]);
  });

  it('a process whose batch overlaps what another applied meanwhile applies only the rest', async () => {
    const file = newFile();
    const writer = await rigOn(file);
    await seed(writer, 4);

    const a = await processOn(file, 5);
    a.store.visibleUpTo = 12;
    const b = await processOn(file, 100);
    b.store.closeGate();
    const late = b.engine.catchUp();
    expect(await eventually(() => b.store.readAllCalls === 1)).toBe(true);
    await a.engine.catchUp();
    expect((await a.engine.status()).map((s) => s.checkpoint)).toEqual(allProjections().map(() => 12));
    b.store.releaseGate();
    await late;

    expect((await b.engine.status()).map((s) => s.checkpoint)).toEqual(allProjections().map(() => 4 * SEEDED_EVENTS));
    await writer.engine.catchUp();
    expect(await casualtyBestInForce(writer.engine, writer.db)).toEqual({ best: 4 * SEEDED_BEST, reports: 4 });
    expect(await differences(writer)).toEqual([]);
  });

  it('three real processes and this one catching up at once apply every event exactly once', async () => {
    const file = newFile();
    const writer = await rigOn(file, { batchSize: 3 });
    await seed(writer, 40);
    const workers = [1, 2, 5].map((batchSize) => startWorker(file, batchSize, { waitForGo: true }));
    await Promise.all(workers.map((w) => w.printed('ready')));
    workers.forEach((w) => w.go());
    await writer.engine.catchUp();
    const exits = await Promise.all(workers.map((w) => w.exited));
    expect(exits.map((e) => [e.code, e.stderr])).toEqual(workers.map(() => [0, '']));

    await writer.engine.catchUp();
    expect(await casualtyBestInForce(writer.engine, writer.db)).toEqual({ best: 40 * SEEDED_BEST, reports: 40 });
    expect(await differences(writer)).toEqual([]);
  });
});

/**
 * The message a promise rejects with, or null if it resolves. (Not `.rejects.toThrow()`: the
 * native driver builds its errors with the Error of the first test file that loaded it, so in
 * later files of the same Jest worker they are not `instanceof Error`.)
 */
const rejectionOf = (promise: Promise<unknown>): Promise<string | null> =>
  promise.then(
    () => null,
    (error: unknown) => String((error as { message?: unknown }).message ?? error),
  );

/** A projection that makes SQLite abort the whole transaction (as a full disk or I/O error does) on its Nth batch. */
class TransactionAborter implements Projection {
  readonly name = 'transaction-aborter';
  readonly version = 1;
  readonly handles = INCIDENT_EVENT_TYPES;
  readonly tables = { marks: { columns: 'n INTEGER PRIMARY KEY' } };
  calls = 0;
  constructor(public abortOnCall: number | null) {}

  async apply({ sql, table }: ProjectionContext): Promise<void> {
    this.calls += 1;
    await sql.run(`INSERT OR REPLACE INTO ${table('marks')} (n) VALUES (?)`, [this.calls]);
    if (this.calls === this.abortOnCall) await sql.run(`INSERT OR ROLLBACK INTO ${table('marks')} (n) VALUES (?)`, [this.calls]);
  }
}

/** A projection whose rows break a deferred foreign key, so the transaction's COMMIT fails. */
class CommitBreaker implements Projection {
  readonly name = 'commit-breaker';
  readonly version = 1;
  readonly handles = INCIDENT_EVENT_TYPES;
  readonly tables = {
    parents: { columns: 'id INTEGER PRIMARY KEY' },
    children: { columns: `id INTEGER PRIMARY KEY, parent INTEGER REFERENCES ${physicalTableName('commit-breaker', 'parents', 1)} (id) DEFERRABLE INITIALLY DEFERRED` },
  };
  broken = true;

  async apply({ sql, table }: ProjectionContext, events: readonly { globalPosition: number }[]): Promise<void> {
    for (const event of events) {
      if (!this.broken) await sql.run(`INSERT OR IGNORE INTO ${table('parents')} (id) VALUES (?)`, [event.globalPosition]);
      await sql.run(`INSERT OR IGNORE INTO ${table('children')} (id, parent) VALUES (?, ?)`, [event.globalPosition, event.globalPosition]);
    }
  }
}

describe('a transaction that fails as a whole', () => {
  it('aborted by SQLite mid-batch, it leaves no partial rows for the projections that had applied the batch, and their checkpoints unmoved', async () => {
    const file = newFile();
    const aborter = new TransactionAborter(2);
    const [sources, details, identifications, ...rest] = allProjections();
    const rig = await rigOn(file, { batchSize: SEEDED_EVENTS, projections: [sources, details, identifications, aborter, ...rest] });
    await seed(rig, 3);

    expect(await rejectionOf(rig.engine.catchUp())).not.toBeNull();
    // The first batch (one incident) committed; the second was undone for every projection.
    for (const status of await rig.engine.status()) expect(status).toMatchObject({ name: status.name, checkpoint: SEEDED_EVENTS, status: 'live' });
    for (const record of await readCheckpoints(rig.db.reader)) expect(record).toMatchObject({ checkpoint: SEEDED_EVENTS, status: 'live' });
    for (const name of ['incident-details', 'incident-links', 'identifications', 'actor-directory', 'casualty-tally', 'materiel-tally']) {
      const generation = (await readCheckpoints(rig.db.reader)).find((c) => c.name === name)!.generation;
      expect({ name, rows: await projectionRowsAt(rig.db, name, generation) }).toEqual({ name, rows: await projectionRowsUpTo(rig.store, name, SEEDED_EVENTS) });
    }
    const listed = await rig.db.reader.all<{ incident_id: string }>(`SELECT incident_id FROM ${rig.engine.tableOf('incident-details', 'incidents')}`);
    expect(listed.map((r) => r.incident_id)).toEqual([incidentIdOf(0)]);
    expect(await casualtyBestInForce(rig.engine, rig.db)).toEqual({ best: SEEDED_BEST, reports: 1 });

    aborter.abortOnCall = null;
    await rig.engine.catchUp();
    expect(await casualtyBestInForce(rig.engine, rig.db)).toEqual({ best: 3 * SEEDED_BEST, reports: 3 });
    expect(await differences(rig)).toEqual([]);
  });

  it('failing at COMMIT, it leaves no rows at all and the engine remembers no checkpoint it did not commit', async () => {
    const file = newFile();
    const breaker = new CommitBreaker();
    const rig = await rigOn(file, { batchSize: 50, projections: [breaker, ...allProjections()] });
    await seed(rig, 2);

    expect(await rejectionOf(rig.engine.catchUp())).toMatch(/FOREIGN KEY/);
    for (const status of await rig.engine.status()) expect(status).toMatchObject({ checkpoint: 0, status: 'live' });
    for (const record of await readCheckpoints(rig.db.reader)) expect(record).toMatchObject({ checkpoint: 0 });
    const rows = await snapshot(rig.engine, rig.db);
    expect(Object.entries(rows).filter(([, table]) => table.length > 0)).toEqual([]);

    breaker.broken = false;
    await rig.engine.catchUp();
    expect(await casualtyBestInForce(rig.engine, rig.db)).toEqual({ best: 2 * SEEDED_BEST, reports: 2 });
    expect(await differences(rig)).toEqual([]);
  });
});
