import Database from 'better-sqlite3';
import { SqliteConnection } from '../../database/sqlite/sqlite-connection';
import { EventIdConflict, WrongExpectedVersion } from '../event-store.errors';
import { isSameEvent, withoutRepeats } from '../event-identity';
import {
  AppendResult, EventStore, EventToAppend, ExpectedVersion, GlobalPosition, InAppendTransaction, RestorableEventStore, StoredEvent, StreamCursor,
} from '../event-store.port';
import { SqliteStatements } from '../../database/sqlite/sqlite-read-model-database';
import { migrateSqliteEventStore } from './sqlite-event-store.schema';

/** A row of the events table as the driver answers it: an array in the order of `COLUMNS` (no object per row to build). */
type EventRow = [
  globalPosition: number, eventId: string, streamId: string, streamVersion: number, type: string, schemaVersion: number, data: string,
  source: string | null, confidence: string | null, recordedAt: string, recordedBy: string, correlationId: string | null, causationId: string | null,
];

interface QueuedAppend {
  streamId: string;
  events: EventToAppend[];
  expectedVersion: ExpectedVersion;
  within: InAppendTransaction | null;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

/** Enough to share a commit among every connection of a busy server, few enough to keep each answer prompt. */
const MAX_APPENDS_PER_COMMIT = 256;

const COLUMNS = `global_position, event_id, stream_id, stream_version, type, schema_version, data, source,
  confidence, recorded_at, recorded_by, correlation_id, causation_id`;

const toStoredEvent = ([
  globalPosition, eventId, streamId, streamVersion, type, schemaVersion, data, source, confidence, recordedAt, recordedBy, correlationId, causationId,
]: EventRow): StoredEvent => ({
  eventId,
  type,
  schemaVersion,
  data: JSON.parse(data),
  source: source === null ? null : JSON.parse(source),
  confidence,
  recordedBy,
  correlationId,
  causationId,
  streamId,
  streamVersion,
  globalPosition,
  recordedAt,
});

/**
 * The embedded store: one table in the database file, the global position is the row id
 * (gap-free: rows are never deleted and a rolled-back insert frees its id again).
 */
export class SqliteEventStore extends EventStore implements RestorableEventStore {
  readonly kind = 'sqlite' as const;

  private readonly statements: SqliteStatements;
  private readonly queue: QueuedAppend[] = [];
  private flushScheduled = false;

  constructor(private readonly connection: SqliteConnection, private readonly now: () => Date = () => new Date()) {
    super();
    this.statements = new SqliteStatements(connection);
    migrateSqliteEventStore(connection.db);
  }

  append(streamId: string, events: EventToAppend[], expectedVersion: ExpectedVersion): Promise<AppendResult> {
    return this.enqueue(streamId, events, expectedVersion, null);
  }

  /** The append and `within` in one transaction: the read models it updates commit with the events, or neither does. */
  override appendWithin(streamId: string, events: EventToAppend[], expectedVersion: ExpectedVersion, within: InAppendTransaction): Promise<AppendResult> {
    return this.enqueue(streamId, events, expectedVersion, within);
  }

  /**
   * Group commit: appends asked for while the connection is busy (or in the same turn of the
   * event loop) are written in one transaction, each in a savepoint of its own. An append that
   * fails (a lost race, an id conflict, its `within` throwing) is rolled back to its savepoint and
   * leaves no trace; the others go on. Every caller is answered only after the shared COMMIT (or
   * rejected, if it fails): an append never answers before its own commit.
   */
  private enqueue(streamId: string, events: EventToAppend[], expectedVersion: ExpectedVersion, within: InAppendTransaction | null): Promise<AppendResult> {
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ streamId, events, expectedVersion, within, resolve, reject });
      if (this.flushScheduled) return;
      this.flushScheduled = true;
      // After the I/O callbacks of this turn: requests read together are committed together.
      setImmediate(() => {
        void this.connection.exclusive(() => this.flush());
      });
    });
  }

  private async flush(): Promise<void> {
    this.flushScheduled = false;
    const batch = this.queue.splice(0, MAX_APPENDS_PER_COMMIT);
    if (this.queue.length > 0) {
      this.flushScheduled = true;
      setImmediate(() => {
        void this.connection.exclusive(() => this.flush());
      });
    }
    if (batch.length === 0) return;
    const { db } = this.connection;
    const outcomes: ({ result: AppendResult } | { error: unknown })[] = [];
    try {
      await this.connection.beginImmediate();
      const recordedAt = this.recordedAt();
      const alone = batch.length === 1;
      for (const append of batch) {
        if (!alone) db.exec('SAVEPOINT group_append');
        try {
          const result = this.appendInTransaction(append.streamId, append.events, append.expectedVersion, recordedAt);
          if (append.within && result.appendedCount > 0) {
            await append.within(result.events.filter((e) => e.streamVersion > result.streamVersion - result.appendedCount), this.statements);
          }
          if (!alone) db.exec('RELEASE group_append');
          outcomes.push({ result });
        } catch (error) {
          // The whole transaction is gone (SQLite rolls back on some errors): nothing of the batch commits.
          if (alone || !db.inTransaction) throw error;
          db.exec('ROLLBACK TO group_append');
          db.exec('RELEASE group_append');
          outcomes.push({ error });
        }
      }
      db.exec('COMMIT');
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      // Those that failed on their own keep their own error; the others did not commit.
      batch.forEach((append, index) => {
        const outcome = outcomes[index];
        append.reject(outcome && 'error' in outcome ? outcome.error : error);
      });
      return;
    }
    batch.forEach((append, index) => {
      const outcome = outcomes[index];
      if ('result' in outcome) append.resolve(outcome.result);
      else append.reject(outcome.error);
    });
  }

  private appendInTransaction(streamId: string, requested: EventToAppend[], expectedVersion: ExpectedVersion, recordedAt: string): AppendResult {
    const events = withoutRepeats(requested);
    const byId = this.eventRows(`SELECT ${COLUMNS} FROM events WHERE event_id = ?`);
    const alreadyStored = new Map<string, StoredEvent>();
    for (const event of events) {
      const row = byId.get(event.eventId) as EventRow | undefined;
      if (!row) continue;
      const stored = toStoredEvent(row);
      if (!isSameEvent(stored, streamId, event)) throw new EventIdConflict(event.eventId);
      alreadyStored.set(event.eventId, stored);
    }

    const current = this.streamVersion(streamId);
    const fresh = events.filter((e) => !alreadyStored.has(e.eventId));
    if (fresh.length === 0) return { streamVersion: current, events: requested.map((e) => alreadyStored.get(e.eventId)!), appendedCount: 0 };
    if (expectedVersion !== 'any' && expectedVersion !== current) throw new WrongExpectedVersion(streamId, expectedVersion, current);

    const insert = this.connection.prepare(
      `INSERT INTO events (event_id, stream_id, stream_version, type, schema_version, data, source, confidence,
         recorded_at, recorded_by, correlation_id, causation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const appended = new Map<string, StoredEvent>();
    fresh.forEach((event, index) => {
      const streamVersion = current + index + 1;
      const { lastInsertRowid } = insert.run(
        event.eventId, streamId, streamVersion, event.type, event.schemaVersion, JSON.stringify(event.data),
        event.source === null ? null : JSON.stringify(event.source), event.confidence, recordedAt, event.recordedBy,
        event.correlationId, event.causationId,
      );
      appended.set(event.eventId, { ...event, streamId, streamVersion, globalPosition: Number(lastInsertRowid), recordedAt });
    });
    return {
      streamVersion: current + fresh.length,
      events: requested.map((e) => alreadyStored.get(e.eventId) ?? appended.get(e.eventId)!),
      appendedCount: fresh.length,
    };
  }

  restore(events: readonly StoredEvent[]): Promise<void> {
    return this.connection.exclusive(() =>
      this.connection.db
        .transaction(() => {
          const insert = this.connection.prepare(
            `INSERT INTO events (event_id, stream_id, stream_version, type, schema_version, data, source, confidence,
               recorded_at, recorded_by, correlation_id, causation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          );
          for (const event of events) {
            const current = this.streamVersion(event.streamId);
            if (event.streamVersion !== current + 1) throw new WrongExpectedVersion(event.streamId, event.streamVersion - 1, current);
            insert.run(
              event.eventId, event.streamId, event.streamVersion, event.type, event.schemaVersion, JSON.stringify(event.data),
              event.source === null ? null : JSON.stringify(event.source), event.confidence, event.recordedAt, event.recordedBy,
              event.correlationId, event.causationId,
            );
          }
        })
        .immediate(),
    );
  }

  /**
   * A statement reading events, answering each row as an array (`EventRow`): the driver builds no
   * object per row. The connection caches statements by their text, and only this store reads `COLUMNS`.
   */
  private eventRows(sql: string): Database.Statement {
    return this.connection.prepare(sql).raw(true);
  }

  private streamVersion(streamId: string): number {
    const row = this.connection.prepare('SELECT MAX(stream_version) AS version FROM events WHERE stream_id = ?').get(streamId) as
      | { version: number | null }
      | undefined;
    return row?.version ?? 0;
  }

  /** Record times never go backwards along the log, even if the clock does. */
  private recordedAt(): string {
    const last = this.connection.prepare('SELECT recorded_at FROM events ORDER BY global_position DESC LIMIT 1').get() as
      | { recorded_at: string }
      | undefined;
    const now = this.now().toISOString();
    return last && last.recorded_at > now ? last.recorded_at : now;
  }

  readStream(streamId: string, afterVersion = 0): Promise<StoredEvent[]> {
    return this.connection.exclusive(() =>
      (
        this
          .eventRows(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND stream_version > ? ORDER BY stream_version`)
          .all(streamId, afterVersion) as EventRow[]
      ).map(toStoredEvent),
    );
  }

  readAll(after: GlobalPosition, limit: number): Promise<StoredEvent[]> {
    return this.connection.exclusive(() =>
      (
        this
          .eventRows(`SELECT ${COLUMNS} FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?`)
          .all(after, limit) as EventRow[]
      ).map(toStoredEvent),
    );
  }

  /** Along the (stream_id, stream_version) index; a row value compares as the index orders. */
  override readByStream(from: StreamCursor | null, until: GlobalPosition, limit: number): Promise<StoredEvent[]> {
    return this.connection.exclusive(() =>
      (
        this
          .eventRows(`SELECT ${COLUMNS} FROM events WHERE (stream_id, stream_version) > (?, ?) AND global_position <= ? ORDER BY stream_id, stream_version LIMIT ?`)
          .all(from?.streamId ?? '', from?.streamVersion ?? 0, until, limit) as EventRow[]
      ).map(toStoredEvent),
    );
  }

  override findEvents(eventIds: readonly string[]): Promise<StoredEvent[]> {
    return this.connection.exclusive(() => {
      const byId = this.eventRows(`SELECT ${COLUMNS} FROM events WHERE event_id = ?`);
      return eventIds.flatMap((id) => {
        const row = byId.get(id) as EventRow | undefined;
        return row ? [toStoredEvent(row)] : [];
      });
    });
  }

  headPosition(): Promise<GlobalPosition> {
    return this.connection.exclusive(
      () => (this.connection.prepare('SELECT COALESCE(MAX(global_position), 0) AS head FROM events').get() as { head: number }).head,
    );
  }

  async close(): Promise<void> {
    await this.connection.exclusive(() => this.connection.close());
  }
}
