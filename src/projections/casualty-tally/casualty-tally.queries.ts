import { ReadModelDatabase, SqlParam, SqlRunner } from '../../database/sql-runner';
import {
  IncidentFilters, checkedDimensions, groupKeyOf, groupOrderSql, incidentFilterSql, numberOrNull, valuesInSql,
} from '../shared/incident-dimensions';
import { inForceAt } from '../shared/temporal-rows';

export const CASUALTY_DIMENSIONS = ['country', 'area', 'month', 'operation', 'side', 'status'] as const;
export type CasualtyDimension = (typeof CASUALTY_DIMENSIONS)[number];

export interface CasualtyTallyQuery extends IncidentFilters {
  groupBy: readonly CasualtyDimension[];
  /** Only reports of these sides / statuses; null for all. */
  sides: readonly string[] | null;
  statuses: readonly string[] | null;
  /** A sortable UTC record time: the tally as the log knew it then; null for now. */
  asOf: string | null;
}

/**
 * One group of reports (API.md, "Counts"): `low` and `high` are the sums of the reports' bounds,
 * `high` null when any report is unbounded; `best` sums the reports that give one and is null
 * when none does (no 0 is made up); `withoutBest` counts the reports without one.
 */
export interface CasualtyGroup {
  key: string;
  by: Partial<Record<CasualtyDimension, string | null>>;
  low: number;
  best: number | null;
  high: number | null;
  reports: number;
  withoutBest: number;
}

type GroupRow = Record<CasualtyDimension, string | null> & { low: unknown; best: unknown; high: unknown; reports: unknown; without_best: unknown };

/** The casualty tally in one statement over the rows in force (now, or as of a record time). */
export async function queryCasualtyTally(
  sql: SqlRunner,
  table: string,
  dialect: ReadModelDatabase['dialect'],
  query: CasualtyTallyQuery,
): Promise<CasualtyGroup[]> {
  const dimensions = checkedDimensions(query.groupBy, CASUALTY_DIMENSIONS);
  const inForce = inForceAt(query.asOf);
  const filters = incidentFilterSql(query);
  const clauses = [inForce.where, ...filters.clauses];
  const params: SqlParam[] = [...inForce.params, ...filters.params];
  for (const [column, values] of [['side', query.sides], ['status', query.statuses]] as const) {
    if (values === null) continue;
    const list = valuesInSql(column, values);
    clauses.push(list.clause);
    params.push(...list.params);
  }
  const columns = dimensions.join(', ');
  const rows = await sql.all<GroupRow>(
    `SELECT ${columns}, SUM(low) AS low, SUM(best) AS best,
       CASE WHEN COUNT(high) = COUNT(*) THEN SUM(high) END AS high,
       COUNT(*) AS reports, COUNT(*) - COUNT(best) AS without_best
     FROM ${table} WHERE ${clauses.map((c) => `(${c})`).join(' AND ')}
     GROUP BY ${columns} ORDER BY ${groupOrderSql(dimensions, dialect)}`,
    params,
  );
  return rows.map((row) => {
    const by = Object.fromEntries(dimensions.map((d) => [d, row[d]]));
    return {
      key: groupKeyOf(by, dimensions),
      by,
      low: Number(row.low),
      best: numberOrNull(row.best),
      high: numberOrNull(row.high),
      reports: Number(row.reports),
      withoutBest: Number(row.without_best),
    };
  });
}
