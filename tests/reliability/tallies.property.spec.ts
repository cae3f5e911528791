import fc from 'fast-check';
import { RunningApp, http, startApp } from '../support/app';
import { openIncident, registerSource } from '../support/e2e';
import { momentBetweenWrites } from '../support/reliability-http';

/**
 * GET /stats/casualties against a recomputation from the incidents' views (GET /incidents/{id}),
 * following API.md's rules by hand, over random histories of vague and exact counts, corrections
 * (of counts, and of where and when the incident happened), retractions, withdrawals and
 * retractions of withdrawals; now, and as of a moment in the middle of the history.
 */

const EXCERPT = 'neutraliser sept terroristes';
const INCIDENTS = 3;
const RUNS = 50;

const SIDES = ['hostile', 'friendly', 'civilian', 'unknown'] as const;
const STATUSES = ['killed', 'neutralised', 'wounded', 'captured'] as const;
const DIMENSIONS = ['country', 'area', 'month', 'operation', 'side', 'status'] as const;
type Dimension = (typeof DIMENSIONS)[number];

interface Whereabouts {
  country: string;
  area: string | null;
  date: string;
}

type Count = Partial<Record<'low' | 'best' | 'high', number | null>>;

type Step =
  | { kind: 'report'; incident: number; side: string; status: string; count: Count }
  | { kind: 'correctCount'; incident: number; pick: number; count: Count }
  | { kind: 'move'; incident: number; to: Whereabouts }
  | { kind: 'retract'; incident: number; pick: number }
  | { kind: 'withdraw'; incident: number }
  | { kind: 'unwithdraw'; incident: number };

interface Scenario {
  openings: Whereabouts[];
  steps: Step[];
  /** Before which step the asOf moment is taken. */
  momentAt: number;
  groupBy: Dimension[];
  sides: string[] | null;
}

const whereaboutsArb: fc.Arbitrary<Whereabouts> = fc.record({
  country: fc.constantFrom('ML', 'NE', 'BF'),
  area: fc.constantFrom('Gourma', 'Ménaka', null),
  date: fc.constantFrom('2018-11-11', '2018-11-30', '2018-12-01', '2019-01-15'),
});

/** Any valid estimate: some of low ≤ best ≤ high, at least one; sometimes every key sent, the missing ones null. */
const countArb: fc.Arbitrary<Count> = fc
  .tuple(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 3, maxLength: 3 }), fc.integer({ min: 1, max: 7 }), fc.boolean())
  .map(([figures, mask, withNulls]) => {
    const [low, best, high] = [...figures].sort((a, b) => a - b);
    const count: Count = {};
    (['low', 'best', 'high'] as const).forEach((key, i) => {
      const value = [low, best, high][i];
      if (mask & (1 << i)) count[key] = value;
      else if (withNulls) count[key] = null;
    });
    return count;
  });

const incidentArb = fc.integer({ min: 0, max: INCIDENTS - 1 });
const pickArb = fc.nat({ max: 20 });

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('report' as const), incident: incidentArb, side: fc.constantFrom(...SIDES), status: fc.constantFrom(...STATUSES), count: countArb }), weight: 5 },
  { arbitrary: fc.record({ kind: fc.constant('correctCount' as const), incident: incidentArb, pick: pickArb, count: countArb }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('move' as const), incident: incidentArb, to: whereaboutsArb }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('retract' as const), incident: incidentArb, pick: pickArb }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('withdraw' as const), incident: incidentArb }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('unwithdraw' as const), incident: incidentArb }), weight: 1 },
);

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    openings: fc.array(whereaboutsArb, { minLength: INCIDENTS, maxLength: INCIDENTS }),
    steps: fc.array(stepArb, { minLength: 4, maxLength: 22 }),
    momentAt: fc.nat(),
    groupBy: fc.shuffledSubarray([...DIMENSIONS], { minLength: 1 }),
    sides: fc.option(fc.shuffledSubarray([...SIDES], { minLength: 1 }), { freq: 3 }),
  })
  .map((s) => ({ ...s, momentAt: s.momentAt % (s.steps.length + 1) }));

const place = ({ country, area }: Whereabouts) => ({
  country, area, admin1: null, name: null, latitude: null, longitude: null, precision: area ? 'area' : 'country',
});
const day = (date: string) => ({ start: `${date}T00:00:00Z`, end: `${date}T23:59:59Z`, precision: 'day' });

/** What the test knows of an incident it wrote: the events a correction or a retraction may name. */
interface Written {
  incidentId: string;
  opening: string;
  reports: string[];
  corrections: string[];
  withdrawal: string | null;
}

interface Group {
  key: string;
  by: Partial<Record<Dimension, string | null>>;
  low: number;
  best: number | null;
  high: number | null;
  reports: number;
  withoutBest: number;
}

/** API.md, "Counts", applied to the casualties of the views of incidents not withdrawn. */
function expectedGroups(views: any[], groupBy: Dimension[], sides: string[] | null): Group[] {
  const groups = new Map<string, { by: Record<string, string | null>; figures: { low: number; best: number | null; high: number | null }[] }>();
  for (const view of views) {
    if (view.withdrawn !== null) continue;
    for (const casualty of view.casualties) {
      if (sides && !sides.includes(casualty.side)) continue;
      const values: Record<Dimension, string | null> = {
        country: view.location.country,
        area: view.location.area,
        month: new Date(view.occurred.start).toISOString().slice(0, 7),
        operation: view.operation,
        side: casualty.side,
        status: casualty.status,
      };
      const by = Object.fromEntries(groupBy.map((d) => [d, values[d]]));
      const id = JSON.stringify(groupBy.map((d) => values[d]));
      const { low, best, high } = casualty.count;
      const group = groups.get(id) ?? { by, figures: [] };
      group.figures.push({ low: low ?? best ?? 0, best, high: high ?? best ?? null });
      groups.set(id, group);
    }
  }
  const compare = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);
  return [...groups.values()]
    .sort((a, b) => groupBy.map((d) => compare(a.by[d], b.by[d])).find((c) => c !== 0) ?? 0)
    .map(({ by, figures }) => {
      const given = figures.filter((f) => f.best !== null);
      return {
        key: groupBy.map((d) => by[d] ?? '').join('/'),
        by,
        low: figures.reduce((sum, f) => sum + f.low, 0),
        best: given.length === 0 ? null : given.reduce((sum, f) => sum + f.best!, 0),
        high: figures.some((f) => f.high === null) ? null : figures.reduce((sum, f) => sum + f.high!, 0),
        reports: figures.length,
        withoutBest: figures.length - given.length,
      };
    });
}

describe('GET /stats/casualties over random histories', () => {
  let server: RunningApp;
  let base: string;
  let sourceId: string;
  let run = 0;
  const seen = new Map<string, number>();

  beforeAll(async () => {
    server = await startApp();
    base = server.baseUrl;
    sourceId = await registerSource(base);
  });
  afterAll(async () => {
    await server.close();
    // The generator must reach the cases that matter, or the property proves little.
    for (const kind of ['report', 'correctCount', 'move', 'retract:report', 'retract:correction', 'withdraw', 'unwithdraw']) {
      expect({ kind, seen: (seen.get(kind) ?? 0) > 0 }).toEqual({ kind, seen: true });
    }
  });

  /** Records one event; the domain may refuse it (422: a correction that breaks low ≤ best, a fact on a withdrawn incident). */
  async function record(incidentId: string, type: string, data: unknown, what: string): Promise<string | null> {
    const answer = await http(base, 'POST', `/incidents/${incidentId}/events`, {
      body: { events: [{ type, data, source: { sourceId, excerpt: EXCERPT } }] },
    });
    if (answer.status === 422) return null;
    if (answer.status !== 201) throw new Error(`${type} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    seen.set(what, (seen.get(what) ?? 0) + 1);
    return answer.body.events[0].eventId;
  }

  async function play(written: Written, step: Step): Promise<void> {
    const nth = <T>(list: T[], pick: number): T | undefined => (list.length === 0 ? undefined : list[pick % list.length]);
    switch (step.kind) {
      case 'report': {
        const eventId = await record(written.incidentId, 'CasualtiesReported', { side: step.side, status: step.status, count: step.count }, 'report');
        if (eventId) written.reports.push(eventId);
        return;
      }
      case 'correctCount': {
        const target = nth(written.reports, step.pick);
        if (!target) return;
        const eventId = await record(written.incidentId, 'FactCorrected', { correctsEventId: target, data: { count: step.count }, reason: 'recount' }, 'correctCount');
        if (eventId) written.corrections.push(eventId);
        return;
      }
      case 'move': {
        const data = { location: place(step.to), occurred: day(step.to.date) };
        const eventId = await record(written.incidentId, 'FactCorrected', { correctsEventId: written.opening, data, reason: 'relocated' }, 'move');
        if (eventId) written.corrections.push(eventId);
        return;
      }
      case 'retract': {
        const candidates = [...written.reports.map((id) => ['report', id]), ...written.corrections.map((id) => ['correction', id])];
        const target = nth(candidates, step.pick);
        if (!target) return;
        const [what, eventId] = target;
        if (await record(written.incidentId, 'FactRetracted', { retractsEventId: eventId, reason: 'not so' }, `retract:${what}`)) {
          written.reports = written.reports.filter((id) => id !== eventId);
          written.corrections = written.corrections.filter((id) => id !== eventId);
        }
        return;
      }
      case 'withdraw':
        if (written.withdrawal) return;
        written.withdrawal = await record(written.incidentId, 'IncidentWithdrawn', { reason: 'a duplicate' }, 'withdraw');
        return;
      case 'unwithdraw':
        if (!written.withdrawal) return;
        if (await record(written.incidentId, 'FactRetracted', { retractsEventId: written.withdrawal, reason: 'not a duplicate' }, 'unwithdraw')) {
          written.withdrawal = null;
        }
        return;
    }
  }

  async function views(incidents: Written[], asOf: string | null): Promise<any[]> {
    const shown: any[] = [];
    for (const { incidentId } of incidents) {
      const answer = await http(base, 'GET', `/incidents/${incidentId}${asOf ? `?asOf=${asOf}` : ''}`);
      if (answer.status === 404 && asOf) continue;
      if (answer.status !== 200) throw new Error(`GET /incidents/${incidentId} answered ${answer.status}`);
      shown.push(answer.body);
    }
    return shown;
  }

  it('each group equals the recomputation from the incidents\' views, now and as of a past moment', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        // Each run has an operation of its own: the tallies are filtered to it.
        const operation = `Run ${++run} ${Date.now()}`;
        const incidents: Written[] = [];
        let moment: string | null = scenario.momentAt === 0 ? await momentBetweenWrites() : null;
        for (const whereabouts of scenario.openings) {
          const incidentId = await openIncident(base, sourceId, { operation, location: place(whereabouts), occurred: day(whereabouts.date) });
          const history = await http(base, 'GET', `/incidents/${incidentId}/history`);
          incidents.push({ incidentId, opening: history.body.revisions[0].eventId, reports: [], corrections: [], withdrawal: null });
        }
        for (const [index, step] of scenario.steps.entries()) {
          if (index === scenario.momentAt && index > 0) moment = await momentBetweenWrites();
          await play(incidents[step.incident], step);
        }
        moment ??= await momentBetweenWrites();

        const query = `groupBy=${scenario.groupBy.join(',')}&operation=${encodeURIComponent(operation)}${scenario.sides ? `&side=${scenario.sides.join(',')}` : ''}`;
        for (const asOf of [null, moment]) {
          const answer = await http(base, 'GET', `/stats/casualties?${query}${asOf ? `&asOf=${asOf}` : ''}`);
          expect(answer.status).toBe(200);
          expect({ asOf, groups: answer.body.groups }).toEqual({ asOf, groups: expectedGroups(await views(incidents, asOf), scenario.groupBy, scenario.sides) });
        }
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});
