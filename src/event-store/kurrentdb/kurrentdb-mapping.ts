/**
 * Pure translations between the EventStore port and KurrentDB (EventStoreDB) terms, kept apart
 * from the adapter so they are tested without a server.
 *
 *  port                           KurrentDB
 *  streamId 'incident-…'          stream name, unchanged
 *  streamVersion 1, 2, …          stream revision 0, 1, … (version = revision + 1)
 *  expected NO_STREAM / n / any   stream state 'no_stream' / revision n - 1 / 'any'
 *  eventId                        event id (a UUID), so the server's own deduplication applies;
 *                                 KurrentDB keeps the UUID, not its spelling: ids come back lowercase
 *  type, data                     event type, JSON data
 *  the rest of the event          JSON metadata (see KurrentDbEventMetadata)
 *  globalPosition                 commit position of the event in $all
 *  recordedAt                     'created' of the first event of the same append, ISO with ms and Z
 */
import {
  AppendStreamState, CurrentStreamState, EventData, Filter, JSONType, Position, ReadPosition, START, WrongExpectedVersionError,
  jsonEvent, streamNameFilter,
} from '@kurrent/kurrentdb-client';
import { Provenance } from '../../domain/shared/provenance';
import { isSameEvent } from '../event-identity';
import { EventIdConflict, WrongExpectedVersion } from '../event-store.errors';
import { EventToAppend, ExpectedVersion, GlobalPosition, NO_STREAM, StoredEvent } from '../event-store.port';
import { INCIDENT_STREAM_PREFIX } from '../../domain/incident/incident-events';
import { SOURCE_STREAM_PREFIX } from '../../domain/source/source-events';

/** The streams of this application: one per incident, one per source document. Nothing else is read from $all. */
export const OUR_STREAM_PREFIXES: readonly string[] = [INCIDENT_STREAM_PREFIX, SOURCE_STREAM_PREFIX];

/** What the metadata of each of our events holds, besides its type and data. */
export interface KurrentDbEventMetadata {
  schemaVersion: number;
  source: Provenance | null;
  confidence: string | null;
  recordedBy: string;
  /**
   * Where the event stands among the events one append stored (0 for the first). The server
   * stamps each event with its own 'created' time, microseconds apart; the port promises one
   * record time per append, so every event takes the time of the first one, found from this.
   */
  appendIndex: number;
  /** KurrentDB's own names, which its system projections ($by_correlation_id) understand. Absent when null. */
  $correlationId?: string;
  $causationId?: string;
}

/**
 * The part of a KurrentDB RecordedEvent this adapter reads (the client's RecordedEvent is
 * assignable to it): reading it structurally keeps these functions testable with plain objects.
 */
export interface RecordedEventLike {
  streamId: string;
  id: string;
  type: string;
  revision: bigint;
  created: Date;
  isJson: boolean;
  data: unknown;
  metadata: unknown;
  position?: Position;
}

/** A resolved event as reads and subscriptions give it (without link resolution there is no link). */
export interface ResolvedEventLike {
  event?: RecordedEventLike;
  commitPosition?: bigint;
}

// ---------------------------------------------------------------- versions

/** Our expected version as the stream state KurrentDB checks: versions count from 1, revisions from 0. */
export function toStreamState(expected: ExpectedVersion): AppendStreamState {
  if (expected === 'any') return 'any';
  if (!Number.isSafeInteger(expected) || expected < 0) throw new RangeError(`expected version must be 'any' or a whole number from 0, got ${expected}`);
  if (expected === NO_STREAM) return 'no_stream';
  return BigInt(expected - 1);
}

/** The stream version of the event at this revision. */
export function versionFromRevision(revision: bigint): number {
  return safeNumber(revision + 1n, 'stream revision');
}

/** The version a stream is at, from the state KurrentDB reports ('no_stream', or the revision of its last event). */
export function versionFromStreamState(state: CurrentStreamState): number {
  // Deleted and tombstoned streams are reported with negative revisions: they hold no events for us.
  if (state === 'no_stream' || state < 0n) return 0;
  return versionFromRevision(state);
}

/** The client's WrongExpectedVersionError in our terms, with the actual version counted as ours. */
export function toWrongExpectedVersion(streamId: string, expected: ExpectedVersion, error: WrongExpectedVersionError): WrongExpectedVersion {
  return new WrongExpectedVersion(streamId, expected, versionFromStreamState(error.actualState));
}

// ---------------------------------------------------------------- writing

export function toMetadata(event: EventToAppend, appendIndex: number): KurrentDbEventMetadata {
  return {
    schemaVersion: event.schemaVersion,
    source: event.source,
    confidence: event.confidence,
    recordedBy: event.recordedBy,
    appendIndex,
    ...(event.correlationId === null ? {} : { $correlationId: event.correlationId }),
    ...(event.causationId === null ? {} : { $causationId: event.causationId }),
  };
}

/**
 * The event as KurrentDB stores it. Its id is ours, so a retried append of the same events to the
 * same stream is recognised by the server too. KurrentDB event ids must be UUIDs (ours are: v7 made
 * here, or a client's, validated as a UUID), written in lowercase as the server gives them back.
 */
export function toEventData(event: EventToAppend, appendIndex: number): EventData {
  return jsonEvent({
    id: sameId(event.eventId),
    type: event.type,
    // The port's data is any JSON value; the client serialises it with JSON.stringify whatever it is.
    data: event.data as JSONType,
    metadata: toMetadata(event, appendIndex) as unknown as JSONType,
  });
}

/** What an append stores, and what it answers for each event asked for. */
export interface AppendPlan {
  /** Per event asked for, in order: the stored event it repeats, or its index in `fresh`. */
  answers: Array<{ stored: StoredEvent } | { fresh: number }>;
  /** The events to write, each id once, in the order first asked for. */
  fresh: EventToAppend[];
}

/**
 * Applies our idempotency rule against the events already in the target stream: an id stored with
 * the same content is answered with the stored event and not written again; with other content it
 * is an EventIdConflict, and so is one id sent twice in a batch with two contents.
 *
 * Limit: KurrentDB cannot look an event id up across streams (its deduplication is per stream,
 * and there is no index by id), so an id already stored in ANOTHER stream is not seen here and the
 * event is stored a second time, where the SQL stores refuse it as an EventIdConflict. The ids this
 * application makes are fresh UUIDv7s, so this only happens when a client sends one eventId of its
 * own choosing to two streams. (Closing the gap would take a claim stream per id, written in the
 * same atomic multi-stream append: KurrentDB 25.1+ only, and with string-only metadata.)
 */
export function planAppend(streamId: string, stream: readonly StoredEvent[], events: readonly EventToAppend[]): AppendPlan {
  const stored = new Map(stream.map((e) => [sameId(e.eventId), e]));
  const freshIndex = new Map<string, number>();
  const fresh: EventToAppend[] = [];
  const answers = events.map((event): AppendPlan['answers'][number] => {
    const already = stored.get(sameId(event.eventId));
    if (already) {
      if (!isSameEvent(already, streamId, event)) throw new EventIdConflict(event.eventId);
      return { stored: already };
    }
    const index = freshIndex.get(sameId(event.eventId));
    if (index !== undefined) {
      const first: StoredEvent = { ...fresh[index], streamId, streamVersion: 0, globalPosition: 0, recordedAt: '' };
      if (!isSameEvent(first, streamId, event)) throw new EventIdConflict(event.eventId);
      return { fresh: index };
    }
    freshIndex.set(sameId(event.eventId), fresh.length);
    fresh.push(event);
    return { fresh: fresh.length - 1 };
  });
  return { answers, fresh };
}

// ---------------------------------------------------------------- reading

/**
 * Ours: a JSON event of a user type. System events ('$'-types: stream metadata, tombstones,
 * links) and binary events are someone else's, even in a stream whose name matches.
 */
export function isOurEvent(recorded: RecordedEventLike): boolean {
  return recorded.isJson && !recorded.type.startsWith('$');
}

const UNKNOWN_POSITION = 2n ** 63n;

/**
 * The global position of an event: its commit position in $all.
 *
 * Unique and increasing along $all: since EventStoreDB 3, an append writes one "prepare" record per
 * event, each marked committed, and an event's commit position is the log position of its own
 * record. (Only events written in the legacy explicit transactions of the TCP API share a commit
 * position; this adapter never writes any.) Positions are byte offsets in the transaction log: they
 * are not dense (consecutive events are hundreds of bytes apart, and other streams' events lie
 * between), so head minus checkpoint is a distance in bytes, not a number of events.
 *
 * As a JS number: exact up to 2^53 bytes (8 PiB) of transaction log, far beyond any real log;
 * positions are logical and not reused after a scavenge. Past that it refuses rather than round.
 */
export function globalPositionOf(recorded: RecordedEventLike, commitPosition?: bigint): GlobalPosition {
  const commit = recorded.position?.commit ?? commitPosition;
  // Stream reads carry the $all position only from EventStoreDB 22.6 on; older servers send 2^64 - 1.
  if (commit === undefined || commit <= 0n || commit >= UNKNOWN_POSITION) {
    throw new Error(
      `KurrentDB gave no $all position for event ${recorded.id} of ${recorded.streamId}: ` +
        'this adapter needs KurrentDB, or EventStoreDB 22.6 or later, and events not written in explicit transactions',
    );
  }
  return safeNumber(commit, 'commit position');
}

/** The record time the port shows: an ISO instant in UTC with milliseconds. */
export function recordTime(created: Date): string {
  return created.toISOString();
}

/** The metadata of one of our events, read leniently: fields another writer left out take neutral values. */
export function readMetadata(recorded: RecordedEventLike): KurrentDbEventMetadata {
  const raw = recorded.metadata;
  const m: Record<string, unknown> = raw && typeof raw === 'object' && !(raw instanceof Uint8Array) && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  return {
    schemaVersion: typeof m.schemaVersion === 'number' ? m.schemaVersion : 1,
    source: m.source && typeof m.source === 'object' ? (m.source as Provenance) : null,
    confidence: typeof m.confidence === 'string' ? m.confidence : null,
    recordedBy: typeof m.recordedBy === 'string' ? m.recordedBy : 'unknown',
    appendIndex: Number.isSafeInteger(m.appendIndex) && (m.appendIndex as number) >= 0 ? (m.appendIndex as number) : 0,
    ...(typeof m.$correlationId === 'string' ? { $correlationId: m.$correlationId } : {}),
    ...(typeof m.$causationId === 'string' ? { $causationId: m.$causationId } : {}),
  };
}

/** Where the first event of the append that stored this one is: same stream, `appendIndex` revisions earlier. */
export function appendHeadOf(recorded: RecordedEventLike): { streamId: string; revision: bigint } {
  const offset = BigInt(readMetadata(recorded).appendIndex);
  // An index pointing before the stream's start is not ours to trust: the event stands alone.
  return { streamId: recorded.streamId, revision: offset <= recorded.revision ? recorded.revision - offset : recorded.revision };
}

export function eventKey(streamId: string, revision: bigint): string {
  return `${revision}@${streamId}`;
}

/** The 'created' times known from a set of events, by eventKey. */
export function createdTimes(events: readonly RecordedEventLike[], into = new Map<string, Date>()): Map<string, Date> {
  for (const e of events) into.set(eventKey(e.streamId, e.revision), e.created);
  return into;
}

/** The first events of appends that these events need for their record time and that `known` lacks. */
export function missingAppendHeads(events: readonly RecordedEventLike[], known: ReadonlyMap<string, Date>): Array<{ streamId: string; revision: bigint }> {
  const missing = new Map<string, { streamId: string; revision: bigint }>();
  for (const e of events) {
    const head = appendHeadOf(e);
    const key = eventKey(head.streamId, head.revision);
    if (!known.has(key)) missing.set(key, head);
  }
  return [...missing.values()];
}

/**
 * The stored event as the port gives it. `headCreated` is the 'created' time of the first event of
 * the same append (the event's own when it is that first event, or when the first is not found).
 */
export function toStoredEvent(recorded: RecordedEventLike, headCreated: Date = recorded.created, commitPosition?: bigint): StoredEvent {
  if (!recorded.isJson) throw new Error(`event ${recorded.id} of ${recorded.streamId} is not JSON: not written by this application`);
  const metadata = readMetadata(recorded);
  return {
    eventId: recorded.id,
    type: recorded.type,
    schemaVersion: metadata.schemaVersion,
    data: recorded.data,
    source: metadata.source,
    confidence: metadata.confidence,
    recordedBy: metadata.recordedBy,
    correlationId: metadata.$correlationId ?? null,
    causationId: metadata.$causationId ?? null,
    streamId: recorded.streamId,
    streamVersion: versionFromRevision(recorded.revision),
    globalPosition: globalPositionOf(recorded, commitPosition),
    recordedAt: recordTime(headCreated),
  };
}

/** Maps events whose append heads are all in `known` (the adapter looks the missing ones up first). */
export function toStoredEvents(events: readonly RecordedEventLike[], known: ReadonlyMap<string, Date>): StoredEvent[] {
  return events.map((e) => {
    const head = appendHeadOf(e);
    return toStoredEvent(e, known.get(eventKey(head.streamId, head.revision)) ?? e.created);
  });
}

// ---------------------------------------------------------------- the global log

/** A filter on our stream names, for reads of and subscriptions to $all. */
export function ourStreamsFilter(prefixes: readonly string[] = OUR_STREAM_PREFIXES): Filter {
  return streamNameFilter({ prefixes: [...prefixes] });
}

/**
 * Where to start reading $all to find the events after `after`. Reads from a position include the
 * event at it, so the caller drops it (eventsAfter); 0 is the start of the log. A position must be
 * one this store gave out (or 0): KurrentDB positions are record boundaries in its log.
 */
export function readFrom(after: GlobalPosition): ReadPosition {
  if (after <= 0) return START;
  const position = BigInt(Math.floor(after));
  return { commit: position, prepare: position };
}

/**
 * Of a page of $all, our events strictly after `after`, in order, with their positions; and the
 * last position seen (ours or not) to read on from.
 */
export function eventsAfter(
  page: readonly ResolvedEventLike[],
  after: GlobalPosition,
): { events: Array<{ recorded: RecordedEventLike; globalPosition: GlobalPosition }>; lastPosition: GlobalPosition } {
  const events: Array<{ recorded: RecordedEventLike; globalPosition: GlobalPosition }> = [];
  let lastPosition = after;
  for (const resolved of page) {
    const recorded = resolved.event;
    if (!recorded) continue;
    const globalPosition = globalPositionOf(recorded, resolved.commitPosition);
    if (globalPosition <= after) continue;
    lastPosition = Math.max(lastPosition, globalPosition);
    if (isOurEvent(recorded)) events.push({ recorded, globalPosition });
  }
  return { events, lastPosition };
}

/** An event id as KurrentDB gives it back: one UUID has one spelling. */
export function sameId(eventId: string): string {
  return eventId.toLowerCase();
}

function safeNumber(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`${what} ${value} is beyond what a JS number holds exactly`);
  return Number(value);
}
