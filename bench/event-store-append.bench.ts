/**
 * Append and read throughput of the event-store adapters, for ~330-byte events.
 *
 *   node -r @swc-node/register bench/event-store-append.bench.ts [--events 5000] [--store sqlite|postgres|both]
 *
 * SQLite runs on a file in a temporary folder. PostgreSQL runs on a fresh database (dropped after)
 * on the server DATABASE_URL or TEST_DATABASE_URL names, else postgres://postgres@127.0.0.1:5432.
 * The raw-driver ceilings measured on this machine are in DESIGN.md §6.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteConnection } from '../src/database/sqlite/sqlite-connection';
import { EventStore, EventToAppend, NO_STREAM } from '../src/event-store/event-store.port';
import { PostgresEventStore } from '../src/event-store/postgres/postgres-event-store';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store';
import { numberOption } from './bench-args';
import { withFreshPostgresDatabase } from './bench-database';

const N = numberOption('events', 5000);
if (N < 100) throw new Error('--events takes at least 100');
const storeIndex = process.argv.indexOf('--store');
const stores = storeIndex < 0 ? 'both' : process.argv[storeIndex + 1];
if (!['sqlite', 'postgres', 'both'].includes(stores)) throw new Error('--store takes sqlite, postgres or both');

function anEvent(i: number): EventToAppend {
  return {
    eventId: randomUUID(),
    type: 'CasualtiesRecorded',
    schemaVersion: 1,
    data: { killed: { low: 7, best: 7, high: 7 }, wording: 'neutralisés', sequence: i },
    source: { sourceId: 'barkhane-2018-11-12', excerpt: 'neutralisés' },
    confidence: 'confirmed',
    recordedBy: 'bench',
    correlationId: null,
    causationId: null,
  };
}

interface Figures {
  sequential: number;
  concurrent: number;
  batched: number;
  read: number;
}

const perSecond = (count: number, started: bigint) => count / (Number(process.hrtime.bigint() - started) / 1e9);

async function measure(store: EventStore): Promise<Figures> {
  // Every append states the version it expects, as command handlers do.
  const sequentialStarted = process.hrtime.bigint();
  for (let i = 0; i < N; i++) await store.append(`sequential-${i}`, [anEvent(i)], NO_STREAM);
  const sequential = perSecond(N, sequentialStarted);

  const writers = 10;
  const concurrentStarted = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let i = writer; i < N; i += writers) await store.append(`concurrent-${i}`, [anEvent(i)], NO_STREAM);
    }),
  );
  const concurrent = perSecond(N, concurrentStarted);

  const batchSize = 100;
  const batches = Math.ceil(N / batchSize);
  const batchedStarted = process.hrtime.bigint();
  for (let b = 0; b < batches; b++) {
    await store.append(`batched-${b}`, Array.from({ length: batchSize }, (_, i) => anEvent(b * batchSize + i)), NO_STREAM);
  }
  const batched = perSecond(batches * batchSize, batchedStarted);

  const readStarted = process.hrtime.bigint();
  let read = 0;
  for (let after = 0; ; ) {
    const page = await store.readAll(after, 1000);
    if (page.length === 0) break;
    read += page.length;
    after = page[page.length - 1].globalPosition;
  }
  if (read !== 2 * N + batches * batchSize) throw new Error(`read ${read} events, expected ${2 * N + batches * batchSize}`);
  return { sequential, concurrent, batched, read: perSecond(read, readStarted) };
}

async function onSqlite(): Promise<Figures> {
  const folder = mkdtempSync(join(tmpdir(), 'incident-log-bench-'));
  const store = new SqliteEventStore(new SqliteConnection(join(folder, 'bench.db')));
  try {
    return await measure(store);
  } finally {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

async function onPostgres(): Promise<Figures> {
  return withFreshPostgresDatabase(async (url) => {
    const store = await PostgresEventStore.open(url);
    try {
      return await measure(store);
    } finally {
      await store.close();
    }
  });
}

function report(name: string, figures: Figures): void {
  const line = (label: string, value: number) => console.log(`  ${label.padEnd(44)} ${Math.round(value).toLocaleString('en').padStart(9)} /s`);
  console.log(`${name} (${N} events per scenario, ~${Buffer.byteLength(JSON.stringify(anEvent(0)))} bytes each)`);
  line('sequential single-event appends', figures.sequential);
  line('concurrent single-event appends (10 writers)', figures.concurrent);
  line('events appended in batches of 100', figures.batched);
  line('events read, readAll pages of 1000', figures.read);
}

async function main(): Promise<void> {
  if (stores !== 'postgres') report('SQLite', await onSqlite());
  if (stores !== 'sqlite') report('PostgreSQL', await onPostgres());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
