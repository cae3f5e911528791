import fc from 'fast-check';
import { fold } from '../../src/domain/incident/fold';
import { toIncidentView } from '../../src/domain/incident/incident-view';
import { incidentAt } from '../../src/incidents/application/incident-at';
import { toRecordedIncidentEvent } from '../../src/log/incident-log-events';
import { RunningApp, http, startApp } from '../support/app';
import { factChoiceArb, openingArb, playWrite } from '../support/incident-scenarios';
import { HttpWriter, casualtiesEvent, correctionEvent, momentBetweenWrites, retractionEvent } from '../support/reliability-http';
import { incidentIdOf, openRig, steppingClock, tempDatabase } from '../support/reliability';

const shift = (time: string, ms: number): string => new Date(Date.parse(time) + ms).toISOString();

describe('an incident as of a version or a record time (incidentAt over a stored stream)', () => {
  it('at version k, and as of any time between two appends, shows the state folded from the events known then; before the first, nothing', async () => {
    await fc.assert(
      fc.asyncProperty(openingArb, fc.array(fc.array(factChoiceArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 10 }), async (opening, writes) => {
        const folder = tempDatabase();
        const clock = steppingClock('2024-03-01T10:00:00.000Z', 60_000);
        const rig = await openRig(folder.file, { now: clock.now, initialise: false });
        try {
          const incidentId = incidentIdOf(0);
          for (const choices of writes) await playWrite(rig.log, incidentId, opening, choices);
          const { events: stream } = await rig.log.load(incidentId);
          const recorded = stream.map(toRecordedIncidentEvent);

          for (let k = 1; k <= stream.length; k++) {
            // The moment an atVersion stands for is the record time of that version's event.
            expect({ k, at: incidentAt(stream, { atVersion: k }) }).toEqual({
              k, at: { view: toIncidentView(fold(recorded.slice(0, k))), recordTime: stream[k - 1].recordedAt },
            });
          }
          for (const time of new Set(stream.map((e) => e.recordedAt))) {
            const known = recorded.filter((e) => e.recordedAt <= time);
            const expected = toIncidentView(fold(known));
            expect(incidentAt(stream, { asOf: time })?.view).toEqual(expected);
            expect(incidentAt(stream, { asOf: shift(time, 30_000) })?.view).toEqual(expected);
            // The same instant written with another offset.
            expect(incidentAt(stream, { asOf: new Date(Date.parse(time) + 30_000).toISOString().replace('Z', '+00:00') })?.view).toEqual(expected);
          }
          expect(incidentAt(stream, { asOf: shift(stream[0].recordedAt, -1) })).toBeUndefined();
        } finally {
          await rig.close();
          folder.remove();
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe('as of, through HTTP', () => {
  let server: RunningApp;
  let writer: HttpWriter;
  let incidentId: string;
  const moments: Record<string, string> = {};

  beforeAll(async () => {
    server = await startApp();
    writer = new HttpWriter(server.baseUrl);
    const sourceId = await writer.registerBarkhane();
    moments.beforeIncident = await momentBetweenWrites();
    ({ incidentId } = await writer.open(sourceId));
    const [seven] = await writer.record(incidentId, sourceId, casualtiesEvent({ best: 7 }));
    moments.beforeCorrection = await momentBetweenWrites();
    await writer.record(incidentId, sourceId, correctionEvent(seven.eventId, { count: { best: 9 } }));
    moments.afterCorrection = await momentBetweenWrites();
    const [three] = await writer.record(incidentId, sourceId, casualtiesEvent({ low: 2, best: 3, high: 5 }, 'friendly', 'wounded'));
    moments.beforeRetraction = await momentBetweenWrites();
    await writer.record(incidentId, sourceId, retractionEvent(three.eventId));
  });

  afterAll(() => server.close());

  it('GET /incidents/{id}?atVersion=1 is the incident as opened', async () => {
    const answer = await http(server.baseUrl, 'GET', `/incidents/${incidentId}?atVersion=1`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('etag')).toBe('"1"');
    expect(answer.body).toMatchObject({ incidentId, version: 1, casualties: [], corrections: 0, location: { country: 'ML', area: 'Gourma' } });
  });

  it('GET /incidents/{id}?asOf= shows the state known then, and 404 before the incident existed', async () => {
    const before = await http(server.baseUrl, 'GET', `/incidents/${incidentId}?asOf=${moments.beforeCorrection}`);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ version: 2, casualties: [{ count: { best: 7 } }], corrections: 0 });

    const after = await http(server.baseUrl, 'GET', `/incidents/${incidentId}?asOf=${moments.afterCorrection}`);
    expect(after.body).toMatchObject({ version: 3, casualties: [{ count: { best: 9 } }], corrections: 1 });

    const none = await http(server.baseUrl, 'GET', `/incidents/${incidentId}?asOf=${moments.beforeIncident}`);
    expect(none.status).toBe(404);
    expect(none.body).toMatchObject({ statusCode: 404, message: [expect.stringContaining('did not exist yet')] });

    const now = await http(server.baseUrl, 'GET', `/incidents/${incidentId}`);
    expect(now.body).toMatchObject({ version: 5, casualties: [{ count: { best: 9 } }] });
    expect(now.body.casualties).toHaveLength(1);
  });

  it('GET /stats/casualties?asOf= before a correction gives the old sum; without asOf, the corrected sum', async () => {
    const old = await http(server.baseUrl, 'GET', `/stats/casualties?asOf=${moments.beforeCorrection}`);
    expect(old.status).toBe(200);
    expect(old.body.groups).toEqual([{ key: 'ML', by: { country: 'ML' }, low: 7, best: 7, high: 7, reports: 1, withoutBest: 0 }]);

    const now = await http(server.baseUrl, 'GET', '/stats/casualties');
    expect(now.body).toMatchObject({ groupBy: ['country'], asOf: null });
    expect(now.body.groups).toEqual([{ key: 'ML', by: { country: 'ML' }, low: 9, best: 9, high: 9, reports: 1, withoutBest: 0 }]);

    const before = await http(server.baseUrl, 'GET', `/stats/casualties?asOf=${moments.beforeIncident}`);
    expect(before.body.groups).toEqual([]);

    // The same instant as the first query, written in another time zone.
    const inParis = new Date(Date.parse(moments.beforeCorrection) + 2 * 3600_000).toISOString().replace('Z', '+02:00');
    const sameOld = await http(server.baseUrl, 'GET', `/stats/casualties?asOf=${encodeURIComponent(inParis)}`);
    expect(sameOld.body.groups).toEqual([{ key: 'ML', by: { country: 'ML' }, low: 7, best: 7, high: 7, reports: 1, withoutBest: 0 }]);
    const incident = await http(server.baseUrl, 'GET', `/incidents/${incidentId}?asOf=${encodeURIComponent(inParis)}`);
    expect(incident.body).toMatchObject({ version: 2, casualties: [{ count: { best: 7 } }] });
  });

  it('as of the exact record time of an event, both the incident and the tally include that event', async () => {
    const history = (await http(server.baseUrl, 'GET', `/incidents/${incidentId}/history`)).body.revisions as { type: string; recordedAt: string; version: number }[];
    const correction = history.find((r) => r.type === 'FactCorrected')!;
    const retraction = history.find((r) => r.type === 'FactRetracted')!;

    const incident = await http(server.baseUrl, 'GET', `/incidents/${incidentId}?asOf=${correction.recordedAt}`);
    expect(incident.body).toMatchObject({ version: correction.version, casualties: [{ count: { best: 9 } }] });
    const tally = await http(server.baseUrl, 'GET', `/stats/casualties?asOf=${correction.recordedAt}`);
    expect(tally.body.groups).toEqual([{ key: 'ML', by: { country: 'ML' }, low: 9, best: 9, high: 9, reports: 1, withoutBest: 0 }]);

    const atRetraction = await http(server.baseUrl, 'GET', `/stats/casualties?asOf=${retraction.recordedAt}`);
    expect(atRetraction.body.groups).toEqual([{ key: 'ML', by: { country: 'ML' }, low: 9, best: 9, high: 9, reports: 1, withoutBest: 0 }]);
    expect((await http(server.baseUrl, 'GET', `/incidents/${incidentId}?asOf=${retraction.recordedAt}`)).body.casualties).toHaveLength(1);
  });

  it('a retraction removes a casualty from the current tally but not from an earlier asOf', async () => {
    const earlier = await http(server.baseUrl, 'GET', `/stats/casualties?groupBy=side&asOf=${moments.beforeRetraction}`);
    expect(earlier.body.groups).toEqual([
      { key: 'friendly', by: { side: 'friendly' }, low: 2, best: 3, high: 5, reports: 1, withoutBest: 0 },
      { key: 'hostile', by: { side: 'hostile' }, low: 9, best: 9, high: 9, reports: 1, withoutBest: 0 },
    ]);
    const now = await http(server.baseUrl, 'GET', '/stats/casualties?groupBy=side');
    expect(now.body.groups).toEqual([{ key: 'hostile', by: { side: 'hostile' }, low: 9, best: 9, high: 9, reports: 1, withoutBest: 0 }]);

    const incident = await http(server.baseUrl, 'GET', `/incidents/${incidentId}?asOf=${moments.beforeRetraction}`);
    expect(incident.body.casualties.map((c: { count: { best: number } }) => c.count.best)).toEqual([9, 3]);
  });
});
