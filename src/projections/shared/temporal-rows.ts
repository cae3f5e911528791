import { SqlParam } from '../../database/sql-runner';
import { StoredEvent } from '../../event-store/event-store.port';
import { canonicalJson } from '../../event-store/event-identity';
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
    if (next && canonicalJson(next) === canonicalJson(row)) continue;
    await context.sql.run(`UPDATE ${physical} SET valid_to = ?, valid_to_time = ? WHERE row_key = ? AND valid_to IS NULL`, [
      event.globalPosition, event.recordedAt, key,
    ]);
  }
  for (const [key, row] of after) {
    const previous = before.get(key);
    if (previous && canonicalJson(previous) === canonicalJson(row)) continue;
    const columns = Object.keys(row);
    await context.sql.run(
      `INSERT INTO ${physical} (row_key, ${columns.join(', ')}, valid_from, valid_from_time) VALUES (?, ${columns.map(() => '?').join(', ')}, ?, ?)`,
      [key, ...columns.map((c) => row[c]), event.globalPosition, event.recordedAt],
    );
  }
}

export const TEMPORAL_COLUMNS = 'row_key TEXT NOT NULL, valid_from BIGINT NOT NULL, valid_from_time TEXT NOT NULL, valid_to BIGINT, valid_to_time TEXT';

/** SQL that keeps the rows in force now, or as of a record time when one is given. */
export function inForceAt(asOf: string | null): { where: string; params: SqlParam[] } {
  return asOf === null
    ? { where: 'valid_to IS NULL', params: [] }
    : { where: 'valid_from_time <= ? AND (valid_to_time IS NULL OR valid_to_time > ?)', params: [asOf, asOf] };
}
