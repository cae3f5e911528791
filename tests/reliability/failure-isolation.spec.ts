import { INCIDENT_EVENT_TYPES } from '../../src/domain/incident/incident-events';
import { EventToAppend, ExpectedVersion, StoredEvent } from '../../src/event-store/event-store.port';
import { Projection, ProjectionContext } from '../../src/projections/engine/projection';
import { allProjections } from '../../src/projections/all-projections';
import {
  IncidentLog, Rig, SEEDED_BEST, casualtyBestInForce, engineOn, incidentIdOf, openRig, seedIncident, tableRows, tempDatabase,
} from '../support/reliability';

/** Writes one row per event; while `broken`, throws on every event of `failsOn`. */
class TypeThrower implements Projection {
  readonly name = 'type-thrower';
  readonly version = 1;
  readonly handles = INCIDENT_EVENT_TYPES;
  readonly tables = { seen: { columns: 'position INTEGER PRIMARY KEY, type TEXT NOT NULL' } };
  broken = true;
  constructor(readonly failsOn: string) {}

  async apply({ sql, table }: ProjectionContext, events: readonly StoredEvent[]): Promise<void> {
    for (const event of events) {
      // The row goes in before the throw: it must be rolled back with the rest of the event.
      await sql.run(`INSERT INTO ${table('seen')} (position, type) VALUES (?, ?)`, [event.globalPosition, event.type]);
      if (this.broken && event.type === this.failsOn) throw new Error(`cannot apply ${event.type} at ${event.globalPosition}`);
    }
  }
}

const folders: { remove(): void }[] = [];
const rigs: Rig[] = [];
afterEach(async () => {
  for (const rig of rigs.splice(0)) await rig.close();
  for (const folder of folders.splice(0)) folder.remove();
});

async function setUp(batchSize: number, thrower: TypeThrower): Promise<Rig> {
  const folder = tempDatabase();
  folders.push(folder);
  const [sources, details, ...rest] = allProjections();
  // In the middle of the list: the projections before and after it must both be unaffected.
  const rig = await openRig(folder.file, { batchSize, projections: [sources, details, thrower, ...rest] });
  rigs.push(rig);
  return rig;
}

const seenPositions = async (rig: Rig): Promise<number[]> =>
  (await tableRows(rig.engine, rig.db, 'type-thrower', 'seen')).map((row) => (JSON.parse(row) as { position: number }).position).sort((a, b) => a - b);

describe('a projection that throws is isolated from the others', () => {
  it.each([50, 3])('with batches of %i: marked failed at the event it threw on, with the events before it applied, while the others are live and right', async (batchSize) => {
    const thrower = new TypeThrower('IdentificationConfirmed');
    const rig = await setUp(batchSize, thrower);
    await seedIncident(rig.log, incidentIdOf(0));
    const { state } = await rig.log.load(incidentIdOf(0));
    const pending = state.facts.find((f) => f.type === 'IdentificationPending')!;
    const [confirmation] = await rig.log.record(incidentIdOf(0), rig.log.facts.confirmed(pending.eventId), rig.log.facts.casualties({ best: 2 }));
    await seedIncident(rig.log, incidentIdOf(1));

    await rig.engine.catchUp();
    const head = await rig.store.headPosition();
    const statuses = await rig.engine.status();
    expect(statuses.find((s) => s.name === 'type-thrower')).toEqual({
      name: 'type-thrower', version: 1, status: 'failed', checkpoint: confirmation.globalPosition - 1, headPosition: head,
      lag: head - confirmation.globalPosition + 1, failedPosition: confirmation.globalPosition,
      error: `cannot apply IdentificationConfirmed at ${confirmation.globalPosition}`,
    });
    for (const status of statuses.filter((s) => s.name !== 'type-thrower')) {
      const version = allProjections().find((p) => p.name === status.name)!.version;
      expect(status).toEqual({ name: status.name, version, status: 'live', checkpoint: head, headPosition: head, lag: 0 });
    }
    expect(await seenPositions(rig)).toEqual(Array.from({ length: confirmation.globalPosition - 1 }, (_, i) => i + 1));

    expect(await casualtyBestInForce(rig.engine, rig.db)).toEqual({ best: 2 * SEEDED_BEST + 2, reports: 3 });
    const identifications = await rig.db.reader.all<{ status: string }>(`SELECT status FROM ${rig.engine.tableOf('identifications', 'identifications')} ORDER BY incident_id`);
    expect(identifications.map((i) => i.status)).toEqual(['confirmed', 'pending']);
    // The others hold exactly what a rebuild from the log gives.
    expect(await (await engineOn(rig, 50)).verify()).toEqual([]);
  });

  it('stays where it failed while the others follow new events; fixed and rebuilt, it is live again', async () => {
    const thrower = new TypeThrower('FactRetracted');
    const rig = await setUp(50, thrower);
    const stored = await seedIncident(rig.log, incidentIdOf(0));
    const retraction = stored.find((e) => e.type === 'FactRetracted')!;
    await rig.engine.catchUp();

    await seedIncident(rig.log, incidentIdOf(1));
    await rig.engine.catchUp();
    const head = await rig.store.headPosition();
    const failed = (await rig.engine.status()).find((s) => s.name === 'type-thrower');
    expect(failed).toMatchObject({ status: 'failed', checkpoint: retraction.globalPosition - 1, failedPosition: retraction.globalPosition, lag: head - retraction.globalPosition + 1 });
    for (const status of (await rig.engine.status()).filter((s) => s.name !== 'type-thrower')) expect(status).toMatchObject({ status: 'live', lag: 0 });

    thrower.broken = false;
    await rig.engine.rebuild(['type-thrower']);
    const rebuilt = (await rig.engine.status()).find((s) => s.name === 'type-thrower');
    expect(rebuilt).toEqual({ name: 'type-thrower', version: 1, status: 'live', checkpoint: head, headPosition: head, lag: 0 });
    expect(await seenPositions(rig)).toEqual(Array.from({ length: head }, (_, i) => i + 1));

    await seedIncident(rig.log, incidentIdOf(2));
    await rig.engine.catchUp();
    expect((await rig.engine.status()).every((s) => s.status === 'live' && s.lag === 0)).toBe(true);
    expect(await seenPositions(rig)).toHaveLength(await rig.store.headPosition());
    expect(await rig.engine.verify()).toEqual([]);
  });

  it('a restart retries a failed projection from its checkpoint', async () => {
    const thrower = new TypeThrower('FactCorrected');
    const rig = await setUp(50, thrower);
    await seedIncident(rig.log, incidentIdOf(0));
    await rig.engine.catchUp();
    const failed = (await rig.engine.status()).find((s) => s.name === 'type-thrower')!;
    expect(failed.status).toBe('failed');

    const [sources, details, , ...rest] = rig.engine.projections;
    const fixed = new TypeThrower('FactCorrected');
    fixed.broken = false;
    const restarted = await openRig(rig.file, { projections: [sources, details, fixed, ...rest] });
    rigs.push(restarted);
    await restarted.engine.catchUp();
    const head = await restarted.store.headPosition();
    expect((await restarted.engine.status()).find((s) => s.name === 'type-thrower')).toEqual({
      name: 'type-thrower', version: 1, status: 'live', checkpoint: head, headPosition: head, lag: 0,
    });
    expect(await seenPositions(restarted)).toEqual(Array.from({ length: head }, (_, i) => i + 1));
  });
});

/**
 * A log whose appends apply the projections in their own transaction, as the application's
 * writes do on SQLite (`IncidentStreams.append`); the engine's checkpoints are remembered after each commit.
 */
function appliedInAppend(rig: Rig): IncidentLog {
  const store = new Proxy(rig.store, {
    get(target, property) {
      if (property === 'append') {
        return async (streamId: string, events: EventToAppend[], expectedVersion: ExpectedVersion) => {
          let applied: (() => void) | null = null;
          const result = await target.appendWithin(streamId, events, expectedVersion, async (appended, sql) => {
            applied = await rig.engine.applyInAppendTransaction(sql, appended);
          });
          expect(applied).not.toBeNull();
          applied!();
          return result;
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return new IncidentLog(store);
}

describe('a projection that throws in an append\'s own transaction', () => {
  it('is marked failed at that event while the append commits and the others apply it, with no catch-up', async () => {
    const thrower = new TypeThrower('IdentificationConfirmed');
    const rig = await setUp(50, thrower);
    const log = appliedInAppend(rig);
    await seedIncident(log, incidentIdOf(0));
    const { state } = await log.load(incidentIdOf(0));
    const pending = state.facts.find((f) => f.type === 'IdentificationPending')!;
    const [confirmation] = await log.record(incidentIdOf(0), log.facts.confirmed(pending.eventId), log.facts.casualties({ best: 2 }));

    const head = await rig.store.headPosition();
    expect(confirmation.globalPosition).toBe(head - 1);
    const statuses = await rig.engine.status();
    expect(statuses.find((s) => s.name === 'type-thrower')).toMatchObject({
      status: 'failed', checkpoint: confirmation.globalPosition - 1, failedPosition: confirmation.globalPosition,
      error: `cannot apply IdentificationConfirmed at ${confirmation.globalPosition}`,
    });
    for (const status of statuses.filter((s) => s.name !== 'type-thrower')) expect(status).toMatchObject({ status: 'live', checkpoint: head, lag: 0 });
    // Its row for the event it failed on was rolled back with it; the others' rows of that append are there.
    expect(await seenPositions(rig)).toEqual(Array.from({ length: confirmation.globalPosition - 1 }, (_, i) => i + 1));
    expect(await casualtyBestInForce(rig.engine, rig.db)).toEqual({ best: SEEDED_BEST + 2, reports: 2 });
    const identifications = await rig.db.reader.all<{ status: string }>(`SELECT status FROM ${rig.engine.tableOf('identifications', 'identifications')}`);
    expect(identifications.map((i) => i.status)).toEqual(['confirmed']);
    expect(await (await engineOn(rig, 50)).verify()).toEqual([]);
  });
});

describe('a projection whose failure has passed', () => {
  it('is tried again from its checkpoint after a while, and catches up every event exactly once', async () => {
    const folder = tempDatabase();
    folders.push(folder);
    const thrower = new TypeThrower('CasualtiesReported');
    const rig = await openRig(folder.file, { batchSize: 5, projections: [...allProjections(), thrower], retryFailedAfterMs: 0 });
    rigs.push(rig);
    await seedIncident(rig.log, incidentIdOf(0));
    await rig.engine.catchUp();
    expect((await rig.engine.status()).find((s) => s.name === 'type-thrower')).toMatchObject({ status: 'failed' });

    thrower.broken = false; // the disk was full, the lock was busy…: it has passed
    await rig.engine.catchUp(); // sees it failed
    await rig.engine.catchUp(); // tries it again
    const head = await rig.store.headPosition();
    expect((await rig.engine.status()).find((s) => s.name === 'type-thrower')).toMatchObject({ status: 'live', checkpoint: head, lag: 0 });
    const positions = (await tableRows(rig.engine, rig.db, 'type-thrower', 'seen')).map((r) => (JSON.parse(r) as { position: number }).position);
    expect(positions.sort((a, b) => a - b)).toEqual(Array.from({ length: head }, (_, i) => i + 1));
  });
});
