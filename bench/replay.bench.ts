/**
 * Replay benchmark: generates N events across realistic incidents in a SQLite file, rebuilds every
 * projection from position 0, and compares with reading and parsing the same rows with
 * better-sqlite3 alone. Run: npm run bench:replay -- --events 100000
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
import { toEventToAppend } from '../src/log/incident-log-events';
import { allProjections } from '../src/projections/all-projections';
import { ProjectionEngine } from '../src/projections/engine/projection-engine';
import { memoryPeak, mib, numberOption, rate } from './bench-args';
import { syntheticIncident } from './synthetic-incidents';

const WRITER = { recordedBy: 'bench', correlationId: null, causationId: null };

async function main(): Promise<void> {
  const target = numberOption('events', 100_000);
  const folder = mkdtempSync(join(tmpdir(), 'incident-log-bench-'));
  const file = join(folder, 'bench.sqlite');
  const connection = new SqliteConnection(file);
  const store = new SqliteEventStore(connection);

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
  console.log(`generated ${written.toLocaleString('en-US')} events in ${(writeMs / 1000).toFixed(1)} s (${rate(written, writeMs)}, one append per incident)`);

  const engine = new ProjectionEngine(store, new SqliteReadModelDatabase(connection), allProjections());
  await engine.initialise();
  const memory = memoryPeak();
  const rebuildStart = Date.now();
  await engine.rebuild();
  const rebuildMs = Date.now() - rebuildStart;
  const peak = memory.stop();
  const projectionRate = written / (rebuildMs / 1000);
  console.log(`rebuild of ${engine.projections.length} projections: ${(rebuildMs / 1000).toFixed(1)} s, ${rate(written, rebuildMs)}, peak RSS ${mib(peak)}`);

  const raw = connection.db.prepare('SELECT * FROM events WHERE global_position > ? ORDER BY global_position LIMIT 1000');
  const rawStart = Date.now();
  let after = 0;
  let read = 0;
  for (;;) {
    const rows = raw.all(after) as { global_position: number; data: string; source: string | null }[];
    if (rows.length === 0) break;
    for (const row of rows) {
      JSON.parse(row.data);
      if (row.source) JSON.parse(row.source);
    }
    read += rows.length;
    after = rows[rows.length - 1].global_position;
  }
  const rawMs = Date.now() - rawStart;
  const rawRate = read / (rawMs / 1000);
  console.log(`raw better-sqlite3 read + JSON.parse of the same rows: ${rate(read, rawMs)}`);
  console.log(`rebuild / raw read ratio: ${(projectionRate / rawRate).toFixed(3)} (${(rawRate / projectionRate).toFixed(1)}x slower than reading alone)`);

  connection.close();
  rmSync(folder, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
