/**
 * A write to an incident this process has not seen (after a restart, or once its cache dropped
 * it) starts from the incident's projected state plus the events after it, not from event 1, and
 * its projections are still applied in the append's own transaction. Real SQLite file, real HTTP;
 * the store's reads are counted as they pass, not replaced.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProjectionEngine } from '../../src/projections/engine/projection-engine';
import { countingStreamReads } from '../support/counting-stream-reads';
import { RunningApp, startApp } from '../support/app';
import { casualties } from '../support/barkhane';
import { facts, openIncident, readIncident, recordEvents, recorded, registerSource } from '../support/e2e';

const HISTORY = 300;

describe('the first write after a restart (SQLite)', () => {
  let dataDir: string;
  let server: RunningApp | null = null;
  let incidentId: string;
  let sourceId: string;
  let corrected: string;
  let retracted: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'incident-log-write-start-'));
    const first = await startApp({ DATA_DIR: dataDir, EVENT_STORE: 'sqlite' });
    try {
      sourceId = await registerSource(first.baseUrl);
      incidentId = await openIncident(first.baseUrl, sourceId);
      const history = Array.from({ length: HISTORY }, (_, i) => casualties(sourceId, { low: i, best: i, high: i }));
      for (let start = 0; start < HISTORY; start += 100) await recorded(first.baseUrl, incidentId, history.slice(start, start + 100));
      const { body } = await recorded(first.baseUrl, incidentId, [casualties(sourceId), casualties(sourceId)]);
      [corrected, retracted] = body.events.map((e: { eventId: string }) => e.eventId);
      await recorded(first.baseUrl, incidentId, [facts.corrected(sourceId, corrected, { count: { best: 8, high: 8 } }), facts.retracted(sourceId, retracted)]);
    } finally {
      await first.close();
    }
    server = await startApp({ DATA_DIR: dataDir, EVENT_STORE: 'sqlite' });
  });

  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('decides on the state the incident had (a correction of the correction accepted, one of the retracted fact refused) without reading its history', async () => {
    const base = server!.baseUrl;
    const { result, eventsRead } = await countingStreamReads(async () => ({
      refused: await recordEvents(base, incidentId, [facts.corrected(sourceId, retracted, { count: { best: 9 } })]),
      accepted: await recordEvents(base, incidentId, [facts.corrected(sourceId, corrected, { count: { best: 10, high: 10 } })]),
    }));
    expect(result.refused.status).toBe(422);
    expect(result.refused.body.message.join(' ')).toMatch(/correctsEventId .*retracted/);
    expect(result.accepted.status).toBe(201);
    // Before: 611 events, the whole stream read by the write path and again by the projections' fold.
    expect(eventsRead).toBe(0);

    const incident = await readIncident(base, incidentId);
    expect(incident.version).toBe(HISTORY + 6);
    const casualty = (eventId: string) => incident.casualties.find((c: { eventId: string }) => c.eventId === eventId);
    expect(casualty(corrected).count).toMatchObject({ low: 7, best: 10, high: 10 });
    expect(casualty(retracted)).toBeUndefined();
    expect(incident.casualties).toHaveLength(HISTORY + 1);
    // The projections applied it in the append: every one is at the head, and agrees with a rebuild from event 1.
    expect(await server!.app.get(ProjectionEngine).verify()).toEqual([]);
  });
});
