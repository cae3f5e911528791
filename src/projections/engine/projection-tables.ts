import { SqlRunner } from '../../database/sql-runner';
import { Projection, ProjectionContext } from './projection';

/**
 * Each rebuild writes a new generation of a projection's tables beside the one being read,
 * then the generations swap; the generation is part of every physical table name.
 */
export function physicalTableName(projection: string, table: string, generation: number): string {
  return `rm_${projection.replace(/[^a-z0-9]+/gi, '_')}_${table}_g${generation}`.toLowerCase();
}

export function contextFor(sql: SqlRunner, projection: Projection, generation: number): ProjectionContext {
  return { sql, table: (name) => physicalTableName(projection.name, name, generation) };
}

export const physicalTables = (projection: Projection, generation: number): string[] =>
  Object.keys(projection.tables).map((name) => physicalTableName(projection.name, name, generation));

/** `aside`: tables a rebuild fills in bulk before anyone reads them; their secondary indexes wait for `finishBulkLoad`. */
export async function createTables(sql: SqlRunner, projection: Projection, generation: number, { aside = false } = {}): Promise<void> {
  for (const [name, table] of Object.entries(projection.tables)) {
    if (!/\bPRIMARY\s+KEY\b/i.test(table.columns)) throw new Error(`projection ${projection.name}: table ${name} has no PRIMARY KEY (verify compares rows as a set)`);
    await sql.run(`CREATE TABLE IF NOT EXISTS ${physicalTableName(projection.name, name, generation)} (${table.columns})`);
  }
  if (!aside) await createIndexes(sql, projection, generation);
}

/** The end of a bulk load into `aside` tables: their secondary indexes, built from the rows in place. */
export async function finishBulkLoad(sql: SqlRunner, projection: Projection, generation: number): Promise<void> {
  await createIndexes(sql, projection, generation);
}

export async function createIndexes(sql: SqlRunner, projection: Projection, generation: number): Promise<void> {
  for (const [name, table] of Object.entries(projection.tables)) {
    const physical = physicalTableName(projection.name, name, generation);
    for (const [index, columns] of (table.indexes ?? []).entries()) {
      await sql.run(`CREATE INDEX IF NOT EXISTS ${physical}_i${index} ON ${physical} (${columns})`);
    }
  }
}

export async function dropTables(sql: SqlRunner, projection: Projection, generation: number): Promise<void> {
  for (const name of Object.keys(projection.tables)) {
    await sql.run(`DROP TABLE IF EXISTS ${physicalTableName(projection.name, name, generation)}`);
  }
}
