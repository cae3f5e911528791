import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EventStore, StoredEvent } from '../event-store/event-store.port';
import { GlobalLogPage, ReadGlobalLogQuery } from './read-global-log.query';

/** The envelope with its fields in the order API.md lists them. */
const toEnvelope = (e: StoredEvent): StoredEvent => ({
  eventId: e.eventId, type: e.type, schemaVersion: e.schemaVersion, streamId: e.streamId, streamVersion: e.streamVersion,
  globalPosition: e.globalPosition, recordedAt: e.recordedAt, recordedBy: e.recordedBy, source: e.source, confidence: e.confidence,
  data: e.data, correlationId: e.correlationId, causationId: e.causationId,
});

@QueryHandler(ReadGlobalLogQuery)
export class ReadGlobalLogHandler implements IQueryHandler<ReadGlobalLogQuery> {
  constructor(private readonly store: EventStore) {}

  async execute({ after, limit }: ReadGlobalLogQuery): Promise<GlobalLogPage> {
    const events = await this.store.readAll(after, limit);
    return { events: events.map(toEnvelope), lastPosition: events.at(-1)?.globalPosition ?? after };
  }
}
