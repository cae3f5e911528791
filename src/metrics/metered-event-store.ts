import { AppendResult, EventStore, EventToAppend, ExpectedVersion, GlobalPosition, InAppendTransaction, StoredEvent, StreamCursor } from '../event-store/event-store.port';
import { Metrics } from './metrics';

/** The store the request handlers write through, counting what it commits. */
export class MeteredEventStore extends EventStore {
  readonly kind: EventStore['kind'];

  constructor(private readonly store: EventStore, private readonly metrics: Metrics) {
    super();
    this.kind = store.kind;
  }

  async append(streamId: string, events: EventToAppend[], expectedVersion: ExpectedVersion): Promise<AppendResult> {
    return this.counted(await this.store.append(streamId, events, expectedVersion));
  }

  override async appendWithin(streamId: string, events: EventToAppend[], expectedVersion: ExpectedVersion, within: InAppendTransaction): Promise<AppendResult> {
    return this.counted(await this.store.appendWithin(streamId, events, expectedVersion, within));
  }

  readStream(streamId: string, afterVersion?: number): Promise<StoredEvent[]> {
    return this.store.readStream(streamId, afterVersion);
  }

  readAll(after: GlobalPosition, limit: number): Promise<StoredEvent[]> {
    return this.store.readAll(after, limit);
  }

  override readByStream(from: StreamCursor | null, until: GlobalPosition, limit: number): Promise<StoredEvent[] | null> {
    return this.store.readByStream(from, until, limit);
  }

  override findEvents(eventIds: readonly string[]): Promise<StoredEvent[]> {
    return this.store.findEvents(eventIds);
  }

  headPosition(): Promise<GlobalPosition> {
    return this.store.headPosition();
  }

  close(): Promise<void> {
    return this.store.close();
  }

  private counted(result: AppendResult): AppendResult {
    // An idempotent repeat (the same events again) stores nothing and is not counted.
    if (result.appendedCount > 0) {
      this.metrics.appends.inc();
      this.metrics.eventsAppended.inc(result.appendedCount);
    }
    return result;
  }
}
