import { Provenance } from '../domain/shared/provenance';
import { SqlRunner } from '../database/sql-runner';

/** A place in the whole log; later events have higher positions. */
export type GlobalPosition = number;

/** Expected version meaning "the stream must not exist yet". */
export const NO_STREAM = 0;
/** `any` appends whatever the stream's version; a number is the version the stream must be at. */
export type ExpectedVersion = number | 'any';

export interface EventToAppend {
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  source: Provenance | null;
  confidence: string | null;
  recordedBy: string;
  correlationId: string | null;
  causationId: string | null;
}

/** An event as the log holds it: the appended event and where and when the log put it. */
export interface StoredEvent extends EventToAppend {
  streamId: string;
  streamVersion: number;
  globalPosition: GlobalPosition;
  recordedAt: string;
}

/** Where a read stream after stream stopped: the last event it gave. */
export interface StreamCursor {
  streamId: string;
  streamVersion: number;
}

export interface AppendResult {
  /** The stream's version after the append. */
  streamVersion: number;
  /** One per event asked for, in order: the one just stored, or the identical one stored before. */
  events: StoredEvent[];
  /** How many events this call stored (0 when every event was already there). */
  appendedCount: number;
}

/**
 * Work a caller wants done in an append's own transaction, before it commits, on the same
 * database (read models kept beside the log): it sees the events just stored.
 */
export type InAppendTransaction = (appended: StoredEvent[], sql: SqlRunner) => Promise<void>;

/**
 * The source of truth. Every adapter promises the same (tests/contract): an append is atomic,
 * answers only after it committed, leaves no trace when it fails, stores an event id once, and
 * the global log is read in one order, paged by that order.
 */
export abstract class EventStore {
  abstract readonly kind: 'sqlite' | 'postgres' | 'kurrentdb';
  abstract append(streamId: string, events: EventToAppend[], expectedVersion: ExpectedVersion): Promise<AppendResult>;

  /**
   * An append that also runs `within` in its transaction when it stores something. Only a store
   * whose database holds the read models can (SQLite); the others append and leave `within` out,
   * and the projections catch up after the commit as they always do.
   */
  appendWithin(streamId: string, events: EventToAppend[], expectedVersion: ExpectedVersion, _within: InAppendTransaction): Promise<AppendResult> {
    return this.append(streamId, events, expectedVersion);
  }
  /** The stream's events in order; only those after `afterVersion` when given (a state cached at that version needs no more). */
  abstract readStream(streamId: string, afterVersion?: number): Promise<StoredEvent[]>;
  /** Events after `after`, in global order, at most `limit` of them. */
  abstract readAll(after: GlobalPosition, limit: number): Promise<StoredEvent[]>;
  /**
   * Events at or below `until`, stream after stream (streams in the order of their ids as the
   * store compares them, each stream's events in order), after `from` (null: from the first
   * stream), at most `limit`. A rebuild reads the log this way so that it folds each incident
   * from its first event to its last in one go, holding one incident's state at a time, however
   * the streams interleave in the log. null when the store cannot (KurrentDB has no such order):
   * the rebuild reads in global order then.
   */
  async readByStream(_from: StreamCursor | null, _until: GlobalPosition, _limit: number): Promise<StoredEvent[] | null> {
    return null;
  }
  abstract headPosition(): Promise<GlobalPosition>;
  /**
   * The stored events with these ids, in any stream, so a write can name an id already taken
   * before it writes anything. KurrentDB cannot look ids up across streams: it answers none.
   */
  async findEvents(_eventIds: readonly string[]): Promise<StoredEvent[]> {
    return [];
  }

  abstract close(): Promise<void>;
}

/** A store a log can be moved into (SQLite, PostgreSQL; KurrentDB sets record times itself). */
export interface RestorableEventStore extends EventStore {
  /**
   * Appends events exactly as another store recorded them (ids, stream versions, record times,
   * who and why), in the order given, in one transaction. Global positions are this store's
   * own; their order is the order given.
   */
  restore(events: readonly StoredEvent[]): Promise<void>;
}
