import { SqlParam, SqlRunner } from '../../database/sql-runner';

/** Parameters per SELECT … IN statement on PostgreSQL: well under its limit of 65,535 bound parameters. */
const PARAMS_PER_STATEMENT = 30_000;

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  items.length <= size ? [items as T[]] : Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

const placeholders = (count: number): string => `(${new Array<string>(count).fill('?').join(', ')})`;

/**
 * Inserts rows in as few steps as the database wants: on SQLite prepared statements of 64 rows
 * each (and one of a single row for the rest; nothing to round-trip, and about a quarter less
 * CPU than a statement per row); on PostgreSQL a COPY, or where conflicts are to be resolved (or
 * the rows are few) one INSERT … SELECT from a JSON array of rows per 10,000 rows (each statement
 * is a round trip). `onConflict` is appended as is (e.g. `ON CONFLICT (id) DO UPDATE SET …`);
 * rows of one statement are inserted in order, so a later one wins a conflict.
 */
export async function insertMany(sql: SqlRunner, table: string, columns: readonly string[], rows: readonly SqlParam[][], onConflict = ''): Promise<void> {
  if (rows.length === 0) return;
  if (sql.dialect === 'sqlite') {
    const insert = (count: number) => `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${new Array<string>(count).fill(placeholders(columns.length)).join(', ')} ${onConflict}`;
    const whole = rows.length - (rows.length % ROWS_PER_SQLITE_STATEMENT);
    if (whole > 0) await sql.runEach(insert(ROWS_PER_SQLITE_STATEMENT), groupsOf(rows.slice(0, whole), ROWS_PER_SQLITE_STATEMENT));
    await sql.runEach(insert(1), rows.slice(whole));
    return;
  }
  // PostgreSQL: many rows whose keys are new go by COPY, the cheapest way in for the server.
  if (!onConflict && sql.copyRows && rows.length >= COPY_FROM_ROWS) return sql.copyRows(table, columns, rows);
  // Else the rows as one JSON parameter (JSON.stringify and PostgreSQL's JSON parser are
  // both native), taken apart into columns of the table's types — a short statement with one
  // parameter however many rows. (A long VALUES list costs more to parse and plan; UNNEST of one
  // array per column spends its time in pg's escaping of array elements: both measured slower.)
  const types = await postgresColumnTypes(sql, table, columns);
  const insert = `INSERT INTO ${table} (${columns.join(', ')})
    SELECT ${columns.map((c, i) => `CAST(r->>${i} AS ${types.get(c)})`).join(', ')} FROM jsonb_array_elements(CAST(? AS jsonb)) AS r ${onConflict}`;
  for (const chunk of chunks(rows, ROWS_PER_ARRAY_STATEMENT)) await sql.run(insert, [JSON.stringify(chunk)]);
}

/**
 * Rows from which a COPY is worth it on PostgreSQL: it costs a round trip more than an INSERT and
 * about 0.3 ms more of the client's CPU (a stream set up and torn down), and saves the server about
 * 5 µs per row (measured against INSERT … SELECT from JSON): a few rows of a live update go faster
 * by INSERT, a rebuild's batches by COPY.
 */
const COPY_FROM_ROWS = 100;

/** Rows per multi-row INSERT on SQLite: well under its limit of 32,766 bound parameters for tables of up to 100 columns. */
const ROWS_PER_SQLITE_STATEMENT = 64;

/** The rows of each group of `size`, one after the other, as one list of parameters (a loop: `Array.prototype.flat` costs ten times more). */
function groupsOf(rows: readonly SqlParam[][], size: number): SqlParam[][] {
  const groups: SqlParam[][] = [];
  for (let start = 0; start < rows.length; start += size) {
    const group: SqlParam[] = [];
    for (let row = start; row < Math.min(start + size, rows.length); row++) for (const value of rows[row]) group.push(value);
    groups.push(group);
  }
  return groups;
}

/** Rows per statement on PostgreSQL (a JSON parameter has no limit; this bounds the memory of one statement). */
const ROWS_PER_ARRAY_STATEMENT = 10_000;

/** The type of each column of each table, looked up once per process (a table's columns never change under its name). */
const columnTypes = new Map<string, Map<string, string>>();

async function postgresColumnTypes(sql: SqlRunner, table: string, columns: readonly string[]): Promise<Map<string, string>> {
  let types = columnTypes.get(table);
  if (!types || columns.some((c) => !types!.has(c))) {
    const rows = await sql.all<{ name: string; type: string }>(
      `SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
       WHERE attrelid = CAST(? AS regclass) AND attnum > 0 AND NOT attisdropped`,
      [table],
    );
    types = new Map(rows.map((r) => [r.name, r.type]));
    const missing = columns.filter((c) => !types!.has(c));
    if (missing.length > 0) throw new Error(`table ${table} has no column ${missing.join(', ')}`);
    columnTypes.set(table, types);
  }
  return types;
}

export async function deleteWhereIn(sql: SqlRunner, table: string, column: string, values: readonly SqlParam[]): Promise<void> {
  if (values.length === 0) return;
  if (sql.dialect === 'sqlite') {
    await sql.runEach(`DELETE FROM ${table} WHERE ${column} = ?`, values.map((value) => [value]));
    return;
  }
  const type = (await postgresColumnTypes(sql, table, [column])).get(column);
  for (const chunk of chunks(values, ROWS_PER_ARRAY_STATEMENT)) {
    await sql.run(`DELETE FROM ${table} WHERE ${column} IN (SELECT CAST(v AS ${type}) FROM json_array_elements_text(CAST(? AS json)) AS v)`, [JSON.stringify(chunk)]);
  }
}

export async function selectWhereIn<T>(sql: SqlRunner, columns: string, table: string, column: string, values: readonly SqlParam[]): Promise<T[]> {
  const rows: T[] = [];
  // Up to 500 values per statement: SQLite's default limit on bound parameters is 32,766 (999 before 3.32).
  for (const chunk of chunks(values, sql.dialect === 'sqlite' ? 500 : PARAMS_PER_STATEMENT)) {
    rows.push(...(await sql.all<T>(`SELECT ${columns} FROM ${table} WHERE ${column} IN ${placeholders(chunk.length)}`, chunk)));
  }
  return rows;
}

/** Replaces every row of the given incidents with new ones, in a few statements. */
export async function replaceIncidentRows(
  sql: SqlRunner,
  table: string,
  incidentIds: readonly string[],
  columns: readonly string[],
  rows: readonly SqlParam[][],
): Promise<void> {
  await deleteWhereIn(sql, table, 'incident_id', incidentIds);
  await insertMany(sql, table, columns, rows);
}
