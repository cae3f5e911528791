import { SqlParam, SqlRunner } from '../../database/sql-runner';

/** Rows per statement: well under both databases' limits on bound parameters. */
const ROWS_PER_STATEMENT = 200;

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/**
 * One multi-row INSERT per chunk instead of one statement per row: on PostgreSQL each statement
 * is a round trip. `onConflict` is appended as is (e.g. `ON CONFLICT (id) DO UPDATE SET …`).
 */
export async function insertMany(sql: SqlRunner, table: string, columns: readonly string[], rows: readonly SqlParam[][], onConflict = ''): Promise<void> {
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (const chunk of chunks(rows, ROWS_PER_STATEMENT)) {
    await sql.run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')} ${onConflict}`, chunk.flat());
  }
}

export async function deleteWhereIn(sql: SqlRunner, table: string, column: string, values: readonly SqlParam[]): Promise<void> {
  for (const chunk of chunks(values, ROWS_PER_STATEMENT)) {
    await sql.run(`DELETE FROM ${table} WHERE ${column} IN (${chunk.map(() => '?').join(', ')})`, chunk);
  }
}

export async function selectWhereIn<T>(sql: SqlRunner, columns: string, table: string, column: string, values: readonly SqlParam[]): Promise<T[]> {
  const rows: T[] = [];
  for (const chunk of chunks(values, ROWS_PER_STATEMENT)) {
    rows.push(...(await sql.all<T>(`SELECT ${columns} FROM ${table} WHERE ${column} IN (${chunk.map(() => '?').join(', ')})`, chunk)));
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
