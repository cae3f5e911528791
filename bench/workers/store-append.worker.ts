/** Appends through the app's EventStore beside the raw driver doing the same work, in rounds taking turns. */
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

/** Rounds of each scenario, the app's and the raw driver's taking turns. */
const ROUNDS = 4;

interface AppendItem {
  streamId: string;
  events: EventToAppend[];
}
type Append = (item: AppendItem) => Promise<unknown>;
/** How a scenario's appends are made: one after another, or by concurrent writers. */
type Scenario = (items: AppendItem[], append: Append) => Promise<void>;

const oneAfterAnother: Scenario = async (items, append) => {
  for (const item of items) await append(item);
};

const WRITERS = 10;
const concurrently: Scenario = async (items, append) => {
  await Promise.all(Array.from({ length: WRITERS }, async (_, writer) => {
    for (let i = writer; i < items.length; i += WRITERS) await append(items[i]);
  }));
};

/**
 * Events per second of each side: the total of its rounds, the two sides' rounds taking turns,
 * so that a change in the machine's speed during the run weighs on both alike.
 */
async function inTurns(items: () => AppendItem[], scenario: Scenario, app: Append, raw: Append): Promise<{ app: number; raw: number }> {
  const totals = { app: { events: 0, seconds: 0 }, raw: { events: 0, seconds: 0 } };
  for (let round = 0; round < ROUNDS; round++) {
    for (const [side, append] of [['app', app], ['raw', raw]] as const) {
      const work = items();
      const started = process.hrtime.bigint();
      await scenario(work, append);
      totals[side].seconds += Number(process.hrtime.bigint() - started) / 1e9;
      totals[side].events += work.reduce((sum, item) => sum + item.events.length, 0);
    }
  }
  return { app: totals.app.events / totals.app.seconds, raw: totals.raw.events / totals.raw.seconds };
}

runMain(async () => {
  const input = workerInput<Input>();
  const storage = await openAppStorage(input.env);
  const raw: RawLog = input.kind === 'sqlite' ? new SqliteRawLog(join(input.dir, 'raw-appends.sqlite')) : await PostgresRawLog.open(input.url!);
  const store = storage.store;
  const n = input.events;
  // Events made before the clock starts, for both sides alike.
  const singles = (label: string, count: number): AppendItem[] =>
    Array.from({ length: count }, (_, i) => ({ streamId: incidentStreamId(`${label}-${uuidv7()}`), events: toAppend([casualtyReport(i)]) }));
  let [sequential, concurrent, batched] = [{ app: 0, raw: 0 }, { app: 0, raw: 0 }, { app: 0, raw: 0 }];
  try {
    // Warm-up: statements prepared, pools connected, JIT.
    for (const { streamId, events } of singles('warm', 200)) {
      await store.append(streamId, events, NO_STREAM);
      await raw.append(toRaw(`raw-${streamId}`, events));
    }

    const appAppend: Append = ({ streamId, events }) => store.append(streamId, events, NO_STREAM);
    const rawAppend: Append = ({ streamId, events }) => raw.append(toRaw(streamId, events));
    const perRound = Math.max(1, Math.round(n / ROUNDS));
    const batchesPerRound = Math.max(1, Math.round((5 * n) / 100 / ROUNDS));
    const batches = () => Array.from({ length: batchesPerRound }, (_, b) => ({
      streamId: incidentStreamId(`batch-${uuidv7()}`),
      events: toAppend(Array.from({ length: 100 }, (_, i) => casualtyReport(b * 100 + i))),
    }));

    sequential = await inTurns(() => singles('seq', perRound), oneAfterAnother, appAppend, rawAppend);
    concurrent = await inTurns(() => singles('conc', perRound), concurrently, appAppend, rawAppend);
    batched = await inTurns(batches, oneAfterAnother, appAppend, rawAppend);
  } finally {
    await raw.close();
    await storage.close();
  }
  const figures: StoreAppendFigures = {
    sequential,
    concurrent,
    batched,
    eventBytes: Buffer.byteLength(JSON.stringify(toAppend([casualtyReport(0)])[0])),
  };
  return figures;
});
