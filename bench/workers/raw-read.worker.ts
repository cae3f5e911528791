/**
 * The replay ceiling, in a process of its own (its peak RSS is the driver's alone): the app's
 * events table read in pages of 1,000 by position with better-sqlite3 (rows as arrays) or pg, every JSON column parsed;
 * on PostgreSQL, with the CPU its backend spent serving the reads.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { cpuMs, peakRss, runMain, workerInput } from '../lib/processes';
import { measureThreadCpu } from '../lib/thread-cpu';

interface Input {
  /** `idle`: read nothing — the peak RSS of a worker process itself (Node and the TypeScript loader). */
  kind: 'sqlite' | 'postgres' | 'idle';
  sqliteFile: string | null;
  url: string | null;
}

/** Each column the app reads, as an array (better-sqlite3's raw mode: the fastest way it reads, as the app's store reads). */
type RawRow = [globalPosition: number, ...rest: unknown[]];
const RAW_COLUMNS = `global_position, event_id, stream_id, stream_version, type, schema_version, data, source, confidence,
  recorded_at, recorded_by, correlation_id, causation_id`;
const [DATA, SOURCE] = [6, 7];

const since = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e6;

async function read(input: Input): Promise<{ events: number; ms: number; cpuMs?: number; serverCpuMs?: number }> {
  let [after, read] = [0, 0];
  if (input.kind === 'idle') return { events: 0, ms: 0 };
  const cpu = process.cpuUsage();
  if (input.kind === 'sqlite') {
    const db = new Database(input.sqliteFile!, { readonly: true });
    try {
      const started = process.hrtime.bigint();
      const page = db.prepare(`SELECT ${RAW_COLUMNS} FROM events WHERE global_position > ? ORDER BY global_position LIMIT 1000`).raw(true);
      for (let rows = page.all(after) as RawRow[]; rows.length > 0; rows = page.all(after) as RawRow[]) {
        for (const row of rows) {
          JSON.parse(row[DATA] as string);
          if (row[SOURCE] !== null) JSON.parse(row[SOURCE] as string);
        }
        read += rows.length;
        after = rows[rows.length - 1][0];
      }
      return { events: read, ms: since(started), cpuMs: cpuMs(cpu) };
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: input.url! });
  await client.connect();
  try {
    const started = process.hrtime.bigint();
    // pg parses JSONB itself: the raw rate includes that parsing, as the adapter's reads do.
    const { cpu: threads } = await measureThreadCpu(async () => {
      for (;;) {
        const { rows } = await client.query<{ global_position: string }>('SELECT * FROM events WHERE global_position > $1 ORDER BY global_position LIMIT 1000', [after]);
        if (rows.length === 0) return;
        read += rows.length;
        after = Number(rows[rows.length - 1].global_position);
      }
    }, new URL(input.url!).pathname.slice(1));
    return { events: read, ms: since(started), cpuMs: cpuMs(cpu), serverCpuMs: threads?.postgresMs };
  } finally {
    await client.end();
  }
}

runMain(async () => ({ ...(await read(workerInput<Input>())), peakRss: peakRss() }));
