/**
 * Replay benchmark: generates N events across realistic incidents, rebuilds every projection from
 * position 0, and compares with reading and parsing the same rows with the raw driver alone
 * (better-sqlite3, or pg in pages of 1,000). Run: npm run bench:replay -- --events 100000 [--store postgres]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { SqliteConnection } from '../src/database/sqlite/sqlite-connection';
import { SqliteReadModelDatabase } from '../src/database/sqlite/sqlite-read-model-database';
import { incidentStreamId } from '../src/domain/incident/incident-events';
import { SOURCE_EVENT_SCHEMA_VERSION, SOURCE_REGISTERED, sourceStreamId } from '../src/domain/source/source-events';
import { NO_STREAM } from '../src/event-store/event-store.port';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store';
import { PostgresEventStore } from '../src/event-store/postgres/postgres-event-store';
import { PostgresReadModelDatabase } from '../src/database/postgres/postgres-read-model-database';
import { ReadModelDatabase } from '../src/database/sql-runner';
import { EventStore } from '../src/event-store/event-store.port';
import { withFreshPostgresDatabase } from './bench-database';
import pg from 'pg';
import { toEventToAppend } from '../src/log/incident-log-events';
import { allProjections } from '../src/projections/all-projections';
import { ProjectionEngine } from '../src/projections/engine/projection-engine';
import { memoryPeak, mib, numberOption, rate } from './bench-args';
import { syntheticIncident } from './synthetic-incidents';

const WRITER = { recordedBy: 'bench', correlationId: null, causationId: null };

interface BenchStore {
  store: EventStore;
  readModels: ReadModelDatabase;
  /** Reads every event row with the driver alone, parsing its JSON; answers how many. */
  rawRead: () => Promise<number>;
}

async function onSqlite(run: (bench: BenchStore) => Promise<void>): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'incident-log-bench-'));
  const connection = new SqliteConnection(join(folder, 'bench.sqlite'));
  const store = new SqliteEventStore(connection);
  const raw = connection.db.prepare('SELECT * FROM events WHERE global_position > ? ORDER BY global_position LIMIT 1000');
  const rawRead = async () => {
    let [after, read] = [0, 0];
    for (let rows = raw.all(after) as RawRow[]; rows.length > 0; rows = raw.all(after) as RawRow[]) {
      for (const row of rows) {
        JSON.parse(row.data);
        if (row.source) JSON.parse(row.source);
      }
      read += rows.length;
      after = rows[rows.length - 1].global_position;
    }
    return read;
  };
  try {
    await run({ store, readModels: new SqliteReadModelDatabase(connection), rawRead });
  } finally {
    connection.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

async function onPostgres(run: (bench: BenchStore) => Promise<void>): Promise<void> {
  await withFreshPostgresDatabase(async (url) => {
    const store = await PostgresEventStore.open(url);
    const readModels = new PostgresReadModelDatabase(url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    // pg parses JSONB itself: the raw rate includes that parsing, as the adapter's reads do.
    const rawRead = async () => {
      let [after, read] = [0, 0];
      for (;;) {
        const { rows } = await client.query<{ global_position: string }>(
          'SELECT * FROM events WHERE global_position > $1 ORDER BY global_position LIMIT 1000', [after],
        );
        if (rows.length === 0) return read;
        read += rows.length;
        after = Number(rows[rows.length - 1].global_position);
      }
    };
    try {
      await run({ store, readModels, rawRead });
    } finally {
      await client.end();
      await readModels.close();
      await store.close();
    }
  });
}

interface RawRow {
  global_position: number;
  data: string;
  source: string | null;
}

async function bench({ store, readModels, rawRead }: BenchStore): Promise<void> {
  const target = numberOption('events', 100_000);
  const sourceId = uuidv7();
  await store.append(sourceStreamId('bench'), [{
    eventId: uuidv7(), type: SOURCE_REGISTERED, schemaVersion: SOURCE_EVENT_SCHEMA_VERSION, source: null, confidence: null, ...WRITER,
    data: { sourceId, sha256: 'bench', publisher: 'bench', title: 'bench', publishedAt: null, language: 'fr', url: null, text: 'bench' },
  }], NO_STREAM);
  let written = 1;
  const writeStart = Date.now();
  for (let index = 0; written < target; index++) {
    const { incidentId, events } = syntheticIncident(index, sourceId);
    await store.append(incidentStreamId(incidentId), events.map((e) => toEventToAppend(e, WRITER)), NO_STREAM);
    written += events.length;
  }
  const writeMs = Date.now() - writeStart;
  console.log(`${store.kind}: generated ${written.toLocaleString('en-US')} events in ${(writeMs / 1000).toFixed(1)} s (${rate(written, writeMs)}, one append per incident)`);

  const engine = new ProjectionEngine(store, readModels, allProjections());
  await engine.initialise();
  const memory = memoryPeak();
  const rebuildStart = Date.now();
  await engine.rebuild();
  const rebuildMs = Date.now() - rebuildStart;
  const peak = memory.stop();
  console.log(`${store.kind}: rebuild of ${engine.projections.length} projections: ${(rebuildMs / 1000).toFixed(1)} s, ${rate(written, rebuildMs)}, peak RSS ${mib(peak)}`);

  const rawStart = Date.now();
  const read = await rawRead();
  const rawMs = Date.now() - rawStart;
  const projectionRate = written / (rebuildMs / 1000);
  const rawRate = read / (rawMs / 1000);
  console.log(`${store.kind}: raw driver read + JSON parse of the same ${read.toLocaleString('en-US')} rows: ${rate(read, rawMs)}`);
  console.log(`${store.kind}: rebuild / raw read ratio: ${(projectionRate / rawRate).toFixed(3)} (${(rawRate / projectionRate).toFixed(1)}x slower than reading alone)`);
  await engine.stop();
}

async function main(): Promise<void> {
  const index = process.argv.indexOf('--store');
  const kind = index < 0 ? 'sqlite' : process.argv[index + 1];
  if (kind === 'sqlite') await onSqlite(bench);
  else if (kind === 'postgres') await onPostgres(bench);
  else throw new Error('--store takes sqlite or postgres');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
