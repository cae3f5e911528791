import { AppendResult, EventStore, EventToAppend, ExpectedVersion, GlobalPosition, InAppendTransaction, StoredEvent, StreamCursor } from './event-store.port';

/**
 * Every read of the log goes through the upcasters: stored events are never rewritten, and
 * readers (projections, history, `/events`, verify) only ever see the current shape. The store
 * it wraps still answers with what is stored, for the one reader that needs it: `migrate`.
 */
export class UpcastingEventStore extends EventStore {
  readonly kind: EventStore['kind'];

  constructor(readonly stored: EventStore, private readonly upcast: (event: StoredEvent) => StoredEvent) {
    super();
    this.kind = stored.kind;
  }

  async append(streamId: string, events: EventToAppend[], expectedVersion: ExpectedVersion): Promise<AppendResult> {
    const result = await this.stored.append(streamId, events, expectedVersion);
    return { ...result, events: result.events.map(this.upcast) };
  }

  override async appendWithin(streamId: string, events: EventToAppend[], expectedVersion: ExpectedVersion, within: InAppendTransaction): Promise<AppendResult> {
    const result = await this.stored.appendWithin(streamId, events, expectedVersion, (appended, sql) => within(appended.map(this.upcast), sql));
    return { ...result, events: result.events.map(this.upcast) };
  }

  async readStream(streamId: string, afterVersion = 0): Promise<StoredEvent[]> {
    return (await this.stored.readStream(streamId, afterVersion)).map(this.upcast);
  }

  async readAll(after: GlobalPosition, limit: number): Promise<StoredEvent[]> {
    return (await this.stored.readAll(after, limit)).map(this.upcast);
  }

  override async readByStream(from: StreamCursor | null, until: GlobalPosition, limit: number): Promise<StoredEvent[] | null> {
    return (await this.stored.readByStream(from, until, limit))?.map(this.upcast) ?? null;
  }

  override async findEvents(eventIds: readonly string[]): Promise<StoredEvent[]> {
    return (await this.stored.findEvents(eventIds)).map(this.upcast);
  }

  headPosition(): Promise<GlobalPosition> {
    return this.stored.headPosition();
  }

  close(): Promise<void> {
    return this.stored.close();
  }
}
