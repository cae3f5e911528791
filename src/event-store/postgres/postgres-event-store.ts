import pg from 'pg';
import { createPostgresPool, inTransaction, isUniqueViolation, PostgresErrorListener } from '../../database/postgres/postgres-pool';
import { EventIdConflict, WrongExpectedVersion } from '../event-store.errors';
import { isSameEvent, withoutRepeats } from '../event-identity';
import { AppendResult, EventStore, EventToAppend, ExpectedVersion, GlobalPosition, RestorableEventStore, StoredEvent, StreamCursor } from '../event-store.port';
import { APPENDED_CHANNEL, migratePostgresEventStore } from './postgres-event-store.schema';

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

/**
 * Appends the events, numbered after the stream's current version, if and only if the stream is
 * at version $3 (any version when $3 is null) and none of the ids is stored yet: a compare-and-set
 * in one statement, so in one transaction, committed before it answers. It inserts nothing, and
 * takes no position, when the guard fails; the unique constraints catch what a concurrent append
 * commits after this statement's snapshot.
 */
const GUARDED_INSERT = `
  WITH stream AS MATERIALIZED (
         SELECT COALESCE(MAX(stream_version), 0) AS version FROM events WHERE stream_id = $1),
       allowed AS MATERIALIZED (
         SELECT version FROM stream
          WHERE ($3::integer IS NULL OR version = $3::integer)
            AND NOT EXISTS (SELECT FROM events WHERE event_id = ANY($4::text[]))),
       allocated AS MATERIALIZED (
         SELECT version, allocate_event_positions($2) AS positions FROM allowed)
  INSERT INTO events (global_position, event_id, stream_id, stream_version, type, schema_version, data, source,
                      confidence, recorded_at, recorded_by, correlation_id, causation_id)
  OVERRIDING SYSTEM VALUE
  SELECT (allocated.positions).first_position + e.ordinality - 1, e.event_id, $1, allocated.version + e.ordinality,
         e.type, e.schema_version, e.data::jsonb, e.source::jsonb, e.confidence, (allocated.positions).allocated_at,
         e.recorded_by, e.correlation_id, e.causation_id
    FROM allocated,
         unnest($4::text[], $5::text[], $6::integer[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
           WITH ORDINALITY AS e(event_id, type, schema_version, data, source, confidence, recorded_by, correlation_id,
                                causation_id, ordinality)
   ORDER BY e.ordinality
  RETURNING event_id, global_position, stream_version, to_char(recorded_at AT TIME ZONE 'UTC', ${ISO_UTC}) AS recorded_at`;

/** Events as another store recorded them, at consecutive positions allocated like any append's. */
const RESTORE = `
  INSERT INTO events (global_position, event_id, stream_id, stream_version, type, schema_version, data, source,
                      confidence, recorded_at, recorded_by, correlation_id, causation_id)
  OVERRIDING SYSTEM VALUE
  SELECT $1::bigint + e.ordinality - 1, e.event_id, e.stream_id, e.stream_version, e.type, e.schema_version, e.data::jsonb,
         e.source::jsonb, e.confidence, e.recorded_at::timestamptz, e.recorded_by, e.correlation_id, e.causation_id
    FROM unnest($2::text[], $3::text[], $4::integer[], $5::text[], $6::integer[], $7::text[], $8::text[], $9::text[],
                $10::text[], $11::text[], $12::text[], $13::text[])
           WITH ORDINALITY AS e(event_id, stream_id, stream_version, type, schema_version, data, source, confidence,
                                recorded_at, recorded_by, correlation_id, causation_id, ordinality)
   ORDER BY e.ordinality`;

const STREAM_VERSION_UNIQUE = 'events_stream_version_unique';
const EVENT_ID_UNIQUE = 'events_event_id_unique';
/**
 * A lost race means another append committed, so retries always make progress; the bound only
 * guards against starvation under heavy 'any' contention on one stream.
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

export interface PostgresEventStoreOptions {
  /** Told about connections that break; by default a warning on stderr. Never fatal. */
  onError?: PostgresErrorListener;
}

/**
 * The production store: one `events` table. An append writes all its events in one statement,
 * so one transaction, which has committed before the call answers; the version and id checks are
 * part of that statement. The global log is read only up to the oldest transaction still in
 * flight, so a reader never passes a position that may still commit.
 */
export class PostgresEventStore extends EventStore implements RestorableEventStore {
  readonly kind = 'postgres' as const;

  private announcement: Promise<void> | null = null;

  private constructor(private readonly pool: pg.Pool) {
    super();
  }

  /** Connects and migrates the schema (safe when several instances start at once). */
  static async open(connection: string | pg.PoolConfig, options: PostgresEventStoreOptions = {}): Promise<PostgresEventStore> {
    const settings = typeof connection === 'string' ? { connectionString: connection } : connection;
    // Statements are prepared once per connection, to skip parsing, but planned on each call:
    // a plan made for one-event appends is a poor one for a batch of a hundred.
    const pool = createPostgresPool(
      { ...settings, options: [settings.options, '-c plan_cache_mode=force_custom_plan'].filter(Boolean).join(' ') },
      options.onError,
    );
    try {
      await migratePostgresEventStore(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresEventStore(pool);
  }

  async append(streamId: string, events: EventToAppend[], expectedVersion: ExpectedVersion): Promise<AppendResult> {
    const distinct = withoutRepeats(events);
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.appendOnce(streamId, distinct, expectedVersion);
        if (result) {
          if (result.appendedCount > 0) this.announceAppends();
          const byId = new Map(result.events.map((e) => [e.eventId, e]));
          return { ...result, events: events.map((e) => byId.get(e.eventId)!) };
        }
      } catch (error) {
        if (!isLostRace(error)) throw error;
      }
      if (attempt === MAX_ATTEMPTS) throw new WrongExpectedVersion(streamId, expectedVersion, await this.streamVersion(streamId));
    }
  }

  /**
   * Tells every instance listening that the log grew, so their projections wake at once rather
   * than at their next poll. Sent after the commit and outside it (a NOTIFY inside the append
   * would serialise every append's commit on PostgreSQL's notification lock), and once for a
   * burst of appends: the appends of one turn of the event loop share one notification.
   */
  private announceAppends(): void {
    this.announcement ??= new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
      this.announcement = null;
      await this.pool.query('SELECT pg_notify($1, $2)', [APPENDED_CHANNEL, '']).catch(() => undefined);
    });
  }

  /** The answer, or null when another append got in between and it must be worked out again. */
  private async appendOnce(streamId: string, events: EventToAppend[], expectedVersion: ExpectedVersion): Promise<AppendResult | null> {
    const anyVersion = expectedVersion === 'any' ? null : expectedVersion;
    // The usual case, in one round trip: new ids, and the stream where the caller expects it.
    if (events.length > 0) {
      const appended = await this.insertIfStill(streamId, anyVersion, events);
      if (appended) return { streamVersion: appended[appended.length - 1].streamVersion, events: appended, appendedCount: appended.length };
    }

    // Something is in the way: ids already stored, or another version. Find out which. Stored
    // events never change, so what is read here about them stays true.
    const { rows } = await this.pool.query<CheckRow>({ name: 'event-store-check', text: CHECK, values: [streamId, events.map((e) => e.eventId)] });
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
    if (fresh.length === 0) return { streamVersion: current, events: events.map((e) => alreadyStored.get(e.eventId)!), appendedCount: 0 };
    if (anyVersion !== null && anyVersion !== current) throw new WrongExpectedVersion(streamId, expectedVersion, current);

    const appended = await this.insertIfStill(streamId, anyVersion === null ? null : current, fresh);
    if (!appended) return null;
    const byId = new Map(appended.map((e) => [e.eventId, e]));
    return {
      streamVersion: appended[appended.length - 1].streamVersion,
      events: events.map((e) => alreadyStored.get(e.eventId) ?? byId.get(e.eventId)!),
      appendedCount: appended.length,
    };
  }

  /** The events as stored, or null if the stream is no longer at `version` or one of the ids is taken. */
  private async insertIfStill(streamId: string, version: number | null, events: EventToAppend[]): Promise<StoredEvent[] | null> {
    const { rows } = await this.pool.query<{ event_id: string; global_position: number | string; stream_version: number; recorded_at: string }>({
      name: 'event-store-guarded-insert',
      text: GUARDED_INSERT,
      values: [
        streamId,
        events.length,
        version,
        events.map((e) => e.eventId),
        events.map((e) => e.type),
        events.map((e) => e.schemaVersion),
        events.map((e) => JSON.stringify(e.data)),
        events.map((e) => (e.source === null ? null : JSON.stringify(e.source))),
        events.map((e) => e.confidence),
        events.map((e) => e.recordedBy),
        events.map((e) => e.correlationId),
        events.map((e) => e.causationId),
      ],
    });
    if (rows.length === 0) return null;
    const placed = new Map(rows.map((row) => [row.event_id, row]));
    return events.map((event) => {
      const row = placed.get(event.eventId)!;
      return { ...event, streamId, streamVersion: row.stream_version, globalPosition: Number(row.global_position), recordedAt: row.recorded_at };
    });
  }

  private async streamVersion(streamId: string): Promise<number> {
    const { rows } = await this.pool.query<{ version: number }>(
      'SELECT COALESCE(MAX(stream_version), 0) AS version FROM events WHERE stream_id = $1',
      [streamId],
    );
    return rows[0].version;
  }

  async readStream(streamId: string, afterVersion = 0): Promise<StoredEvent[]> {
    const { rows } = await this.pool.query<EventRow>({
      name: 'event-store-read-stream',
      text: `SELECT ${COLUMNS} FROM events WHERE stream_id = $1 AND stream_version > $2 ORDER BY stream_version`,
      values: [streamId, afterVersion],
    });
    return rows.map(toStoredEvent);
  }

  async readAll(after: GlobalPosition, limit: number): Promise<StoredEvent[]> {
    const { rows } = await this.pool.query<EventRow>({
      name: 'event-store-read-all',
      text: `SELECT ${COLUMNS} FROM events WHERE global_position > $1 AND ${SETTLED} ORDER BY global_position LIMIT $2`,
      values: [after, limit],
    });
    return rows.map(toStoredEvent);
  }

  /**
   * Along the (stream_id, stream_version) index; settled events only, as `readAll` reads them.
   * Sorting is ruled out for the statement: on a table not yet analysed (a log just imported,
   * then rebuilt) the planner guesses few rows and would sort every event up to `until` for
   * each page instead of walking the index.
   */
  override async readByStream(from: StreamCursor | null, until: GlobalPosition, limit: number): Promise<StoredEvent[]> {
    const rows = await inTransaction(this.pool, async (client) => {
      await client.query('SET LOCAL enable_sort = off');
      const page = await client.query<EventRow>({
        name: 'event-store-read-by-stream',
        text: `SELECT ${COLUMNS} FROM events WHERE (stream_id, stream_version) > ($1, $2) AND global_position <= $3 AND ${SETTLED}
          ORDER BY stream_id, stream_version LIMIT $4`,
        values: [from?.streamId ?? '', from?.streamVersion ?? 0, until, limit],
      });
      return page.rows;
    });
    return rows.map(toStoredEvent);
  }

  override async findEvents(eventIds: readonly string[]): Promise<StoredEvent[]> {
    if (eventIds.length === 0) return [];
    const { rows } = await this.pool.query<EventRow>(`SELECT ${COLUMNS} FROM events WHERE event_id = ANY($1::text[])`, [[...eventIds]]);
    return rows.map(toStoredEvent);
  }

  async headPosition(): Promise<GlobalPosition> {
    const { rows } = await this.pool.query<{ head: number | string }>(
      `SELECT COALESCE(MAX(global_position), 0) AS head FROM events WHERE ${SETTLED}`,
    );
    return Number(rows[0].head);
  }

  async restore(events: readonly StoredEvent[]): Promise<void> {
    if (events.length === 0) return;
    await inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ first: number }>('SELECT (allocate_event_positions($1)).first_position AS first', [events.length]);
      await client.query(RESTORE, [
        rows[0].first,
        events.map((e) => e.eventId),
        events.map((e) => e.streamId),
        events.map((e) => e.streamVersion),
        events.map((e) => e.type),
        events.map((e) => e.schemaVersion),
        events.map((e) => JSON.stringify(e.data)),
        events.map((e) => (e.source === null ? null : JSON.stringify(e.source))),
        events.map((e) => e.confidence),
        events.map((e) => e.recordedAt),
        events.map((e) => e.recordedBy),
        events.map((e) => e.correlationId),
        events.map((e) => e.causationId),
      ]);
    });
  }

  async close(): Promise<void> {
    await this.announcement;
    await this.pool.end();
  }
}
