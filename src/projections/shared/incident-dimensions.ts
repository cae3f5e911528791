import { ReadModelDatabase, SqlParam } from '../../database/sql-runner';
import { FactRecord, IncidentState } from '../../domain/incident/incident-state';
import { incidentHeadline } from '../../domain/incident/incident-view';
import { sortableTime } from './comparable-keys';

/**
 * The columns of an incident that every tally row repeats, so a tally is grouped and filtered
 * in one statement without a join: where and when it happened, and under which operation.
 * Times are sortable UTC text (as `GET /incidents` compares them); `month` is that of the start.
 */
export interface IncidentDimensions {
  country: string;
  area: string | null;
  month: string;
  operation: string | null;
  occurred_start: string;
  occurred_end: string;
}

export const INCIDENT_DIMENSION_COLUMNS =
  'country TEXT NOT NULL, area TEXT, month TEXT NOT NULL, operation TEXT, occurred_start TEXT NOT NULL, occurred_end TEXT NOT NULL';

/**
 * The fields tallies group and filter by, taken from an incident as it stands (its opening, as
 * corrected). Kept per opening record: a record is replaced, never changed, when a correction
 * changes it, so every row of a tally's incident reuses one answer until then.
 */
export function incidentDimensions(state: IncidentState): IncidentDimensions {
  const opening = state.facts[0];
  let dimensions = opening ? dimensionsOfOpening.get(opening) : undefined;
  if (!dimensions) {
    dimensions = dimensionsOf(state);
    dimensionsOfOpening.set(opening, dimensions);
  }
  return dimensions;
}

const dimensionsOfOpening = new WeakMap<FactRecord, IncidentDimensions>();

function dimensionsOf(state: IncidentState): IncidentDimensions {
  const view = incidentHeadline(state);
  const start = sortableTime(view.occurred.start);
  return Object.freeze({
    country: view.location.country,
    area: view.location.area ?? null,
    month: start.slice(0, 7),
    operation: view.operation ?? null,
    occurred_start: start,
    occurred_end: sortableTime(view.occurred.end),
  });
}

/** Filters on the incident a tally row belongs to, as `GET /incidents` applies them. */
export interface IncidentFilters {
  /** ISO 3166-1 alpha-2, in capitals. */
  country: string | null;
  /** Compared whatever its case. */
  operation: string | null;
  /** Sortable UTC times: rows of incidents whose occurred span overlaps [from, to]. */
  from: string | null;
  to: string | null;
}

/** SQL conditions (AND-combined) on the dimension columns, with their parameters in order. */
export function incidentFilterSql(filters: IncidentFilters): { clauses: string[]; params: SqlParam[] } {
  const clauses: string[] = [];
  const params: SqlParam[] = [];
  if (filters.country !== null) {
    clauses.push('country = ?');
    params.push(filters.country);
  }
  if (filters.operation !== null) {
    clauses.push('LOWER(operation) = LOWER(?)');
    params.push(filters.operation);
  }
  if (filters.from !== null) {
    clauses.push('occurred_end >= ?');
    params.push(filters.from);
  }
  if (filters.to !== null) {
    clauses.push('occurred_start <= ?');
    params.push(filters.to);
  }
  return { clauses, params };
}

/** `column IN (?, …)` for a non-empty list of values. */
export const valuesInSql = (column: string, values: readonly string[]): { clause: string; params: SqlParam[] } => ({
  clause: `${column} IN (${values.map(() => '?').join(', ')})`,
  params: [...values],
});

/**
 * Groups come in the order of their dimensions, the same on both databases: text by code point
 * (PostgreSQL's "C" collation is SQLite's BINARY) and a missing value (no area, no operation) last.
 */
export const groupOrderSql = (columns: readonly string[], dialect: ReadModelDatabase['dialect']): string =>
  columns.map((column) => `${column}${dialect === 'postgres' ? ' COLLATE "C"' : ''} NULLS LAST`).join(', ');

/**
 * A group's key: its dimension values joined by `/` in the order asked, a missing value as the
 * empty string (`by` shows it as null, and is the unambiguous form when a value holds a `/`).
 */
export const groupKeyOf = (by: Readonly<Record<string, string | null>>, dimensions: readonly string[]): string =>
  dimensions.map((dimension) => by[dimension] ?? '').join('/');

/** Databases answer sums and counts as numbers or as text (PostgreSQL's bigint and numeric). */
export const numberOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/** Dimensions become column names in SQL: only the known ones get there. */
export function checkedDimensions<D extends string>(asked: readonly string[], known: readonly D[]): D[] {
  const unknown = asked.filter((d) => !(known as readonly string[]).includes(d));
  if (unknown.length > 0 || asked.length === 0 || new Set(asked).size !== asked.length) {
    throw new Error(`a tally groups by one or more of ${known.join(', ')}, each once; got ${asked.join(', ')}`);
  }
  return asked as D[];
}
