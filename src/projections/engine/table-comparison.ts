import { SqlRunner } from '../../database/sql-runner';

export interface TableDifference {
  projection: string;
  table: string;
  onlyInLive: unknown[];
  onlyInRebuilt: unknown[];
}

/** The rows one table has and the other has not (as many times as they are there), or null when both hold the same rows. */
export async function compareTables(
  reader: SqlRunner, projection: string, table: string, liveTable: string, rebuiltTable: string,
): Promise<TableDifference | null> {
  const rows = async (physical: string) =>
    (await reader.all<Record<string, unknown>>(`SELECT * FROM ${physical}`)).map((row) =>
      JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? Number(v) : v)),
    );
  const live = await rows(liveTable);
  const rebuilt = await rows(rebuiltTable);
  const onlyInLive = multisetMinus(live, rebuilt);
  const onlyInRebuilt = multisetMinus(rebuilt, live);
  if (onlyInLive.length === 0 && onlyInRebuilt.length === 0) return null;
  return { projection, table, onlyInLive: onlyInLive.map((r) => JSON.parse(r)), onlyInRebuilt: onlyInRebuilt.map((r) => JSON.parse(r)) };
}

function multisetMinus(left: string[], right: string[]): string[] {
  const remaining = new Map<string, number>();
  right.forEach((r) => remaining.set(r, (remaining.get(r) ?? 0) + 1));
  return left.filter((l) => {
    const count = remaining.get(l) ?? 0;
    if (count === 0) return true;
    remaining.set(l, count - 1);
    return false;
  });
}
