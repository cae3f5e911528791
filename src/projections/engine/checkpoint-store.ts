import { SqlRunner } from '../../database/sql-runner';

export type ProjectionStatus = 'live' | 'failed';

/** What the database remembers of a projection: which generation is read, and how far it got. */
export interface ProjectionRecord {
  name: string;
  version: number;
  generation: number;
  checkpoint: number;
  status: ProjectionStatus;
  error: string | null;
  failedPosition: number | null;
}

interface ProjectionRow {
  name: string;
  version: number;
  generation: number;
  checkpoint: number;
  status: ProjectionStatus;
  error: string | null;
  failed_position: number | null;
}

const TABLE = 'projection_checkpoints';

export async function createCheckpointTable(sql: SqlRunner): Promise<void> {
  await sql.run(`CREATE TABLE IF NOT EXISTS ${TABLE} (
    name TEXT PRIMARY KEY, version INTEGER NOT NULL, generation INTEGER NOT NULL, checkpoint BIGINT NOT NULL,
    status TEXT NOT NULL, error TEXT, failed_position BIGINT)`);
}

export async function readCheckpoints(sql: SqlRunner): Promise<ProjectionRecord[]> {
  const rows = await sql.all<ProjectionRow>(`SELECT name, version, generation, checkpoint, status, error, failed_position FROM ${TABLE}`);
  return rows.map((row) => ({
    name: row.name,
    version: Number(row.version),
    generation: Number(row.generation),
    checkpoint: Number(row.checkpoint),
    status: row.status,
    error: row.error,
    failedPosition: row.failed_position === null ? null : Number(row.failed_position),
  }));
}

export async function writeCheckpoint(sql: SqlRunner, record: ProjectionRecord): Promise<void> {
  await sql.run(
    `INSERT INTO ${TABLE} (name, version, generation, checkpoint, status, error, failed_position) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET version = excluded.version, generation = excluded.generation,
       checkpoint = excluded.checkpoint, status = excluded.status, error = excluded.error, failed_position = excluded.failed_position`,
    [record.name, record.version, record.generation, record.checkpoint, record.status, record.error, record.failedPosition],
  );
}

export async function insertCheckpointIfMissing(sql: SqlRunner, record: ProjectionRecord): Promise<void> {
  await sql.run(
    `INSERT INTO ${TABLE} (name, version, generation, checkpoint, status, error, failed_position) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (name) DO NOTHING`,
    [record.name, record.version, record.generation, record.checkpoint, record.status, record.error, record.failedPosition],
  );
}

/** Failed projections go live again from their checkpoint; nothing else of theirs changes. */
export async function retryFailedProjections(sql: SqlRunner): Promise<void> {
  await sql.run(`UPDATE ${TABLE} SET status = 'live', error = NULL, failed_position = NULL WHERE status = 'failed'`);
}

/**
 * Takes the checkpoint rows' write locks for the rest of the transaction (a no-op update, in SQL
 * both databases accept); a concurrent applier waits, then reads the checkpoints it committed.
 */
export async function lockCheckpoints(sql: SqlRunner): Promise<void> {
  await sql.run(`UPDATE ${TABLE} SET checkpoint = checkpoint`);
}
