import { INCIDENT_EVENT_TYPES } from '../../src/domain/incident/incident-events';
import { StoredEvent } from '../../src/event-store/event-store.port';
import { allProjections } from '../../src/projections/all-projections';
import { readCheckpoints } from '../../src/projections/engine/checkpoint-store';
import { Projection, ProjectionContext, ProjectionTable } from '../../src/projections/engine/projection';
import { ProjectionEngine } from '../../src/projections/engine/projection-engine';
import { Rig, eventually, incidentIdOf, openRig, seedIncident, tableRows, tablesNamed, tempDatabase } from '../support/reliability';

/**
 * Counts events per type. Version 1 stores the count; version 2 stores ten times it, in a table
 * named `table` (version 2 may rename it); `failsOn` makes a version throw on one event type.
 */
class TypeCounter implements Projection {
  readonly name = 'type-counter';
  readonly handles = INCIDENT_EVENT_TYPES;
  readonly tables: Record<string, ProjectionTable>;

  constructor(readonly version: number, private readonly table = 'counts', private readonly failsOn: string | null = null) {
    this.tables = { [table]: { columns: 'type TEXT PRIMARY KEY, n INTEGER NOT NULL' } };
  }

  async apply(context: ProjectionContext, events: readonly StoredEvent[]): Promise<void> {
    for (const event of events) {
      if (event.type === this.failsOn) throw new Error(`version ${this.version} cannot count ${event.type}`);
      await context.sql.run(
        `INSERT INTO ${context.table(this.table)} (type, n) VALUES (?, ?) ON CONFLICT (type) DO UPDATE SET n = n + excluded.n`,
        [event.type, this.version === 1 ? 1 : 10],
      );
    }
  }
}

const folders: { remove(): void }[] = [];
const rigs: Rig[] = [];
afterEach(async () => {
  for (const rig of rigs.splice(0)) await rig.close();
  for (const folder of folders.splice(0)) folder.remove();
});

/** A file whose log holds two seeded incidents, applied by version 1 of the counter. */
async function fileCountedByVersion1(): Promise<string> {
  const folder = tempDatabase();
  folders.push(folder);
  const rig = await openRig(folder.file, { projections: [...allProjections(), new TypeCounter(1)] });
  await seedIncident(rig.log, incidentIdOf(0));
  await seedIncident(rig.log, incidentIdOf(1));
  await rig.engine.catchUp();
  expect(await counts(rig, 'counts')).toEqual({ ActorInvolved: 2, CasualtiesReported: 4, FactCorrected: 2, FactRetracted: 2, IdentificationPending: 2, IncidentOpened: 2, MaterielSeized: 2 });
  await rig.close();
  return folder.file;
}

async function counts(rig: Rig, table: string): Promise<Record<string, number>> {
  const rows = (await tableRows(rig.engine, rig.db, 'type-counter', table)).map((r) => JSON.parse(r) as { type: string; n: number });
  return Object.fromEntries(rows.map((r) => [r.type, r.n]));
}

async function restartWith(file: string, counter: TypeCounter): Promise<Rig> {
  const rig = await openRig(file, { projections: [...allProjections(), counter], initialise: false });
  rigs.push(rig);
  return rig;
}

const counterStatus = async (engine: ProjectionEngine) => (await engine.status()).find((s) => s.name === 'type-counter')!;

describe('a projection whose version changed', () => {
  it('is reported outdated by initialise(), rebuilt by start() on its own, and its old generation dropped', async () => {
    const file = await fileCountedByVersion1();
    const rig = await restartWith(file, new TypeCounter(2));
    expect((await rig.engine.initialise()).map((p) => p.name)).toEqual(['type-counter']);

    await rig.engine.start();
    const swapped = await eventually(async () => {
      const status = await counterStatus(rig.engine);
      const [record] = (await readCheckpoints(rig.db.reader)).filter((r) => r.name === 'type-counter');
      return status.status === 'live' && status.version === 2 && record.version === 2;
    }, 5_000);
    expect(swapped).toBe(true);

    const head = await rig.store.headPosition();
    expect(await counterStatus(rig.engine)).toEqual({ name: 'type-counter', version: 2, status: 'live', checkpoint: head, headPosition: head, lag: 0 });
    expect(await counts(rig, 'counts')).toEqual({ ActorInvolved: 20, CasualtiesReported: 40, FactCorrected: 20, FactRetracted: 20, IdentificationPending: 20, IncidentOpened: 20, MaterielSeized: 20 });
    await rig.engine.catchUp(); // the replaced tables go at the catch-up after the swap
    expect(tablesNamed(rig.connection, 'rm_type_counter_')).toEqual(['rm_type_counter_counts_g2']);

    // From now on, version 2 applies new events live.
    await seedIncident(rig.log, incidentIdOf(2));
    await rig.engine.catchUp();
    expect((await counts(rig, 'counts')).IncidentOpened).toBe(30);
    for (const status of await rig.engine.status()) expect(status).toMatchObject({ status: 'live', lag: 0 });
  });

  it('drops the tables of the old version even when the new version names its tables differently', async () => {
    const file = await fileCountedByVersion1();
    const rig = await restartWith(file, new TypeCounter(2, 'per_type'));
    await rig.engine.start();
    expect(await eventually(async () => (await readCheckpoints(rig.db.reader)).some((r) => r.name === 'type-counter' && r.version === 2))).toBe(true);

    expect((await counts(rig, 'per_type')).IncidentOpened).toBe(20);
    await rig.engine.catchUp(); // the replaced tables go at the catch-up after the swap
    expect(tablesNamed(rig.connection, 'rm_type_counter_')).toEqual(['rm_type_counter_per_type_g2']);
  });

  it('is not reported live at the new version before its new tables have taken over', async () => {
    const file = await fileCountedByVersion1();
    const rig = await restartWith(file, new TypeCounter(2));
    await rig.engine.initialise();
    // Nothing rebuilt it yet: it serves version 1's rows and applies no new event.
    expect(await counterStatus(rig.engine)).not.toMatchObject({ status: 'live', version: 2 });
  });

  it('whose rebuild fails is reported failed with the error, not live at the new version', async () => {
    const file = await fileCountedByVersion1();
    const rig = await restartWith(file, new TypeCounter(2, 'counts', 'FactCorrected'));
    await rig.engine.start();
    expect(await eventually(() => !rig.engine.isRebuilding('type-counter'), 5_000)).toBe(true);

    const status = await counterStatus(rig.engine);
    expect(status).toMatchObject({ status: 'failed', error: expect.stringContaining('version 2 cannot count FactCorrected') });
    // The other projections are not held back by it.
    for (const other of (await rig.engine.status()).filter((s) => s.name !== 'type-counter')) expect(other).toMatchObject({ status: 'live', lag: 0 });
  });
});
