import { SqlRunner } from '../../database/sql-runner';

/** The rows one table holds and the other does not: how many, and the first of them. */
export interface RowsOnOneSide {
  count: number;
  /** At most `ROWS_SHOWN`. */
  rows: unknown[];
}

export interface TableDifference {
  projection: string;
  table: string;
  onlyInLive: RowsOnOneSide;
  onlyInRebuilt: RowsOnOneSide;
}

/** Rows kept per side of a difference: enough to see what differs, and a bound on memory however much does. */
export const ROWS_SHOWN = 100;

/**
 * The rows one table has and the other has not, or null when both hold the same rows. The
 * database computes the difference (sorting on disk if it must): read into memory to be compared
 * here, the tables of a million-event log took 2.9 GiB. Every projection table has a primary key
 * (`createTables` checks), so rows are unique and the set difference is the whole difference.
 */
export async function compareTables(
  reader: SqlRunner, projection: string, table: string, liveTable: string, rebuiltTable: string,
): Promise<TableDifference | null> {
  const onlyInLive = await rowsOnlyIn(reader, liveTable, rebuiltTable);
  const onlyInRebuilt = await rowsOnlyIn(reader, rebuiltTable, liveTable);
  if (onlyInLive.count === 0 && onlyInRebuilt.count === 0) return null;
  return { projection, table, onlyInLive, onlyInRebuilt };
}

async function rowsOnlyIn(reader: SqlRunner, table: string, other: string): Promise<RowsOnOneSide> {
  const difference = `SELECT * FROM ${table} EXCEPT SELECT * FROM ${other}`;
  const rows = await reader.all<Record<string, unknown>>(`SELECT * FROM (${difference}) AS d LIMIT ${ROWS_SHOWN}`);
  if (rows.length < ROWS_SHOWN) return { count: rows.length, rows };
  const [{ count }] = await reader.all<{ count: number | string }>(`SELECT COUNT(*) AS count FROM (${difference}) AS d`);
  return { count: Number(count), rows };
}
