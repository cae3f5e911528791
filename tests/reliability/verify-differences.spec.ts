/**
 * `verify()` finds what differs between the live read models and a rebuild from the log: a row
 * changed, a row missing, a row too many, each in the table it is in, with how many rows differ
 * and the first hundred of them however many do; and nothing else, while another process keeps
 * writing. SQLite and PostgreSQL, real databases; the live tables are changed behind the
 * engine's back, as a bug or a hand-made edit would.
 */
import { allProjections } from '../../src/projections/all-projections';
import { AsideBuilder, BuiltAside } from '../../src/projections/engine/aside-build';
import { ProjectionEngine } from '../../src/projections/engine/projection-engine';
import { VerifyOutpacedByWrites } from '../../src/projections/engine/projection-errors';
import { ROWS_SHOWN } from '../../src/projections/engine/table-comparison';
import { ENGINE_SUBJECTS, EngineSubject } from '../support/engine-subjects';
import { incidentIdOf, seedIncident } from '../support/reliability';

/** Enough fact records that more than `ROWS_SHOWN` can go missing. */
const INCIDENTS = 20;

describe.each(['SQLite', 'PostgreSQL'] as const)('verify() on live tables that differ from the log (%s)', (name) => {
  let subject: EngineSubject;
  const live = (projection: string, table: string) => subject.engine.tableOf(projection, table);

  beforeEach(async () => {
    subject = await ENGINE_SUBJECTS[name]({ batchSize: 50 });
    for (let index = 0; index < INCIDENTS; index++) await seedIncident(subject.log, incidentIdOf(index));
    await subject.engine.catchUp();
    expect(await subject.engine.verify()).toEqual([]);
  }, 60_000);

  afterEach(() => subject.close());

  it('names each table with a row changed, missing or added, and shows those rows', async () => {
    const incidents = live('incident-details', 'incidents');
    await subject.db.transaction(async (sql) => {
      await sql.run(`UPDATE ${incidents} SET title = 'edited by hand' WHERE incident_id = ?`, [incidentIdOf(3)]);
      await sql.run(`DELETE FROM ${live('identifications', 'identifications')} WHERE incident_id = ?`, [incidentIdOf(5)]);
      await sql.run(`INSERT INTO ${live('incident-details', 'incident_sources')} (source_id, incident_id, facts) VALUES (?, ?, ?)`, ['no-such-source', incidentIdOf(7), 1]);
    });

    const differences = await subject.engine.verify();

    const found = Object.fromEntries(differences.map((d) => [`${d.projection}.${d.table}`, d]));
    expect(Object.keys(found).sort()).toEqual(['identifications.identifications', 'incident-details.incident_sources', 'incident-details.incidents']);
    const edited = found['incident-details.incidents'];
    expect(edited.onlyInLive).toMatchObject({ count: 1, rows: [{ incident_id: incidentIdOf(3), title: 'edited by hand' }] });
    expect(edited.onlyInRebuilt.count).toBe(1);
    expect(edited.onlyInRebuilt.rows).toMatchObject([{ incident_id: incidentIdOf(3) }]);
    expect(edited.onlyInRebuilt.rows[0]).not.toMatchObject({ title: 'edited by hand' });
    expect(found['identifications.identifications']).toMatchObject({ onlyInLive: { count: 0, rows: [] }, onlyInRebuilt: { count: 1, rows: [{ incident_id: incidentIdOf(5) }] } });
    expect(found['incident-details.incident_sources']).toMatchObject({
      onlyInLive: { count: 1, rows: [{ source_id: 'no-such-source', incident_id: incidentIdOf(7) }] }, onlyInRebuilt: { count: 0, rows: [] },
    });
  });

  it(`counts every row that differs and shows the first ${ROWS_SHOWN}`, async () => {
    const facts = live('incident-details', 'incident_facts');
    const [{ count }] = await subject.db.reader.all<{ count: number | string }>(`SELECT COUNT(*) AS count FROM ${facts}`);
    expect(Number(count)).toBeGreaterThan(ROWS_SHOWN);
    await subject.db.transaction((sql) => sql.run(`DELETE FROM ${facts}`));

    const [difference] = await subject.engine.verify();

    expect(difference).toMatchObject({ projection: 'incident-details', table: 'incident_facts', onlyInLive: { count: 0, rows: [] } });
    expect(difference.onlyInRebuilt.count).toBe(Number(count));
    expect(difference.onlyInRebuilt.rows).toHaveLength(ROWS_SHOWN);
  });

  /**
   * Another process's write, applied to the live tables by that process, lands right after the
   * rebuilt tables have caught up with the log, `writes` times: the moment a comparison of the
   * two at different positions would show it as a difference.
   */
  async function writesLandingAfterEachCatchUp(writes: number): Promise<{ landed: () => number }> {
    const otherProcess = new ProjectionEngine(subject.store, subject.db, allProjections(), { pollIntervalMs: 60_000 });
    await otherProcess.initialise();
    let landed = 0;
    const finish = AsideBuilder.prototype.finish;
    jest.spyOn(AsideBuilder.prototype, 'finish').mockImplementation(async function (this: AsideBuilder, built: BuiltAside[]) {
      const position = await finish.call(this, built);
      if (landed < writes) {
        landed++;
        await subject.log.record(incidentIdOf(landed % INCIDENTS), subject.log.facts.casualties({ best: landed }));
        await otherProcess.catchUp();
      }
      return position;
    });
    return { landed: () => landed };
  }

  afterEach(() => jest.restoreAllMocks());

  it('compares both at one position while writes keep landing, and finds nothing they did not cause', async () => {
    const head = await subject.store.headPosition();
    const writes = await writesLandingAfterEachCatchUp(3);

    expect(await subject.engine.verify()).toEqual([]);

    expect(writes.landed()).toBe(3);
    expect(await subject.store.headPosition()).toBe(head + 3);
  });

  it('says so, and reports no difference, when writes never let it compare at one position', async () => {
    await writesLandingAfterEachCatchUp(Number.POSITIVE_INFINITY);

    await expect(subject.engine.verify()).rejects.toBeInstanceOf(VerifyOutpacedByWrites);
  }, 120_000);
});
