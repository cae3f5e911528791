import { SqlParam } from '../../database/sql-runner';
import { StoredEvent } from '../../event-store/event-store.port';
import { ProjectionContext } from '../engine/projection';

export type TemporalRow = Record<string, SqlParam>;

/**
 * Tallies must answer "as the log knew it then": a row is never updated in place, it is closed
 * (valid_to) and a new one opened (valid_from) at the event that changed it.
 * Tables using this have columns row_key, valid_from, valid_from_time, valid_to, valid_to_time.
 */
export async function recordRowChanges(
  context: ProjectionContext,
  table: string,
  before: Map<string, TemporalRow>,
  after: Map<string, TemporalRow>,
  event: StoredEvent,
): Promise<void> {
  const physical = context.table(table);
  for (const [key, row] of before) {
    const next = after.get(key);
    if (next && sameRow(next, row)) continue;
    await context.sql.run(`UPDATE ${physical} SET valid_to = ?, valid_to_time = ? WHERE row_key = ? AND valid_to IS NULL`, [
      event.globalPosition, event.recordedAt, key,
    ]);
  }
  for (const [key, row] of after) {
    const previous = before.get(key);
    if (previous && sameRow(previous, row)) continue;
    const columns = Object.keys(row);
    await context.sql.run(
      `INSERT INTO ${physical} (row_key, ${columns.join(', ')}, valid_from, valid_from_time) VALUES (?, ${columns.map(() => '?').join(', ')}, ?, ?)`,
      [key, ...columns.map((c) => row[c]), event.globalPosition, event.recordedAt],
    );
  }
}

/** Rows are flat: the same columns with the same values. */
const sameRow = (a: TemporalRow, b: TemporalRow): boolean => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
};

/**
 * Rows derived from a state, computed once per state: within a batch the state after one event
 * is the state before the next.
 */
export function memoisedRows<S extends object>(rowsOf: (state: S) => Map<string, TemporalRow>): (state: S) => Map<string, TemporalRow> {
  const cache = new WeakMap<S, Map<string, TemporalRow>>();
  return (state) => {
    let rows = cache.get(state);
    if (!rows) {
      rows = rowsOf(state);
      cache.set(state, rows);
    }
    return rows;
  };
}

export const TEMPORAL_COLUMNS = 'row_key TEXT NOT NULL, valid_from BIGINT NOT NULL, valid_from_time TEXT NOT NULL, valid_to BIGINT, valid_to_time TEXT';

/** SQL that keeps the rows in force now, or as of a record time when one is given. */
export function inForceAt(asOf: string | null): { where: string; params: SqlParam[] } {
  return asOf === null
    ? { where: 'valid_to IS NULL', params: [] }
    : { where: 'valid_from_time <= ? AND (valid_to_time IS NULL OR valid_to_time > ?)', params: [asOf, asOf] };
}
