import { SqlParam } from '../../database/sql-runner';
import { StoredEvent } from '../../event-store/event-store.port';
import { ProjectionContext } from '../engine/projection';
import { insertMany } from './bulk-sql';

export type TemporalRow = Record<string, SqlParam>;

type Validity = { valid_from: number; valid_from_time: string; valid_to: number | null; valid_to_time: string | null };

/**
 * Tallies must answer "as the log knew it then": a row is never updated in place, it is closed
 * (valid_to) and a new one opened (valid_from) at the event that changed it. A batch collects
 * the changes event by event and writes them at its end in a few statements.
 * Tables using this have columns row_key, valid_from, valid_from_time, valid_to, valid_to_time.
 */
export class TemporalRowChanges {
  private readonly opened: (TemporalRow & Validity & { row_key: string })[] = [];
  /** The row of each key opened in this batch and still open. */
  private readonly openInBatch = new Map<string, TemporalRow & Validity>();
  private readonly closed: { key: string; position: number; time: string }[] = [];

  record(before: Map<string, TemporalRow>, after: Map<string, TemporalRow>, event: StoredEvent): void {
    for (const [key, row] of before) {
      const next = after.get(key);
      if (!next || !sameRow(next, row)) this.close(key, event);
    }
    for (const [key, row] of after) {
      const previous = before.get(key);
      if (previous && sameRow(previous, row)) continue;
      const open = { row_key: key, ...row, valid_from: event.globalPosition, valid_from_time: event.recordedAt, valid_to: null, valid_to_time: null };
      this.opened.push(open);
      this.openInBatch.set(key, open);
    }
  }

  private close(key: string, event: StoredEvent): void {
    const open = this.openInBatch.get(key);
    if (open) {
      open.valid_to = event.globalPosition;
      open.valid_to_time = event.recordedAt;
      this.openInBatch.delete(key);
    } else {
      this.closed.push({ key, position: event.globalPosition, time: event.recordedAt });
    }
  }

  async write(context: ProjectionContext, table: string): Promise<void> {
    const physical = context.table(table);
    await closeRows(context, physical, this.closed);
    if (this.opened.length === 0) return;
    const columns = Object.keys(this.opened[0]);
    await insertMany(context.sql, physical, columns, this.opened.map((row) => columns.map((c) => row[c])));
  }
}

/** Closes the open row of each key: one prepared UPDATE per key on SQLite, a few multi-row ones on PostgreSQL. */
async function closeRows(context: ProjectionContext, physical: string, closed: readonly { key: string; position: number; time: string }[]): Promise<void> {
  if (closed.length === 0) return;
  if (context.sql.dialect === 'sqlite') {
    await context.sql.runEach(
      `UPDATE ${physical} SET valid_to = ?, valid_to_time = ? WHERE row_key = ? AND valid_to IS NULL`,
      closed.map(({ key, position, time }) => [position, time, key]),
    );
    return;
  }
  // A key is closed at most once in a batch (closing it again would need it reopened, which is in the batch); first one wins anyway.
  const unique = [...new Map([...closed].reverse().map((c) => [c.key, c])).values()];
  for (let start = 0; start < unique.length; start += 10_000) {
    const chunk = unique.slice(start, start + 10_000);
    await context.sql.run(
      `UPDATE ${physical} AS t SET valid_to = CAST(v->>1 AS BIGINT), valid_to_time = v->>2
       FROM json_array_elements(CAST(? AS json)) AS v
       WHERE t.row_key = v->>0 AND t.valid_to IS NULL`,
      [JSON.stringify(chunk.map(({ key, position, time }) => [key, position, time]))],
    );
  }
}

/** Rows are flat: the same columns with the same values. */
const sameRow = (a: TemporalRow, b: TemporalRow): boolean => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
};

export const TEMPORAL_COLUMNS = 'row_key TEXT NOT NULL, valid_from BIGINT NOT NULL, valid_from_time TEXT NOT NULL, valid_to BIGINT, valid_to_time TEXT';

/** SQL that keeps the rows in force now, or as of a record time when one is given. */
export function inForceAt(asOf: string | null): { where: string; params: SqlParam[] } {
  return asOf === null
    ? { where: 'valid_to IS NULL', params: [] }
    : { where: 'valid_from_time <= ? AND (valid_to_time IS NULL OR valid_to_time > ?)', params: [asOf, asOf] };
}
