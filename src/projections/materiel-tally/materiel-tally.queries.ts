import { ReadModelDatabase, SqlParam, SqlRunner } from '../../database/sql-runner';
import { IncidentFilters, checkedDimensions, groupKeyOf, groupOrderSql, incidentFilterSql, numberOrNull } from '../shared/incident-dimensions';
import { inForceAt } from '../shared/temporal-rows';

export const MATERIEL_DIMENSIONS = ['category', 'country', 'area', 'month', 'operation'] as const;
export type MaterielDimension = (typeof MATERIEL_DIMENSIONS)[number];

export interface MaterielTallyQuery extends IncidentFilters {
  groupBy: readonly MaterielDimension[];
  /** A sortable UTC record time: the tally as the log knew it then; null for now. */
  asOf: string | null;
}

/**
 * Items seized or destroyed: `quantity` sums only the quantities stated; it is null when items
 * were counted but none states a quantity (no 0 is made up), 0 when there are no items.
 */
export interface MaterielCount {
  items: number;
  quantity: number | null;
  itemsWithoutQuantity: number;
}

export interface MaterielGroup {
  key: string;
  by: Partial<Record<MaterielDimension, string | null>>;
  seized: MaterielCount;
  destroyed: MaterielCount;
}

const ACTIONS = ['seized', 'destroyed'] as const;

/** Per action: its items, their stated quantities and the items without one, as columns of one group row. */
const actionColumns = (action: (typeof ACTIONS)[number]): string =>
  `SUM(CASE WHEN action = '${action}' THEN 1 ELSE 0 END) AS ${action}_items,
   SUM(CASE WHEN action = '${action}' THEN quantity END) AS ${action}_quantity,
   SUM(CASE WHEN action = '${action}' AND quantity IS NULL THEN 1 ELSE 0 END) AS ${action}_without_quantity`;

type GroupRow = Record<MaterielDimension, string | null> & Record<string, unknown>;

const countOf = (row: GroupRow, action: (typeof ACTIONS)[number]): MaterielCount => {
  const items = Number(row[`${action}_items`]);
  return {
    items,
    quantity: items === 0 ? 0 : numberOrNull(row[`${action}_quantity`]),
    itemsWithoutQuantity: Number(row[`${action}_without_quantity`]),
  };
};

/** The materiel tally in one statement over the rows in force (now, or as of a record time). */
export async function queryMaterielTally(
  sql: SqlRunner,
  table: string,
  dialect: ReadModelDatabase['dialect'],
  query: MaterielTallyQuery,
): Promise<MaterielGroup[]> {
  const dimensions = checkedDimensions(query.groupBy, MATERIEL_DIMENSIONS);
  const inForce = inForceAt(query.asOf);
  const filters = incidentFilterSql(query);
  const clauses = [inForce.where, ...filters.clauses];
  const params: SqlParam[] = [...inForce.params, ...filters.params];
  const columns = dimensions.join(', ');
  const rows = await sql.all<GroupRow>(
    `SELECT ${columns}, ${ACTIONS.map(actionColumns).join(', ')}
     FROM ${table} WHERE ${clauses.map((c) => `(${c})`).join(' AND ')}
     GROUP BY ${columns} ORDER BY ${groupOrderSql(dimensions, dialect)}`,
    params,
  );
  return rows.map((row) => {
    const by = Object.fromEntries(dimensions.map((d) => [d, row[d]]));
    return { key: groupKeyOf(by, dimensions), by, seized: countOf(row, 'seized'), destroyed: countOf(row, 'destroyed') };
  });
}
