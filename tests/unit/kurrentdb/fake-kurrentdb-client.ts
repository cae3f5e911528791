import { randomUUID } from 'node:crypto';
import {
  AppendResult, AppendStreamState, END, EventData, Position, ReadAllOptions, ReadStreamOptions, START, StreamNotFoundError,
  SubscribeToAllOptions, UnknownError, WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import { KurrentDbClientLike } from '../../../src/event-store/kurrentdb/kurrentdb-event-store';
import { RecordedEventLike, ResolvedEventLike } from '../../../src/event-store/kurrentdb/kurrentdb-mapping';

/**
 * An in-memory stand-in for a KurrentDB server behind the client, as its documentation and
 * server code describe it: one log ($all) of records at byte positions (commit = prepare = the
 * record's own position, with gaps), per-stream revisions from 0, the expected-state check, reads
 * from a position that include the event at it, prefix filters on stream names, and a 'created'
 * time stamped per event (here 1 ms apart, so that the events of one append differ as they can on
 * a real server). It is a model for testing the adapter's logic, not a proof of the server's behaviour.
 */
export class FakeKurrentDb {
  readonly log: RecordedEventLike[] = [];
  private nextPosition = 1_000n;
  private clock = Date.parse('2026-03-01T10:00:00.000Z');
  private readonly listeners = new Set<() => void>();
  disposed = false;
  /** Calls made, to check what the adapter asked for. */
  readonly calls: Array<{ method: string; args: unknown }> = [];

  /** Writes records the adapter did not write (system events, other applications' streams). */
  writeForeign(streamId: string, type: string, data: unknown = {}, isJson = true): RecordedEventLike {
    const revision = BigInt(this.stream(streamId).length);
    return this.write({ streamId, id: randomUUID(), type, revision, isJson, data, metadata: undefined });
  }

  client(): KurrentDbClientLike {
    return {
      appendToStream: (async (streamName: string, events: EventData | EventData[], options: { streamState?: AppendStreamState } = {}) => {
        this.calls.push({ method: 'appendToStream', args: { streamName, events, options } });
        return this.append(streamName, Array.isArray(events) ? events : [events], options.streamState ?? 'any');
      }) as KurrentDbClientLike['appendToStream'],
      readStream: ((streamName: string, options: ReadStreamOptions = {}) => {
        this.calls.push({ method: 'readStream', args: { streamName, options } });
        return this.readStream(streamName, options);
      }) as unknown as KurrentDbClientLike['readStream'],
      readAll: ((options: ReadAllOptions = {}) => {
        this.calls.push({ method: 'readAll', args: options });
        return this.readAll(options);
      }) as unknown as KurrentDbClientLike['readAll'],
      subscribeToAll: ((options: SubscribeToAllOptions = {}) => {
        this.calls.push({ method: 'subscribeToAll', args: options });
        return this.subscribe(options);
      }) as unknown as KurrentDbClientLike['subscribeToAll'],
      dispose: async () => {
        this.disposed = true;
      },
    };
  }

  private stream(streamId: string): RecordedEventLike[] {
    return this.log.filter((e) => e.streamId === streamId);
  }

  private write(event: Omit<RecordedEventLike, 'created' | 'position'>): RecordedEventLike {
    const position = this.nextPosition;
    // Records take room in the log: positions are byte offsets, far from consecutive.
    this.nextPosition += 100n + BigInt(JSON.stringify(event.data ?? null).length);
    const record: RecordedEventLike = { ...event, created: new Date(this.clock++), position: { commit: position, prepare: position } };
    this.log.push(record);
    return record;
  }

  private async append(streamName: string, events: EventData[], expected: AppendStreamState): Promise<AppendResult> {
    await Promise.resolve();
    const stream = this.stream(streamName);
    const current = stream.length === 0 ? ('no_stream' as const) : stream.at(-1)!.revision;
    // The server's idempotency: the same ids already written right there answer success again.
    const start = expected === 'no_stream' ? 0 : typeof expected === 'bigint' ? Number(expected) + 1 : -1;
    if (start >= 0 && events.length > 0 && events.every((e, i) => stream[start + i]?.id === e.id.toLowerCase())) {
      return { success: true, nextExpectedRevision: BigInt(start + events.length - 1) };
    }
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && current === 'no_stream') ||
      (expected === 'stream_exists' && current !== 'no_stream') ||
      (typeof expected === 'bigint' && current === expected);
    if (!ok) throw new WrongExpectedVersionError(undefined, { streamName, expected, current });
    let revision = stream.length;
    let last: RecordedEventLike | undefined;
    for (const e of events) {
      last = this.write({
        streamId: streamName,
        // The server keeps a UUID, not its spelling: it gives ids back in lowercase.
        id: e.id.toLowerCase(),
        type: e.type,
        revision: BigInt(revision++),
        isJson: e.contentType === 'application/json',
        data: JSON.parse(JSON.stringify(e.data)),
        metadata: e.metadata === undefined ? undefined : JSON.parse(JSON.stringify(e.metadata)),
      });
    }
    this.listeners.forEach((notify) => notify());
    return { success: true, nextExpectedRevision: BigInt(revision - 1), position: last?.position };
  }

  private async *readStream(streamName: string, { fromRevision = START, maxCount = Number.MAX_SAFE_INTEGER, direction = 'forwards' }: ReadStreamOptions) {
    await Promise.resolve();
    const stream = this.stream(streamName);
    if (stream.length === 0) throw new StreamNotFoundError(undefined, streamName);
    let events = direction === 'forwards' ? stream : [...stream].reverse();
    if (typeof fromRevision === 'bigint') events = events.filter((e) => (direction === 'forwards' ? e.revision >= fromRevision : e.revision <= fromRevision));
    for (const event of events.slice(0, Number(maxCount))) yield { event, commitPosition: event.position!.commit } satisfies ResolvedEventLike;
  }

  private matches(event: RecordedEventLike, filter: ReadAllOptions['filter']): boolean {
    if (!filter) return true;
    if (!('prefixes' in filter)) throw new Error('the fake knows prefix filters only');
    const subject = filter.filterOn === 'streamName' ? event.streamId : event.type;
    return filter.prefixes.some((p) => subject.startsWith(p));
  }

  private checkPosition(from: Position): void {
    if (!this.log.some((e) => e.position!.commit === from.commit) && from.commit !== this.nextPosition) {
      throw new UnknownError(undefined, `invalid position ${from.commit}`);
    }
  }

  private async *readAll({ fromPosition = START, maxCount = Number.MAX_SAFE_INTEGER, direction = 'forwards', filter }: ReadAllOptions) {
    await Promise.resolve();
    let events = this.log.filter((e) => this.matches(e, filter));
    if (direction === 'backwards') {
      events = [...events].reverse();
      if (fromPosition !== END) throw new Error('the fake reads backwards from the end only');
    } else if (fromPosition !== START && fromPosition !== END) {
      this.checkPosition(fromPosition);
      // Inclusive, as the server: the event at the position comes first.
      events = events.filter((e) => e.position!.commit >= fromPosition.commit);
    } else if (fromPosition === END) events = [];
    for (const event of events.slice(0, Number(maxCount))) yield { event, commitPosition: event.position!.commit } satisfies ResolvedEventLike;
  }

  private subscribe({ fromPosition = START, filter }: SubscribeToAllOptions) {
    let from = fromPosition === START ? -1n : fromPosition === END ? this.nextPosition : fromPosition.commit;
    let ended = false;
    let wake: (() => void) | null = null;
    const notify = () => wake?.();
    this.listeners.add(notify);
    const fake = this;
    const subscription = {
      async unsubscribe() {
        ended = true;
        fake.listeners.delete(notify);
        wake?.();
      },
      async *[Symbol.asyncIterator](): AsyncGenerator<ResolvedEventLike> {
        while (!ended) {
          // Exclusive of the starting position, as catch-up subscriptions resume after a checkpoint.
          const next = fake.log.find((e) => e.position!.commit > from && fake.matches(e, filter));
          if (next) {
            from = next.position!.commit;
            yield { event: next, commitPosition: next.position!.commit };
            continue;
          }
          await new Promise<void>((resolve) => (wake = resolve));
          wake = null;
        }
      },
    };
    return subscription;
  }
}
