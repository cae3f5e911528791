/**
 * A rebuild reads the log up to its head stream after stream, then the events written meanwhile
 * in global order. On a log that mixes every kind of change across interleaved incidents (links
 * between them, corrections of the opening, withdrawals and their retraction, identifications
 * confirmed), with appends to streams already read and not yet read while it runs, it ends with
 * the rows a replay in global order gives, and `verify()` agrees. SQLite and PostgreSQL, real
 * databases; the writes during the rebuild are made as its reads pass, the reads are not replaced.
 */
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { ENGINE_SUBJECTS, EngineSubject } from '../support/engine-subjects';
import { IncidentLog, incidentIdOf, projectionRowsUpTo, snapshot } from '../support/reliability';

const INCIDENTS = 12;
const ROUNDS = 10;

/** Events per batch (a rebuild reads pages of that many on SQLite, five times as many on PostgreSQL): small, so that the test's writes between pages land all along the log. */
const BATCH_SIZE = { SQLite: 7, PostgreSQL: 3 } as const;

describe.each(['SQLite', 'PostgreSQL'] as const)('a rebuild stream after stream (%s)', (name) => {
  let subject: EngineSubject;

  beforeAll(async () => {
    subject = await ENGINE_SUBJECTS[name]({ batchSize: BATCH_SIZE[name] });
    for (let round = 0; round < ROUNDS; round++) for (let index = INCIDENTS - 1; index >= 0; index--) await turn(subject.log, index, round);
    await subject.engine.catchUp();
  }, 120_000);

  afterAll(() => subject.close());

  it('ends with the rows a replay in global order gives, though incidents were written during it', async () => {
    const { engine, store, storeClass } = subject;
    expect((await snapshot(engine, subject.db))['incident-links.link_rows'].length).toBeGreaterThan(5);
    const original = storeClass.prototype.readByStream;
    let pages = 0;
    let round = ROUNDS;
    // Every third page read, half the incidents get events: some streams already read, some not yet.
    const spy = jest.spyOn(storeClass.prototype, 'readByStream').mockImplementation(async function (this: SqliteEventStore & PostgresEventStore, ...args) {
      const page = await original.apply(this, args);
      if (pages++ % 3 === 0) for (let index = 0; index < INCIDENTS; index += 2) await turn(subject.log, index, round++);
      return page;
    });
    try {
      await engine.rebuild();
    } finally {
      spy.mockRestore();
    }
    expect(pages).toBeGreaterThan(3);

    await engine.catchUp();
    const head = await store.headPosition();
    const rebuilt = await snapshot(engine, subject.db);
    for (const projection of engine.projections) {
      for (const [table, rows] of Object.entries(await projectionRowsUpTo(store, projection.name, head))) {
        expect({ table, rows: rebuilt[`${projection.name}.${table}`] }).toEqual({ table, rows });
      }
    }
    expect(await engine.verify()).toEqual([]);
  }, 120_000);
});

/** One incident's turn: its opening, or one change of a kind that depends on the round. */
async function turn(log: IncidentLog, index: number, round: number): Promise<void> {
  const incidentId = incidentIdOf(index);
  const facts = log.facts;
  const { state } = await log.load(incidentId);
  if (state.version === 0) {
    await log.open(incidentId, { title: `incident ${index}` }, [facts.casualties({ best: index + 1 }), facts.actor(`Katiba ${index % 3}`), facts.pending(`Person ${index}`)]);
    return;
  }
  const other = incidentIdOf((index + 1 + (round % (INCIDENTS - 1))) % INCIDENTS);
  const pending = state.facts.find((f) => f.type === 'IdentificationPending' && f.decision === null && f.retractedBy === null);
  switch ((index + round) % 6) {
    case 0:
      return void (await log.record(incidentId, facts.of('IncidentLinked', { incidentId: other, relation: 'related', note: `round ${round}` })));
    case 1:
      return void (await log.record(incidentId, facts.corrected(state.facts[0].eventId, { title: `corrected in round ${round}` }), facts.seized([{ category: 'light-weapons', description: 'armes', quantity: round }])));
    case 2:
      if (state.withdrawnBy === null) return void (await log.record(incidentId, facts.of('IncidentWithdrawn', { reason: 'a duplicate', duplicateOf: other })));
      return void (await log.record(incidentId, facts.retracted(state.withdrawnBy)));
    case 3:
      if (state.withdrawnBy !== null) return void (await log.record(incidentId, facts.retracted(state.withdrawnBy)));
      return void (await log.record(incidentId, facts.casualties({ low: round, best: round + 1 })));
    case 4:
      if (pending) return void (await log.record(incidentId, facts.confirmed(pending.eventId)));
      return void (await log.record(incidentId, facts.actor(`Katiba ${round % 3}`), facts.casualties({ best: round })));
    default:
      await log.record(incidentId, facts.casualties({ best: round }), facts.actor(`Katiba ${(index + round) % 4}`));
  }
}
