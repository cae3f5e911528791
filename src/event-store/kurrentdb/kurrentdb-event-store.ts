import {
  BACKWARDS, END, ErrorType, FORWARDS, Filter, KurrentDBClient, ReadAllOptions, ReadStreamOptions, WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import { AppendResult, EventStore, EventToAppend, ExpectedVersion, GlobalPosition, StoredEvent } from '../event-store.port';
import {
  OUR_STREAM_PREFIXES, RecordedEventLike, ResolvedEventLike, createdTimes, eventKey, eventsAfter, isOurEvent, missingAppendHeads,
  ourStreamsFilter, planAppend, readFrom, sameId, toEventData, toStoredEvents, toStreamState, toWrongExpectedVersion,
} from './kurrentdb-mapping';

/** The calls this adapter makes on the client (a KurrentDBClient has them; tests give a fake). */
export type KurrentDbClientLike = Pick<KurrentDBClient, 'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'dispose'>;

export interface KurrentDbEventStoreOptions {
  /**
   * The stream-name prefixes that are this store's: appends go only to such streams, and the
   * global log is $all filtered on them. Default: 'incident-' and 'source-'.
   */
  streamPrefixes?: readonly string[];
}

/** A catch-up subscription to the global log (see KurrentDbEventStore.subscribeFrom). */
export interface KurrentDbSubscription {
  /** Ends the subscription; resolves once the event being handled, if any, is done. */
  stop(): Promise<void>;
  /** Settles when the subscription ends: resolved by stop(), rejected by a failure (of the handler or of the connection). */
  readonly done: Promise<void>;
}

/** How many append-head times a subscription remembers to give later events of the same append their time. */
const REMEMBERED_HEADS = 10_000;

/**
 * The event store on KurrentDB (formerly EventStoreDB), through the official gRPC client: a stream
 * per incident and per source, under the same names; the global log is $all filtered on those
 * names. See kurrentdb-mapping.ts for how each field is carried and the limits of the mapping.
 *
 * Atomicity and visibility come from the server: an append of several events is one transaction,
 * contiguous in $all, and is acknowledged once committed and indexed on the leader (connect with
 * the default node preference, leader, for reads that see every acknowledged append). A single
 * writer orders the log, so a reader tailing $all never finds a lower position appear later.
 *
 * An append reads the target stream first (to apply the idempotency rule: see planAppend), then
 * lets the server check the expected version, then reads the appended events back, so that it
 * answers with exactly what later reads give (positions, record time).
 */
export class KurrentDbEventStore extends EventStore {
  readonly kind = 'kurrentdb' as const;
  private readonly client: KurrentDbClientLike;
  private readonly prefixes: readonly string[];
  private readonly subscriptions = new Set<KurrentDbSubscription>();

  /** From a connection string (kurrentdb://host:2113?tls=false) or a client made elsewhere. */
  constructor(connection: string | KurrentDbClientLike, options: KurrentDbEventStoreOptions = {}) {
    super();
    this.client = typeof connection === 'string' ? KurrentDBClient.connectionString(connection) : connection;
    this.prefixes = options.streamPrefixes ?? OUR_STREAM_PREFIXES;
    if (this.prefixes.length === 0 || this.prefixes.some((p) => p === '')) throw new RangeError('streamPrefixes must be non-empty prefixes');
  }

  async append(streamId: string, events: EventToAppend[], expectedVersion: ExpectedVersion): Promise<AppendResult> {
    if (!this.prefixes.some((prefix) => streamId.startsWith(prefix))) {
      throw new RangeError(`stream ${streamId} is not one of this store's (${this.prefixes.join(', ')}): the global log would never show it`);
    }
    const streamState = toStreamState(expectedVersion);
    const stream = await this.readStream(streamId);
    const current = stream.at(-1)?.streamVersion ?? 0;
    const plan = planAppend(streamId, stream, events);
    if (plan.fresh.length === 0) {
      return { streamVersion: current, events: plan.answers.map((a) => ('stored' in a ? a.stored : unreachable())), appendedCount: 0 };
    }

    let lastRevision: bigint;
    try {
      const result = await this.client.appendToStream(streamId, plan.fresh.map((event, index) => toEventData(event, index)), { streamState });
      lastRevision = result.nextExpectedRevision;
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) throw toWrongExpectedVersion(streamId, expectedVersion, error);
      throw error;
    }

    // The append answers with the last revision only: read the batch back for positions and times.
    const count = plan.fresh.length;
    const recorded = await this.readRecorded(streamId, { fromRevision: lastRevision - BigInt(count - 1), maxCount: count });
    const ids = recorded.map((e) => e.id);
    if (ids.length !== count || ids.some((id, i) => sameId(id) !== sameId(plan.fresh[i].eventId))) {
      throw new Error(`append to ${streamId} acknowledged, but revisions up to ${lastRevision} hold ${ids.join(', ') || 'nothing'}, not the events sent`);
    }
    const appended = toStoredEvents(recorded, createdTimes(recorded));
    return {
      streamVersion: appended.at(-1)!.streamVersion,
      events: plan.answers.map((a) => ('stored' in a ? a.stored : appended[a.fresh])),
      appendedCount: count,
    };
  }

  async readStream(streamId: string, afterVersion = 0): Promise<StoredEvent[]> {
    const recorded = (await this.readRecorded(streamId, { direction: FORWARDS })).filter(isOurEvent);
    // The whole stream is read, so every append's first event (which carries its record time) is there.
    return toStoredEvents(recorded, createdTimes(recorded)).filter((e) => e.streamVersion > afterVersion);
  }

  async readAll(after: GlobalPosition, limit: number): Promise<StoredEvent[]> {
    const page: RecordedEventLike[] = [];
    let from = after;
    while (page.length < limit) {
      // The read includes the event at `from`, hence one more than still wanted.
      const wanted = limit - page.length + 1;
      const read = await this.readAllFrom(from, wanted);
      const { events, lastPosition } = eventsAfter(read, from);
      page.push(...events.slice(0, limit - page.length).map((e) => e.recorded));
      // Fewer than asked for: the end of the log. No progress: nothing more to find.
      if (read.length < wanted || lastPosition <= from) break;
      from = lastPosition;
    }
    return this.withRecordTimes(page);
  }

  async headPosition(): Promise<GlobalPosition> {
    const [last] = await collect(this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1, filter: this.filter() }));
    if (!last) return 0;
    return eventsAfter([last], 0).lastPosition;
  }

  /**
   * Calls `onEvent` for each of our events after `after`, in global order, one at a time: first those
   * already in the log, then each new one as it is appended (a catch-up subscription to $all,
   * filtered on our streams). A handler that throws ends the subscription (`done` rejects and
   * `onError` hears it); a subscriber resumes by subscribing again from its last handled position.
   */
  subscribeFrom(
    after: GlobalPosition,
    onEvent: (event: StoredEvent) => Promise<void>,
    options: { onError?: (error: unknown) => void } = {},
  ): KurrentDbSubscription {
    const source = this.client.subscribeToAll({ fromPosition: readFrom(after), filter: this.filter() });
    const known = new Map<string, Date>();
    let stopping = false;
    let position = after;

    const run = async () => {
      for await (const resolved of source as AsyncIterable<ResolvedEventLike>) {
        if (stopping) break;
        // Whether the server starts after `after` or at it, the event at `after` is not delivered again.
        const { events, lastPosition } = eventsAfter([resolved], position);
        position = lastPosition;
        if (events.length === 0) continue;
        if (known.size > REMEMBERED_HEADS) known.clear();
        const [event] = await this.withRecordTimes([events[0].recorded], known);
        await onEvent(event);
      }
    };
    const done = run().then(
      () => undefined,
      async (error: unknown) => {
        await source.unsubscribe().catch(() => undefined);
        // Cancelling the call is how stop() ends it: not a failure.
        if (stopping) return;
        options.onError?.(error);
        throw error;
      },
    );
    // Failures are reported through `done` and onError; never as an unhandled rejection.
    done.catch(() => undefined);

    const subscription: KurrentDbSubscription = {
      done,
      stop: async () => {
        stopping = true;
        this.subscriptions.delete(subscription);
        await source.unsubscribe().catch(() => undefined);
        await done.catch(() => undefined);
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.client.dispose();
  }

  private filter(): Filter {
    return ourStreamsFilter(this.prefixes);
  }

  /** The events of a stream as the client gives them; none when the stream does not exist. */
  private async readRecorded(streamId: string, options: ReadStreamOptions): Promise<RecordedEventLike[]> {
    try {
      const resolved = await collect(this.client.readStream(streamId, options));
      return resolved.flatMap((r) => (r.event ? [r.event as RecordedEventLike] : []));
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw error;
    }
  }

  private async readAllFrom(after: GlobalPosition, maxCount: number): Promise<ResolvedEventLike[]> {
    const options: ReadAllOptions = { direction: FORWARDS, maxCount, filter: this.filter() };
    try {
      return await collect(this.client.readAll({ ...options, fromPosition: readFrom(after) }));
    } catch (error) {
      // A position that is no record boundary (not one this store gave out, say typed by a
      // user) is refused by the server: read from the start and skip instead; slow, but right.
      if (after <= 0 || isConnectionError(error)) throw error;
      const all: ResolvedEventLike[] = [];
      for await (const resolved of this.client.readAll({ ...options, maxCount: undefined, fromPosition: readFrom(0) }) as AsyncIterable<ResolvedEventLike>) {
        if (resolved.event && eventsAfter([resolved], after).events.length === 0) continue;
        all.push(resolved);
        if (all.length >= maxCount) break;
      }
      return all;
    }
  }

  /** Maps events to the port's, looking up the first event of any append whose start they lack. */
  private async withRecordTimes(events: RecordedEventLike[], known = new Map<string, Date>()): Promise<StoredEvent[]> {
    createdTimes(events, known);
    for (const head of missingAppendHeads(events, known)) {
      const [first] = await this.readRecorded(head.streamId, { direction: FORWARDS, fromRevision: head.revision, maxCount: 1 });
      if (first && first.revision === head.revision) known.set(eventKey(head.streamId, head.revision), first.created);
    }
    return toStoredEvents(events, known);
  }
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

function isStreamNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { type?: unknown }).type === ErrorType.STREAM_NOT_FOUND;
}

function isConnectionError(error: unknown): boolean {
  const type = typeof error === 'object' && error !== null ? (error as { type?: unknown }).type : undefined;
  return [ErrorType.UNAVAILABLE, ErrorType.DEADLINE_EXCEEDED, ErrorType.TIMEOUT, ErrorType.NOT_LEADER, ErrorType.ACCESS_DENIED, ErrorType.CANCELLED].includes(
    type as ErrorType,
  );
}

function unreachable(): never {
  throw new Error('unreachable: an append with nothing to write answers with stored events only');
}
