/**
 * A rebuild ends while writes keep coming: it replays up to the head as it finds it and leaves
 * what is written after that to the live catch-up, instead of chasing the head for as long as
 * writers write. Real SQLite file; the writer appends in a loop on the same event loop, the way
 * a busy server's requests do.
 */
import { Rig, incidentIdOf, openRig, projectionRowsUpTo, snapshot, tempDatabase } from '../support/reliability';

const INCIDENTS = 10;

describe('a rebuild while a writer keeps appending', () => {
  const folder = tempDatabase();
  let rig: Rig;

  beforeAll(async () => {
    rig = await openRig(folder.file, { batchSize: 20 });
    for (let index = 0; index < INCIDENTS; index++) await rig.log.open(incidentIdOf(index), {}, [rig.log.facts.casualties({ best: index })]);
    await rig.engine.catchUp();
  });

  afterAll(async () => {
    await rig.close();
    folder.remove();
  });

  it('ends, and the live catch-up then brings its tables to every event written', async () => {
    let rebuilt = false;
    let written = 0;
    const writing = (async () => {
      while (!rebuilt) await rig.log.record(incidentIdOf(written++ % INCIDENTS), rig.log.facts.casualties({ best: written }));
    })();
    await rig.engine.rebuild().finally(() => (rebuilt = true));
    await writing;
    expect(written).toBeGreaterThan(0);

    await rig.engine.catchUp();
    const head = await rig.store.headPosition();
    const tables = await snapshot(rig.engine, rig.db);
    for (const projection of rig.engine.projections) {
      for (const [table, rows] of Object.entries(await projectionRowsUpTo(rig.store, projection.name, head))) {
        expect({ table, rows: tables[`${projection.name}.${table}`] }).toEqual({ table, rows });
      }
    }
  }, 60_000);
});
