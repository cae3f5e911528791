import pg from 'pg';
import { createPostgresPool, isUniqueViolation, PostgresErrorListener } from '../../database/postgres/postgres-pool';
import { EventIdConflict, WrongExpectedVersion } from '../event-store.errors';
import { isSameEvent } from '../event-identity';
import { AppendResult, EventStore, EventToAppend, ExpectedVersion, GlobalPosition, StoredEvent } from '../event-store.port';
import { migratePostgresEventStore } from './postgres-event-store.schema';

interface EventRow {
  global_position: number | string;
  event_id: string;
  stream_id: string;
  stream_version: number;
  type: string;
  schema_version: number;
  data: unknown;
  source: StoredEvent['source'];
  confidence: string | null;
  recorded_at: string;
  recorded_by: string;
  correlation_id: string | null;
  causation_id: string | null;
}

const ISO_UTC = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

const COLUMNS = `global_position, event_id, stream_id, stream_version, type, schema_version, data, source, confidence,
  to_char(recorded_at AT TIME ZONE 'UTC', ${ISO_UTC}) AS recorded_at, recorded_by, correlation_id, causation_id`;

/**
 * Only events of transactions older than every transaction still in flight: a lower position can
 * no longer commit behind them (positions follow transaction ids, see the schema).
 */
const SETTLED = 'tx_id < pg_snapshot_xmin(pg_current_snapshot())';

/** The stream's version and the events already stored under any of the ids, in one round trip. */
const CHECK = `
  SELECT stream.version AS current_version, ${COLUMNS}
    FROM (SELECT COALESCE(MAX(stream_version), 0) AS version FROM events WHERE stream_id = $1) AS stream
    LEFT JOIN events ON event_id = ANY($2::text[])`;

/** One row with the stream's version, joined to each stored event, or to nulls if there is none. */
type CheckRow = { current_version: number } & (EventRow | { [column in keyof EventRow]: null });

const INSERT = `
  WITH allocated AS MATERIALIZED (SELECT first_position, allocated_at FROM allocate_event_positions($2))
  INSERT INTO events (global_position, event_id, stream_id, stream_version, type, schema_version, data, source,
                      confidence, recorded_at, recorded_by, correlation_id, causation_id)
  OVERRIDING SYSTEM VALUE
  SELECT allocated.first_position + e.ordinality - 1, e.event_id, $1, $3 + e.ordinality, e.type, e.schema_version,
         e.data::jsonb, e.source::jsonb, e.confidence, allocated.allocated_at, e.recorded_by, e.correlation_id, e.causation_id
    FROM allocated,
         unnest($4::text[], $5::text[], $6::integer[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
           WITH ORDINALITY AS e(event_id, type, schema_version, data, source, confidence, recorded_by, correlation_id,
                                causation_id, ordinality)
   ORDER BY e.ordinality
  RETURNING event_id, global_position, to_char(recorded_at AT TIME ZONE 'UTC', ${ISO_UTC}) AS recorded_at`;

const STREAM_VERSION_UNIQUE = 'events_stream_version_unique';
const EVENT_ID_UNIQUE = 'events_event_id_unique';
/**
 * A lost race means another append to the stream committed, so retries always make progress; the
 * bound only guards against starvation under heavy 'any' contention on one stream.
 */
const MAX_ATTEMPTS = 50;

const toStoredEvent = (row: EventRow): StoredEvent => ({
  eventId: row.event_id,
  type: row.type,
  schemaVersion: row.schema_version,
  data: row.data,
  source: row.source,
  confidence: row.confidence,
  recordedBy: row.recorded_by,
  correlationId: row.correlation_id,
  causationId: row.causation_id,
  streamId: row.stream_id,
  streamVersion: row.stream_version,
  globalPosition: Number(row.global_position),
  recordedAt: row.recorded_at,
});

/** Lost races that a fresh attempt settles: it then sees the winner's committed events. */
function isLostRace(error: unknown): boolean {
  return (
    isUniqueViolation(error, STREAM_VERSION_UNIQUE) ||
    isUniqueViolation(error, EVENT_ID_UNIQUE) ||
    (error instanceof pg.DatabaseError && (error.code === '40P01' || error.code === '40001'))
  );
}

/** The same id twice in one batch: kept once if both say the same, refused otherwise. */
function withoutRepeatedIds(streamId: string, events: EventToAppend[]): EventToAppend[] {
  const byId = new Map<string, EventToAppend>();
  for (const event of events) {
    const first = byId.get(event.eventId);
    if (!first) byId.set(event.eventId, event);
    else if (!isSameEvent({ ...first, streamId, streamVersion: 0, globalPosition: 0, recordedAt: '' }, streamId, event)) {
      throw new EventIdConflict(event.eventId);
    }
  }
  return [...byId.values()];
}

export interface PostgresEventStoreOptions {
  /** Told about connections that break; by default a warning on stderr. Never fatal. */
  onError?: PostgresErrorListener;
}

/**
 * The production store: one `events` table, appended to in one transaction per call, which has
 * committed before the call answers. The global log is read only up to the oldest transaction
 * still in flight, so a reader never passes a position that may still commit.
 */
export class PostgresEventStore extends EventStore {
  readonly kind = 'postgres' as const;

  private constructor(private readonly pool: pg.Pool) {
    super();
  }

  /** Connects and migrates the schema (safe when several instances start at once). */
  static async open(connection: string | pg.PoolConfig, options: PostgresEventStoreOptions = {}): Promise<PostgresEventStore> {
    const pool = createPostgresPool(typeof connection === 'string' ? { connectionString: connection, pipeline: true } : { ...connection, pipeline: true }, options.onError);
    try {
      await migratePostgresEventStore(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresEventStore(pool);
  }

  async append(streamId: string, events: EventToAppend[], expectedVersion: ExpectedVersion): Promise<AppendResult> {
    const distinct = withoutRepeatedIds(streamId, events);
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.appendOnce(streamId, distinct, expectedVersion);
        const byId = new Map(result.events.map((e) => [e.eventId, e]));
        return { ...result, events: events.map((e) => byId.get(e.eventId)!) };
      } catch (error) {
        if (!isLostRace(error)) throw error;
        if (attempt === MAX_ATTEMPTS) {
          throw new WrongExpectedVersion(streamId, expectedVersion, await this.streamVersion(streamId));
        }
      }
    }
  }

  private async appendOnce(streamId: string, events: EventToAppend[], expectedVersion: ExpectedVersion): Promise<AppendResult> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      const [, { rows }] = await Promise.all([client.query('BEGIN'), client.query<CheckRow>(CHECK, [streamId, events.map((e) => e.eventId)])]);
      const current = rows[0].current_version;
      const alreadyStored = new Map<string, StoredEvent>();
      for (const row of rows) {
        if (row.event_id !== null) alreadyStored.set(row.event_id, toStoredEvent(row as EventRow));
      }
      for (const event of events) {
        const stored = alreadyStored.get(event.eventId);
        if (stored && !isSameEvent(stored, streamId, event)) throw new EventIdConflict(event.eventId);
      }

      const fresh = events.filter((e) => !alreadyStored.has(e.eventId));
      if (fresh.length === 0) {
        await client.query('COMMIT');
        return { streamVersion: current, events: events.map((e) => alreadyStored.get(e.eventId)!), appendedCount: 0 };
      }
      if (expectedVersion !== 'any' && expectedVersion !== current) throw new WrongExpectedVersion(streamId, expectedVersion, current);

      const [{ rows: inserted }] = await Promise.all([client.query<{ event_id: string; global_position: number | string; recorded_at: string }>(
        INSERT,
        [
          streamId,
          fresh.length,
          current,
          fresh.map((e) => e.eventId),
          fresh.map((e) => e.type),
          fresh.map((e) => e.schemaVersion),
          fresh.map((e) => JSON.stringify(e.data)),
          fresh.map((e) => (e.source === null ? null : JSON.stringify(e.source))),
          fresh.map((e) => e.confidence),
          fresh.map((e) => e.recordedBy),
          fresh.map((e) => e.correlationId),
          fresh.map((e) => e.causationId),
        ],
      ), client.query('COMMIT')]);

      const placed = new Map(inserted.map((row) => [row.event_id, row]));
      const appended = new Map(
        fresh.map((event, index): [string, StoredEvent] => {
          const row = placed.get(event.eventId)!;
          return [
            event.eventId,
            { ...event, streamId, streamVersion: current + index + 1, globalPosition: Number(row.global_position), recordedAt: row.recorded_at },
          ];
        }),
      );
      return {
        streamVersion: current + fresh.length,
        events: events.map((e) => alreadyStored.get(e.eventId) ?? appended.get(e.eventId)!),
        appendedCount: fresh.length,
      };
    } catch (error) {
      // A connection that cannot even roll back is not given back to the pool.
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  private async streamVersion(streamId: string): Promise<number> {
    const { rows } = await this.pool.query<{ version: number }>(
      'SELECT COALESCE(MAX(stream_version), 0) AS version FROM events WHERE stream_id = $1',
      [streamId],
    );
    return rows[0].version;
  }

  async readStream(streamId: string): Promise<StoredEvent[]> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE stream_id = $1 ORDER BY stream_version`,
      [streamId],
    );
    return rows.map(toStoredEvent);
  }

  async readAll(after: GlobalPosition, limit: number): Promise<StoredEvent[]> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE global_position > $1 AND ${SETTLED} ORDER BY global_position LIMIT $2`,
      [after, limit],
    );
    return rows.map(toStoredEvent);
  }

  async headPosition(): Promise<GlobalPosition> {
    const { rows } = await this.pool.query<{ head: number | string }>(
      `SELECT COALESCE(MAX(global_position), 0) AS head FROM events WHERE ${SETTLED}`,
    );
    return Number(rows[0].head);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
