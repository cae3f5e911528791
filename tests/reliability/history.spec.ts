import { Revision } from '../../src/incidents/application/revisions';
import { RunningApp, http, startApp } from '../support/app';
import { EXCERPT, HttpWriter, casualtiesEvent, correctionEvent, retractionEvent } from '../support/reliability-http';


describe('the history of a corrected and retracted incident (GET /incidents/{id}/history)', () => {
  let server: RunningApp;
  let incidentId: string;
  let sourceId: string;
  let revisions: Revision[];
  let casualtyId: string;

  beforeAll(async () => {
    server = await startApp();
    const writer = new HttpWriter(server.baseUrl);
    sourceId = await writer.registerBarkhane();
    ({ incidentId } = await writer.open(sourceId));
    [{ eventId: casualtyId }] = await writer.record(incidentId, sourceId, casualtiesEvent({ best: 7 }));
    await writer.record(incidentId, sourceId, correctionEvent(casualtyId, { count: { best: 9 } }));
    const opening = (await http(server.baseUrl, 'GET', `/incidents/${incidentId}/history`)).body.revisions[0] as Revision;
    await writer.record(incidentId, sourceId, correctionEvent(opening.eventId, { location: { area: 'Menaka' } }));
    await writer.record(incidentId, sourceId, retractionEvent(casualtyId));
    const answer = await http(server.baseUrl, 'GET', `/incidents/${incidentId}/history`);
    expect(answer.status).toBe(200);
    expect(answer.body.incidentId).toBe(incidentId);
    revisions = answer.body.revisions;
  });

  afterAll(() => server.close());

  it('lists every event, oldest first, each with version, eventId, type, recordedAt, recordedBy, source, confidence, data and changes', () => {
    expect(revisions.map((r) => [r.version, r.type])).toEqual([
      [1, 'IncidentOpened'], [2, 'CasualtiesReported'], [3, 'FactCorrected'], [4, 'FactCorrected'], [5, 'FactRetracted'],
    ]);
    for (const revision of revisions) {
      expect(Object.keys(revision).sort()).toEqual(['changes', 'confidence', 'data', 'eventId', 'recordedAt', 'recordedBy', 'source', 'type', 'version']);
      expect(revision).toMatchObject({ recordedBy: 'local', confidence: 'confirmed', source: { sourceId, excerpt: expect.any(String) } });
      expect(revision.eventId).toMatch(/^[0-9a-f-]{36}$/);
      expect(Number.isNaN(Date.parse(revision.recordedAt))).toBe(false);
    }
    const times = revisions.map((r) => r.recordedAt);
    expect([...times].sort()).toEqual(times);
    expect(new Set(revisions.map((r) => r.eventId)).size).toBe(revisions.length);
    expect(revisions[1].data).toEqual(casualtiesEvent({ best: 7 }).data);
    expect(revisions[1].source).toEqual({ sourceId, excerpt: EXCERPT });
  });

  it('the recorded casualties appear as a created entry', () => {
    expect(revisions[1].changes).toEqual([
      {
        path: 'casualties.0', before: null,
        after: expect.objectContaining({ eventId: casualtyId, count: { low: null, best: 7, high: null }, side: 'hostile', status: 'neutralised', corrections: [] }),
      },
    ]);
  });

  it('the FactCorrected revision shows the corrected count: casualties.0.count.best 7 → 9', () => {
    expect(revisions[2].data).toEqual({ correctsEventId: casualtyId, data: { count: { best: 9 } }, reason: 'a later communiqué' });
    expect(revisions[2].changes).toEqual([
      { path: 'casualties.0.count.best', before: 7, after: 9 },
      // The fact now lists the correction that supports its new value (1.1).
      {
        path: 'casualties.0.corrections.0', before: null,
        after: { eventId: revisions[2].eventId, reason: 'a later communiqué', source: revisions[2].source, confidence: 'confirmed', recordedAt: revisions[2].recordedAt, setsConfidence: null },
      },
      { path: 'corrections', before: 0, after: 1 },
    ]);
  });

  it("a correction of the opening shows the changed place: location.area 'Gourma' → 'Menaka'", () => {
    expect(revisions[3].changes).toEqual([
      { path: 'location.area', before: 'Gourma', after: 'Menaka' },
      { path: 'corrections', before: 1, after: 2 },
    ]);
  });

  it('the retraction shows the removed fact, as it stood, with after null', () => {
    expect(revisions[4].data).toEqual({ retractsEventId: casualtyId, reason: 'not supported by the source' });
    expect(revisions[4].changes).toEqual([
      {
        path: 'casualties.0', after: null,
        before: expect.objectContaining({ eventId: casualtyId, count: { low: null, best: 9, high: null }, corrections: [expect.objectContaining({ eventId: revisions[2].eventId })] }),
      },
      // The correction of the retracted fact no longer counts.
      { path: 'corrections', before: 2, after: 1 },
    ]);
  });

  it('retracting the first of two facts of a kind shows that fact removed, not the other one', async () => {
    const writer = new HttpWriter(server.baseUrl);
    const { incidentId: other } = await writer.open(sourceId);
    const [seven, three] = await writer.record(other, sourceId, casualtiesEvent({ best: 7 }), casualtiesEvent({ best: 3 }, 'friendly', 'wounded'));
    await writer.record(other, sourceId, retractionEvent(seven.eventId));
    const history = (await http(server.baseUrl, 'GET', `/incidents/${other}/history`)).body.revisions as Revision[];
    const retraction = history.at(-1)!;
    expect(retraction.type).toBe('FactRetracted');

    const removed = retraction.changes.filter((c) => c.after === null).map((c) => (c.before as { eventId?: string }).eventId);
    expect(removed).toEqual([seven.eventId]);
    // What stays (the other casualties) is not reported as changed in any field.
    const touchedKept = retraction.changes.filter((c) => c.after !== null && c.path.startsWith('casualties'));
    expect({ kept: three.eventId, touched: touchedKept }).toEqual({ kept: three.eventId, touched: [] });
  });

  it('answers 404 for an incident that does not exist', async () => {
    const answer = await http(server.baseUrl, 'GET', '/incidents/0190ffff-0000-4000-8000-000000000000/history');
    expect(answer.status).toBe(404);
  });
});
