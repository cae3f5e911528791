/** Appends through the app's EventStore beside the raw driver doing the same work, interleaved. */
import { v7 as uuidv7 } from 'uuid';
import { EventToAppend } from '../../src/event-store/event-store.port';
import { IncidentEvent } from '../../src/domain/incident/incident-events';
import { incidentStreamId, NO_STREAM, openAppStorage, toAppend } from '../lib/app-storage';
import { runMain, workerInput } from '../lib/processes';
import { PostgresRawLog, RawEvent, RawLog, SqliteRawLog } from '../lib/raw-log';
import { join } from 'node:path';

interface Input {
  kind: 'sqlite' | 'postgres';
  env: Record<string, string>;
  dir: string;
  url: string | null;
  /** Single-event appends per scenario; batches of 100 write 5x as many events. */
  events: number;
}

export interface StoreAppendFigures {
  sequential: { app: number; raw: number };
  concurrent: { app: number; raw: number };
  batched: { app: number; raw: number };
  eventBytes: number;
}

const sourceId = uuidv7();
/** A casualty report as the domain decides it: ~330 bytes stored. */
function casualtyReport(i: number): IncidentEvent {
  return {
    eventId: uuidv7(), type: 'CasualtiesReported',
    data: { side: 'hostile', status: 'neutralised', count: { low: 5, best: 7 + (i % 3), high: 12 }, wording: 'neutraliser sept terroristes' },
    source: { sourceId, excerpt: 'neutraliser sept terroristes' }, confidence: 'confirmed',
  };
}
const toRaw = (streamId: string, events: EventToAppend[]): RawEvent[] =>
  events.map((e, i) => ({ ...e, streamId, streamVersion: i + 1 }));

const perSecond = (count: number, started: bigint) => count / (Number(process.hrtime.bigint() - started) / 1e9);

runMain(async () => {
  const input = workerInput<Input>();
  const storage = await openAppStorage(input.env);
  const raw: RawLog = input.kind === 'sqlite' ? new SqliteRawLog(join(input.dir, 'raw-appends.sqlite')) : await PostgresRawLog.open(input.url!);
  const store = storage.store;
  const n = input.events;
  // Events made before the clock starts, for both sides alike.
  const singles = (label: string) => Array.from({ length: n }, (_, i) => ({ streamId: incidentStreamId(`${label}-${uuidv7()}`), events: toAppend([casualtyReport(i)]) }));
  const app = { sequential: 0, concurrent: 0, batched: 0 };
  const rawFigures = { sequential: 0, concurrent: 0, batched: 0 };
  try {
    // Warm-up: statements prepared, pools connected, JIT.
    for (const { streamId, events } of singles('warm').slice(0, 200)) {
      await store.append(streamId, events, NO_STREAM);
      await raw.append(toRaw(`raw-${streamId}`, events));
    }

    let work = singles('seq');
    let started = process.hrtime.bigint();
    for (const { streamId, events } of work) await store.append(streamId, events, NO_STREAM);
    app.sequential = perSecond(n, started);
    work = singles('seq');
    started = process.hrtime.bigint();
    for (const { streamId, events } of work) await raw.append(toRaw(streamId, events));
    rawFigures.sequential = perSecond(n, started);

    const writers = 10;
    const concurrently = async (append: (w: (typeof work)[number]) => Promise<unknown>) => {
      const items = singles('conc');
      const begun = process.hrtime.bigint();
      await Promise.all(Array.from({ length: writers }, async (_, writer) => {
        for (let i = writer; i < items.length; i += writers) await append(items[i]);
      }));
      return perSecond(items.length, begun);
    };
    app.concurrent = await concurrently(({ streamId, events }) => store.append(streamId, events, NO_STREAM));
    rawFigures.concurrent = await concurrently(({ streamId, events }) => raw.append(toRaw(streamId, events)));

    const batchCount = Math.max(1, Math.round((5 * n) / 100));
    const batches = () => Array.from({ length: batchCount }, (_, b) => ({
      streamId: incidentStreamId(`batch-${uuidv7()}`),
      events: toAppend(Array.from({ length: 100 }, (_, i) => casualtyReport(b * 100 + i))),
    }));
    let batchWork = batches();
    started = process.hrtime.bigint();
    for (const { streamId, events } of batchWork) await store.append(streamId, events, NO_STREAM);
    app.batched = perSecond(batchCount * 100, started);
    batchWork = batches();
    started = process.hrtime.bigint();
    for (const { streamId, events } of batchWork) await raw.append(toRaw(streamId, events));
    rawFigures.batched = perSecond(batchCount * 100, started);
  } finally {
    await raw.close();
    await storage.close();
  }
  const figures: StoreAppendFigures = {
    sequential: { app: app.sequential, raw: rawFigures.sequential },
    concurrent: { app: app.concurrent, raw: rawFigures.concurrent },
    batched: { app: app.batched, raw: rawFigures.batched },
    eventBytes: Buffer.byteLength(JSON.stringify(toAppend([casualtyReport(0)])[0])),
  };
  return figures;
});
