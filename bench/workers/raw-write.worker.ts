/**
 * The replay's write ceiling, in a process of its own: the rows a rebuild left in the live read
 * models, inserted again by the driver alone into empty tables of the same columns and primary
 * keys (secondary indexes built at the end, as a rebuild builds them), and nothing else — no
 * events read, no fold, no rows built. Whatever a replay does, it writes at least these rows
 * through this driver, so this rate bounds every replay of these read models on this machine.
 *
 * SQLite: a new file beside the app's, with the settings of the rebuild's writer thread (WAL,
 * synchronous=NORMAL, its page cache and checkpoint interval), rows in multi-row INSERTs of 64
 * (the fastest better-sqlite3 measured, as the app inserts), 10,000 rows a transaction.
 * PostgreSQL: tables `raw_ceiling_*` in the same database, rows sent by COPY … FROM STDIN
 * (pg-copy-streams), 10,000 a transaction with synchronous_commit off, as the rebuild's.
 * Only the inserts and index builds are timed, not the reads of the rows to insert.
 */
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { BULK_LOAD_CACHE_SIZE, BULK_LOAD_WAL_PAGES } from '../../src/database/sqlite/sqlite-read-model-database';
import { copyRows } from '../../src/database/postgres/postgres-copy';
import { cpuMs, runMain, workerInput } from '../lib/processes';
import { cpuOf } from '../lib/thread-cpu';

interface Input {
  kind: 'sqlite' | 'postgres';
  sqliteFile: string | null;
  url: string | null;
}

export interface RawWriteResult {
  /** Rows inserted, in all the live read models' tables. */
  rows: number;
  tables: number;
  /** Wall time of the inserts and index builds, and the CPU of this process during them. */
  ms: number;
  cpuMs: number;
  /** PostgreSQL: the CPU of its backend during them (on the same cores). */
  serverCpuMs?: number;
}

const ROWS_PER_STATEMENT = 64;
const ROWS_PER_TRANSACTION = 10_000;

/** Times `work` and its CPU into `total`. */
async function timed(total: { ms: number; cpuMs: number }, work: () => unknown): Promise<void> {
  const [started, cpu] = [process.hrtime.bigint(), process.cpuUsage()];
  await work();
  total.ms += Number(process.hrtime.bigint() - started) / 1e6;
  total.cpuMs += cpuMs(cpu);
}

const liveTablesQuery = `SELECT tables FROM projection_checkpoints WHERE status = 'live'`;
const liveTables = (rows: { tables: string }[]) => rows.flatMap((row) => JSON.parse(row.tables) as string[]);

async function sqlite(file: string): Promise<RawWriteResult> {
  const source = new Database(file, { readonly: true });
  const copyFile = join(dirname(file), 'raw-write-ceiling.sqlite');
  rmSync(copyFile, { force: true });
  const copy = new Database(copyFile);
  copy.pragma('journal_mode = WAL');
  copy.pragma('synchronous = NORMAL');
  copy.pragma(`cache_size = ${BULK_LOAD_CACHE_SIZE}`);
  copy.pragma(`wal_autocheckpoint = ${BULK_LOAD_WAL_PAGES}`);
  const total = { ms: 0, cpuMs: 0, rows: 0 };
  try {
    const tables = liveTables(source.prepare(liveTablesQuery).all() as { tables: string }[]);
    const schema = source.prepare(`SELECT type, sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL`);
    for (const table of tables) {
      const definitions = schema.all(table) as { type: string; sql: string }[];
      copy.exec(definitions.find((d) => d.type === 'table')!.sql);
      const columns = (source.prepare(`SELECT * FROM ${table} LIMIT 0`).columns()).map((c) => c.name);
      const row = `(${columns.map(() => '?').join(', ')})`;
      const insert = (count: number) => copy.prepare(`INSERT INTO ${table} VALUES ${new Array<string>(count).fill(row).join(', ')}`);
      const [many, one] = [insert(ROWS_PER_STATEMENT), insert(1)];
      const commit = copy.transaction((rows: unknown[][]) => {
        let at = 0;
        for (; at + ROWS_PER_STATEMENT <= rows.length; at += ROWS_PER_STATEMENT) many.run(rows.slice(at, at + ROWS_PER_STATEMENT).flat());
        for (; at < rows.length; at++) one.run(rows[at]);
      });
      let pending: unknown[][] = [];
      for (const values of source.prepare(`SELECT * FROM ${table}`).raw(true).iterate() as IterableIterator<unknown[]>) {
        pending.push(values);
        if (pending.length === ROWS_PER_TRANSACTION) {
          await timed(total, () => commit(pending));
          total.rows += pending.length;
          pending = [];
        }
      }
      await timed(total, () => commit(pending));
      total.rows += pending.length;
      await timed(total, () => definitions.filter((d) => d.type === 'index').forEach((d) => copy.exec(d.sql)));
    }
    return { rows: total.rows, tables: tables.length, ms: total.ms, cpuMs: total.cpuMs };
  } finally {
    source.close();
    copy.close();
    rmSync(copyFile, { force: true });
    rmSync(`${copyFile}-wal`, { force: true });
    rmSync(`${copyFile}-shm`, { force: true });
  }
}

async function postgres(url: string): Promise<RawWriteResult> {
  // One connection writes (its backend's CPU is counted), another reads the rows to write, a
  // cursor's page at a time: a million events' rows would not fit in memory at once.
  const [client, reader] = [new pg.Client({ connectionString: url }), new pg.Client({ connectionString: url })];
  await client.connect();
  await reader.connect();
  const total = { ms: 0, cpuMs: 0, rows: 0, serverCpuMs: 0 };
  const backend = `/proc/${(await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid}/stat`;
  const timedWithBackend = async (work: () => Promise<void>) => {
    const before = cpuOf(backend);
    await timed(total, work);
    const after = cpuOf(backend);
    if (before !== null && after !== null) total.serverCpuMs += after - before;
  };
  try {
    const tables = liveTables((await client.query<{ tables: string }>(liveTablesQuery)).rows);
    for (const table of tables) {
      const copy = `raw_ceiling_${table}`;
      const { rows: columns } = await client.query<{ name: string }>(
        `SELECT attname AS name FROM pg_attribute
         WHERE attrelid = CAST($1 AS regclass) AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
        [table],
      );
      const { rows: indexes } = await client.query<{ definition: string; primary: boolean }>(
        `SELECT pg_get_indexdef(indexrelid) AS definition, indisprimary AS primary FROM pg_index WHERE indrelid = CAST($1 AS regclass)`,
        [table],
      );
      const onCopy = (definition: string) => definition.replace(/ INDEX (\S+) ON (\S+)/, (_, name: string, on: string) => ` INDEX raw_ceiling_${name} ON ${on.replace(table, copy)}`);
      await client.query(`DROP TABLE IF EXISTS ${copy}`);
      await client.query(`CREATE TABLE ${copy} (LIKE ${table} INCLUDING DEFAULTS)`);
      for (const index of indexes.filter((i) => i.primary)) await client.query(onCopy(index.definition));
      const names = columns.map((c) => c.name);
      await reader.query('BEGIN');
      await reader.query(`DECLARE source NO SCROLL CURSOR FOR SELECT ${names.map((name) => `CAST(${name} AS text)`).join(', ')} FROM ${table}`);
      for (;;) {
        const { rows } = await reader.query<(string | null)[]>({ text: `FETCH ${ROWS_PER_TRANSACTION} FROM source`, rowMode: 'array' });
        if (rows.length === 0) break;
        await timedWithBackend(async () => {
          await client.query('BEGIN');
          await client.query('SET LOCAL synchronous_commit = off');
          await copyRows(client, copy, names, rows);
          await client.query('COMMIT');
        });
        total.rows += rows.length;
      }
      await reader.query('COMMIT');
      await timedWithBackend(async () => {
        for (const index of indexes.filter((i) => !i.primary)) await client.query(onCopy(index.definition));
      });
      await client.query(`DROP TABLE ${copy}`);
    }
    return { rows: total.rows, tables: tables.length, ms: total.ms, cpuMs: total.cpuMs, serverCpuMs: total.serverCpuMs };
  } finally {
    await client.end();
    await reader.end();
  }
}

runMain(async () => {
  const input = workerInput<Input>();
  return input.kind === 'sqlite' ? await sqlite(input.sqliteFile!) : await postgres(input.url!);
});
