import fc from 'fast-check';
import { fold } from '../../src/domain/incident/fold';
import { IncidentReadModel } from '../../src/incidents/application/incident-read-model';
import { IncidentState } from '../../src/domain/incident/incident-state';
import { toIncidentView } from '../../src/domain/incident/incident-view';
import { canonicalJson } from '../../src/event-store/event-identity';
import { StoredEvent } from '../../src/event-store/event-store.port';
import { toRecordedIncidentEvent } from '../../src/log/incident-log-events';
import { actorKeyOf, sortableTime } from '../../src/projections/shared/comparable-keys';
import { TemporalRow } from '../../src/projections/shared/temporal-rows';
import { incidentDimensions } from '../../src/projections/shared/incident-dimensions';
import { CasualtiesReportedData, MaterielData } from '../../src/domain/incident/incident-events';
import { isInForce } from '../../src/domain/incident/incident-state';
import { tallyFigures } from '../../src/domain/shared/estimate';
import { Step, coverageKey, foldUpTo, playWrite, stepArb } from '../support/incident-scenarios';
import { Rig, engineOn, incidentIdOf, openRig, snapshot, steppingClock, tempDatabase } from '../support/reliability';

const INCIDENTS = 3;
const ENGINES = 2;

interface Scenario {
  steps: Step[];
  batchSizes: [number, number];
}

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  steps: fc.array(stepArb(INCIDENTS, ENGINES), { minLength: 3, maxLength: 24 }),
  batchSizes: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 20 })),
});

const RUNS = 25;

/** Plays a scenario: writes, and catch-ups by two engines (two batch sizes) sharing the file. */
async function play(scenario: Scenario, rig: Rig, coverage: Map<string, number>): Promise<Map<string, StoredEvent[]>> {
  const engines = [rig.engine, await engineOn(rig, scenario.batchSizes[1])];
  for (const step of scenario.steps) {
    if (step.kind === 'catchUp') await engines[step.engine].catchUp();
    else await playWrite(rig.log, incidentIdOf(step.incident), step.opening, step.facts);
  }
  const streams = new Map<string, StoredEvent[]>();
  for (let i = 0; i < INCIDENTS; i++) {
    const { events } = await rig.log.load(incidentIdOf(i));
    if (events.length === 0) continue;
    streams.set(incidentIdOf(i), events);
    for (const event of events) {
      const key = coverageKey(event, events);
      coverage.set(key, (coverage.get(key) ?? 0) + 1);
    }
  }
  return streams;
}

async function withScenario(scenario: Scenario, coverage: Map<string, number>, check: (rig: Rig, streams: Map<string, StoredEvent[]>) => Promise<void>): Promise<void> {
  const folder = tempDatabase();
  const rig = await openRig(folder.file, { batchSize: scenario.batchSizes[0], now: steppingClock().now });
  try {
    const streams = await play(scenario, rig, coverage);
    await rig.engine.catchUp();
    await check(rig, streams);
  } finally {
    await rig.close();
    folder.remove();
  }
}

const stateOf = (events: readonly StoredEvent[]): IncidentState => fold(events.map(toRecordedIncidentEvent));

/**
 * What the tallies should hold for an incident, worked out here from its folded state (API.md,
 * "Counts"): one row per casualty report in force, one per materiel item in force, none for a
 * withdrawn incident.
 */
function casualtyRows(state: IncidentState): Map<string, TemporalRow> {
  if (state.incidentId === null || toIncidentView(state).withdrawn !== null) return new Map();
  const dimensions = incidentDimensions(state);
  return new Map(
    state.facts.filter((f) => isInForce(f) && f.type === 'CasualtiesReported').map((fact) => {
      const { side, status, count } = fact.data as CasualtiesReportedData;
      return [fact.eventId, { incident_id: state.incidentId, ...dimensions, side, status, ...tallyFigures(count) }];
    }),
  );
}

function materielRows(state: IncidentState): Map<string, TemporalRow> {
  if (state.incidentId === null || toIncidentView(state).withdrawn !== null) return new Map();
  const dimensions = incidentDimensions(state);
  return new Map(
    state.facts.filter((f) => isInForce(f) && (f.type === 'MaterielSeized' || f.type === 'MaterielDestroyed')).flatMap((fact) =>
      (fact.data as MaterielData).items.map((item, index): [string, TemporalRow] => [
        `${fact.eventId}/${index}`,
        { incident_id: state.incidentId, ...dimensions, action: fact.type === 'MaterielSeized' ? 'seized' : 'destroyed', category: item.category, quantity: item.quantity ?? null },
      ]),
    ),
  );
}

const keyed = (rows: Map<string, TemporalRow>): string[] => [...rows].map(([key, row]) => canonicalJson({ row_key: key, ...row })).sort();

/** Rows of a temporal table in force at a global position (or now), without their validity columns. */
async function rowsInForce(rig: Rig, projection: string, table: string, position: number | null): Promise<string[]> {
  const where = position === null ? 'valid_to IS NULL' : 'valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)';
  const rows = await rig.db.reader.all<Record<string, unknown>>(
    `SELECT * FROM ${rig.engine.tableOf(projection, table)} WHERE ${where}`,
    position === null ? [] : [position, position],
  );
  return rows
    .map(({ valid_from: _f, valid_from_time: _ft, valid_to: _t, valid_to_time: _tt, ...row }) =>
      canonicalJson(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v]))),
    )
    .sort();
}

describe('projections over a random history of writes, corrections, retractions and catch-ups', () => {
  const coverage = new Map<string, number>();

  afterAll(() => {
    // The generator must reach the cases that matter, or the properties prove little.
    for (const key of [
      'IncidentOpened', 'CasualtiesReported', 'MaterielSeized', 'MaterielDestroyed', 'ActorInvolved', 'IdentificationPending',
      'IdentificationConfirmed', 'IdentificationRefuted', 'FactCorrected:IncidentOpened', 'FactCorrected:CasualtiesReported',
      'FactCorrected:MaterielSeized', 'FactRetracted:CasualtiesReported', 'FactRetracted:FactCorrected',
    ]) {
      expect({ key, seen: (coverage.get(key) ?? 0) > 0 }).toEqual({ key, seen: true });
    }
  });

  it('a full rebuild leaves every projection table with exactly the rows it had, and verify() finds no difference', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        await withScenario(scenario, coverage, async (rig) => {
          const live = await snapshot(rig.engine, rig.db);
          await rig.engine.rebuild();
          expect(await snapshot(rig.engine, rig.db)).toEqual(live);
          expect(await rig.engine.verify()).toEqual([]);
          const head = await rig.store.headPosition();
          for (const status of await rig.engine.status()) expect(status).toMatchObject({ status: 'live', lag: 0, checkpoint: head });
        });
      }),
      { numRuns: RUNS },
    );
  });

  it("each incident as the incident-details read model holds it shows what folding its stream shows", async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        await withScenario(scenario, coverage, async (rig, streams) => {
          const readModel = new IncidentReadModel(rig.db, rig.engine);
          for (const [incidentId, events] of streams) {
            const stored = await readModel.state(incidentId);
            expect({ incidentId, view: stored && toIncidentView(stored) }).toEqual({ incidentId, view: toIncidentView(stateOf(events)) });
          }
          const incidents = await rig.db.reader.all<{ incident_id: string; country: string; occurred_start: string; version: number; summary: string }>(
            `SELECT * FROM ${rig.engine.tableOf('incident-details', 'incidents')}`,
          );
          expect(incidents).toHaveLength(streams.size);
          for (const row of incidents) {
            const view = toIncidentView(stateOf(streams.get(row.incident_id)!));
            expect(row).toMatchObject({ country: view.location.country, occurred_start: sortableTime(view.occurred.start), version: view.version });
            expect(JSON.parse(row.summary)).toMatchObject({ title: view.title, location: view.location, occurred: view.occurred, version: view.version });
          }
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('identifications, actors and tallies (now, and as of every global position) agree with the folded streams', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        await withScenario(scenario, coverage, async (rig, streams) => {
          const views = [...streams.values()].map((events) => toIncidentView(stateOf(events)));

          const identifications = await rig.db.reader.all<{ identification_id: string; incident_id: string; status: string }>(
            `SELECT identification_id, incident_id, status FROM ${rig.engine.tableOf('identifications', 'identifications')}`,
          );
          const expectedIdentifications = views.flatMap((v) => v.identifications.map((i) => ({ identification_id: i.identificationId, incident_id: v.incidentId, status: i.status })));
          const byId = (a: { identification_id: string }, b: { identification_id: string }) => a.identification_id.localeCompare(b.identification_id);
          expect(identifications.sort(byId)).toEqual(expectedIdentifications.sort(byId));

          const mentions = await rig.db.reader.all<{ incident_id: string; actor_key: string; name: string; side: string }>(
            `SELECT incident_id, actor_key, name, side FROM ${rig.engine.tableOf('actor-directory', 'actor_mentions')}`,
          );
          // One mention per ActorInvolved fact in force, of an incident that is not withdrawn.
          const expectedMentions = views
            .filter((v) => v.withdrawn === null)
            .flatMap((v) => v.actors.map((a) => ({ incident_id: v.incidentId, actor_key: actorKeyOf(a.name), name: a.name, side: a.side })));
          const byMention = (a: object, b: object) => canonicalJson(a).localeCompare(canonicalJson(b));
          expect(mentions.sort(byMention)).toEqual(expectedMentions.sort(byMention));

          const head = await rig.store.headPosition();
          const allStreams = [...streams.values()];
          for (let position = 0; position <= head; position++) {
            const states = allStreams.map((stream) => foldUpTo(stream, position));
            const at = position === head ? null : position;
            expect({ position, rows: await rowsInForce(rig, 'casualty-tally', 'casualty_rows', at) }).toEqual({ position, rows: states.flatMap((s) => keyed(casualtyRows(s))).sort() });
            expect({ position, rows: await rowsInForce(rig, 'materiel-tally', 'materiel_rows', at) }).toEqual({ position, rows: states.flatMap((s) => keyed(materielRows(s))).sort() });
          }
          const bestNow = views.flatMap((v) => v.casualties).reduce((sum, c) => sum + (c.count.best ?? 0), 0);
          const row = await rig.db.reader.get<{ best: number | null }>(`SELECT SUM(best) AS best FROM ${rig.engine.tableOf('casualty-tally', 'casualty_rows')} WHERE valid_to IS NULL`);
          expect(Number(row?.best ?? 0)).toBe(bestNow);
        });
      }),
      { numRuns: RUNS },
    );
  });
});
