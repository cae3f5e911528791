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
  /** The physical tables of the live generation, so a later version can drop them by name. */
  tables: string[];
}

interface ProjectionRow {
  name: string;
  version: number;
  generation: number;
  checkpoint: number;
  status: ProjectionStatus;
  error: string | null;
  failed_position: number | null;
  tables: string;
}

const TABLE = 'projection_checkpoints';
/** Tables a rebuild replaced: dropped a little later, once no query can still be reading them. */
const RETIRED = 'projection_retired_tables';

/** Rebuilds under way, in any process: the generation each is writing and when it last made progress. */
const CLAIMS = 'projection_rebuild_claims';

const recordParams = (r: ProjectionRecord) =>
  [r.name, r.version, r.generation, r.checkpoint, r.status, r.error, r.failedPosition, JSON.stringify(r.tables)];

export async function createCheckpointTable(sql: SqlRunner): Promise<void> {
  await sql.run(`CREATE TABLE IF NOT EXISTS ${TABLE} (
    name TEXT PRIMARY KEY, version INTEGER NOT NULL, generation INTEGER NOT NULL, checkpoint BIGINT NOT NULL,
    status TEXT NOT NULL, error TEXT, failed_position BIGINT, tables TEXT NOT NULL)`);
  await sql.run(`CREATE TABLE IF NOT EXISTS ${RETIRED} (name TEXT PRIMARY KEY, retired_at TEXT NOT NULL)`);
  await sql.run(`CREATE TABLE IF NOT EXISTS ${CLAIMS} (name TEXT PRIMARY KEY, generation INTEGER NOT NULL, claimed_at TEXT NOT NULL)`);
}

export async function readCheckpoints(sql: SqlRunner): Promise<ProjectionRecord[]> {
  const rows = await sql.all<ProjectionRow>(`SELECT name, version, generation, checkpoint, status, error, failed_position, tables FROM ${TABLE}`);
  return rows.map((row) => ({
    name: row.name,
    version: Number(row.version),
    generation: Number(row.generation),
    checkpoint: Number(row.checkpoint),
    status: row.status,
    error: row.error,
    failedPosition: row.failed_position === null ? null : Number(row.failed_position),
    tables: JSON.parse(row.tables) as string[],
  }));
}

export async function writeCheckpoint(sql: SqlRunner, record: ProjectionRecord): Promise<void> {
  await sql.run(
    `INSERT INTO ${TABLE} (name, version, generation, checkpoint, status, error, failed_position, tables) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET version = excluded.version, generation = excluded.generation, checkpoint = excluded.checkpoint,
       status = excluded.status, error = excluded.error, failed_position = excluded.failed_position, tables = excluded.tables`,
    recordParams(record),
  );
}

/**
 * What applying events changes in projections' rows (which exist by then): the checkpoint and,
 * for one that failed, its status, error and failed position. Those that went on live to the same
 * position (every projection after an append, most after a batch of the catch-up) share one short
 * statement: the rest of a row (version, generation, tables) is left as it is.
 */
export async function writeProgress(sql: SqlRunner, records: readonly ProjectionRecord[]): Promise<void> {
  const liveAt = new Map<number, string[]>();
  for (const record of records) {
    if (record.status === 'live' && record.error === null) {
      liveAt.set(record.checkpoint, [...(liveAt.get(record.checkpoint) ?? []), record.name]);
    } else {
      await sql.run(`UPDATE ${TABLE} SET checkpoint = ?, status = ?, error = ?, failed_position = ? WHERE name = ?`, [
        record.checkpoint, record.status, record.error, record.failedPosition, record.name,
      ]);
    }
  }
  for (const [checkpoint, names] of liveAt) {
    await sql.run(`UPDATE ${TABLE} SET checkpoint = ? WHERE name IN (${names.map(() => '?').join(', ')})`, [checkpoint, ...names]);
  }
}

export async function insertCheckpointIfMissing(sql: SqlRunner, record: ProjectionRecord): Promise<void> {
  await sql.run(
    `INSERT INTO ${TABLE} (name, version, generation, checkpoint, status, error, failed_position, tables) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (name) DO NOTHING`,
    recordParams(record),
  );
}

/** Failed projections (all, or those named) go live again from their checkpoint; nothing else of theirs changes. */
export async function retryFailedProjections(sql: SqlRunner, names?: readonly string[]): Promise<void> {
  const only = names ? ` AND name IN (${names.map(() => '?').join(', ')})` : '';
  await sql.run(`UPDATE ${TABLE} SET status = 'live', error = NULL, failed_position = NULL WHERE status = 'failed'${only}`, names ?? []);
}

/**
 * Takes the checkpoint rows' write locks for the rest of the transaction (a no-op update, in SQL
 * both databases accept); a concurrent applier waits, then reads the checkpoints it committed.
 */
export async function lockCheckpoints(sql: SqlRunner): Promise<void> {
  await sql.run(`UPDATE ${TABLE} SET checkpoint = checkpoint`);
}

export async function retireTables(sql: SqlRunner, tables: readonly string[], now: string): Promise<void> {
  for (const name of tables) await sql.run(`INSERT INTO ${RETIRED} (name, retired_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING`, [name, now]);
}

/** Drops the tables retired before `before`; returns how many. */
export async function dropRetiredTables(sql: SqlRunner, before: string): Promise<number> {
  const retired = await sql.all<{ name: string }>(`SELECT name FROM ${RETIRED} WHERE retired_at < ?`, [before]);
  for (const { name } of retired) {
    await sql.run(`DROP TABLE IF EXISTS ${name}`);
    await sql.run(`DELETE FROM ${RETIRED} WHERE name = ?`, [name]);
  }
  return retired.length;
}

/** A rebuild that made no progress for this long is taken to have died with its process. */
const CLAIM_EXPIRY_MS = 5 * 60_000;

/**
 * Claims the next generation of each projection for a rebuild, for every process sharing the
 * database; answers the generations, or the name of a projection another rebuild holds.
 * Call after `lockCheckpoints`, in the same transaction.
 */
export async function claimRebuild(sql: SqlRunner, names: readonly string[], now: Date): Promise<{ generations: Map<string, number> } | { busy: string }> {
  const records = new Map((await readCheckpoints(sql)).map((r) => [r.name, r]));
  const claims = new Map(
    (await sql.all<{ name: string; generation: number; claimed_at: string }>(`SELECT name, generation, claimed_at FROM ${CLAIMS}`)).map((c) => [c.name, c]),
  );
  const fresh = new Date(now.getTime() - CLAIM_EXPIRY_MS).toISOString();
  const busy = names.find((name) => (claims.get(name)?.claimed_at ?? '') > fresh);
  if (busy) return { busy };
  const generations = new Map(names.map((name) => [name, Math.max(records.get(name)!.generation, Number(claims.get(name)?.generation ?? 0)) + 1]));
  for (const [name, generation] of generations) {
    await sql.run(
      `INSERT INTO ${CLAIMS} (name, generation, claimed_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET generation = excluded.generation, claimed_at = excluded.claimed_at`,
      [name, generation, now.toISOString()],
    );
  }
  return { generations };
}

/** A rebuild still making progress keeps its claim. */
export async function renewClaims(sql: SqlRunner, names: readonly string[], now: Date): Promise<void> {
  for (const name of names) await sql.run(`UPDATE ${CLAIMS} SET claimed_at = ? WHERE name = ?`, [now.toISOString(), name]);
}

export async function releaseClaims(sql: SqlRunner, names: readonly string[]): Promise<void> {
  for (const name of names) await sql.run(`DELETE FROM ${CLAIMS} WHERE name = ?`, [name]);
}
