import Database from 'better-sqlite3';
import pg from 'pg';
import { sqliteSynchronousOf } from '../../src/config/app-config';

/**
 * The ceiling: the same rows written and read with the driver alone — no ports, no checks, no
 * projections. The table has the event store's columns, keys and unique constraints.
 */
export interface RawEvent {
  eventId: string;
  streamId: string;
  streamVersion: number;
  type: string;
  schemaVersion: number;
  data: unknown;
  source: unknown;
  confidence: string | null;
  recordedBy: string;
}

export interface RawLog {
  /** One transaction for all the rows; answers their global positions. */
  append(rows: readonly RawEvent[]): Promise<number[]>;
  close(): Promise<void>;
}

const SQLITE_TABLE = `CREATE TABLE IF NOT EXISTS raw_events (
  global_position INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, stream_id TEXT NOT NULL, stream_version INTEGER NOT NULL,
  type TEXT NOT NULL, schema_version INTEGER NOT NULL, data TEXT NOT NULL, source TEXT, confidence TEXT,
  recorded_at TEXT NOT NULL, recorded_by TEXT NOT NULL, correlation_id TEXT, causation_id TEXT,
  UNIQUE (stream_id, stream_version))`;

const PG_TABLE = `CREATE TABLE IF NOT EXISTS raw_events (
  global_position BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, stream_id TEXT NOT NULL,
  stream_version INTEGER NOT NULL, type TEXT NOT NULL, schema_version INTEGER NOT NULL, data JSONB NOT NULL, source JSONB,
  confidence TEXT, recorded_at TIMESTAMPTZ NOT NULL, recorded_by TEXT NOT NULL, correlation_id TEXT, causation_id TEXT,
  UNIQUE (stream_id, stream_version))`;

/**
 * better-sqlite3 with the app's PRAGMAs (WAL, and the `synchronous` the app runs with in this
 * environment: SQLITE_SYNCHRONOUS, full by default); each append its own transaction.
 */
export class SqliteRawLog implements RawLog {
  readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly inTransaction: Database.Transaction<(rows: readonly RawEvent[]) => number[]>;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${sqliteSynchronousOf(process.env.SQLITE_SYNCHRONOUS).toUpperCase()}`);
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SQLITE_TABLE);
    this.insert = this.db.prepare(
      `INSERT INTO raw_events (event_id, stream_id, stream_version, type, schema_version, data, source, confidence, recorded_at, recorded_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.inTransaction = this.db.transaction((rows: readonly RawEvent[]) => {
      const recordedAt = new Date().toISOString();
      return rows.map((r) => Number(this.insert.run(
        r.eventId, r.streamId, r.streamVersion, r.type, r.schemaVersion, JSON.stringify(r.data),
        r.source === null ? null : JSON.stringify(r.source), r.confidence, recordedAt, r.recordedBy,
      ).lastInsertRowid));
    });
  }

  async append(rows: readonly RawEvent[]): Promise<number[]> {
    return this.inTransaction.immediate(rows);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

/** pg: a pool (10 connections, pg's default, as the app's); one INSERT statement per append. */
export class PostgresRawLog implements RawLog {
  readonly pool: pg.Pool;

  private constructor(url: string) {
    this.pool = new pg.Pool({ connectionString: url, max: 10 });
  }

  static async open(url: string): Promise<PostgresRawLog> {
    const log = new PostgresRawLog(url);
    await log.pool.query(PG_TABLE);
    return log;
  }

  async append(rows: readonly RawEvent[]): Promise<number[]> {
    const column = <T>(pick: (r: RawEvent) => T) => rows.map(pick);
    // One statement, arrays unnested (as the app's store does): one transaction, one round trip.
    const { rows: inserted } = await this.pool.query<{ global_position: string }>(
      `INSERT INTO raw_events (event_id, stream_id, stream_version, type, schema_version, data, source, confidence, recorded_at, recorded_by)
       SELECT e.event_id, e.stream_id, e.stream_version, e.type, e.schema_version, e.data::jsonb, e.source::jsonb, e.confidence, now(), e.recorded_by
         FROM unnest($1::text[], $2::text[], $3::integer[], $4::text[], $5::integer[], $6::text[], $7::text[], $8::text[], $9::text[])
              WITH ORDINALITY AS e(event_id, stream_id, stream_version, type, schema_version, data, source, confidence, recorded_by, ordinality)
        ORDER BY e.ordinality
       RETURNING global_position`,
      [
        column((r) => r.eventId), column((r) => r.streamId), column((r) => r.streamVersion), column((r) => r.type),
        column((r) => r.schemaVersion), column((r) => JSON.stringify(r.data)),
        column((r) => (r.source === null ? null : JSON.stringify(r.source))), column((r) => r.confidence), column((r) => r.recordedBy),
      ],
    );
    return inserted.map((r) => Number(r.global_position));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
