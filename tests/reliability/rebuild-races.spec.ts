import { RebuildInProgress } from '../../src/projections/engine/projection-errors';
import { Rig, casualtyBestInForce, incidentIdOf, openRig, seedIncident, SEEDED_BEST, snapshot, tempDatabase } from '../support/reliability';

const folders: { remove(): void }[] = [];
const rigs: Rig[] = [];
afterEach(async () => {
  for (const rig of rigs.splice(0)) await rig.close();
  for (const folder of folders.splice(0)) folder.remove();
});

async function seededRig(incidents: number, batchSize = 20): Promise<Rig> {
  const folder = tempDatabase();
  folders.push(folder);
  const rig = await openRig(folder.file, { batchSize });
  rigs.push(rig);
  for (let i = 0; i < incidents; i++) await seedIncident(rig.log, incidentIdOf(i));
  await rig.engine.catchUp();
  return rig;
}

/** Reads the live incidents table in a loop, the way a query does (table name first, then the query), until `done`. */
async function readWhile(rig: Rig, done: () => boolean): Promise<{ reads: number; errors: string[] }> {
  const errors: string[] = [];
  let reads = 0;
  while (!done()) {
    const table = rig.engine.tableOf('incident-details', 'incidents');
    try {
      await rig.db.reader.get(`SELECT COUNT(*) AS n FROM ${table}`);
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    }
    reads += 1;
    // Let the rebuild move on between reads, as requests arriving from the network do.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { reads, errors };
}

describe('rebuilding while the application goes on', () => {
  it('a query that picked the live table just before the swap still answers (the old generation is not dropped under it)', async () => {
    const rig = await seededRig(30);
    let finished = false;
    const rebuild = rig.engine.rebuild(['incident-details']).finally(() => (finished = true));
    const { reads, errors } = await readWhile(rig, () => finished);
    await rebuild;
    expect(reads).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it('a second rebuild of the same projection asked for while the first is starting is refused', async () => {
    const rig = await seededRig(5);
    const before = await snapshot(rig.engine, rig.db);
    const first = rig.engine.startRebuild('casualty-tally');
    let second: { finished: Promise<void> } | undefined;
    let refusal: unknown;
    try {
      second = rig.engine.startRebuild('casualty-tally');
    } catch (error) {
      refusal = error;
    }
    const outcomes = await Promise.allSettled([first.finished, ...(second ? [second.finished] : [])]);
    expect(refusal).toBeInstanceOf(RebuildInProgress);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled']);
    expect(await snapshot(rig.engine, rig.db)).toEqual(before);
  });

  it('two rebuilds of the same projection asked for at once leave it with its tables and its rows', async () => {
    const rig = await seededRig(5);
    const before = await snapshot(rig.engine, rig.db);
    await Promise.allSettled([rig.engine.rebuild(['incident-details']), rig.engine.rebuild(['incident-details'])]);
    const after = await snapshot(rig.engine, rig.db).catch((error: unknown) => String(error));
    expect(after).toEqual(before);
  });

  it('events written and applied during a rebuild are in the rebuilt tables', async () => {
    const rig = await seededRig(10, 5);
    let finished = false;
    const rebuild = rig.engine.rebuild().finally(() => (finished = true));
    let written = 10;
    while (!finished && written < 20) {
      await seedIncident(rig.log, incidentIdOf(written));
      await rig.engine.catchUp();
      written += 1;
    }
    await rebuild;
    await rig.engine.catchUp();
    expect(await casualtyBestInForce(rig.engine, rig.db)).toEqual({ best: written * SEEDED_BEST, reports: written });
    expect(await rig.engine.verify()).toEqual([]);
    for (const status of await rig.engine.status()) expect(status).toMatchObject({ status: 'live', lag: 0 });
  });
});

describe('rebuilding from two processes sharing the database', () => {
  it('refuses a rebuild another process is running, then allows it once that one has swapped in', async () => {
    const first = await seededRig(100, 5);
    const second = await openRig(first.file, { batchSize: 5 });
    rigs.push(second);
    const before = await snapshot(first.engine, first.db);

    const running = first.engine.rebuild(['incident-details']);
    // Once the first rebuild is under way (its generation claimed), ask from the other process.
    while (((await first.engine.status()).find((s) => s.name === 'incident-details')!.progress?.checkpoint ?? 0) === 0) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    const refusal = await second.engine.rebuild(['incident-details']).then(() => null, (error: unknown) => error);
    await running;

    expect(refusal).toBeInstanceOf(RebuildInProgress);
    await second.engine.rebuild(['incident-details']);
    await first.engine.catchUp();
    expect(await snapshot(first.engine, first.db)).toEqual(before);
    expect(await first.engine.verify()).toEqual([]);
  });
});
