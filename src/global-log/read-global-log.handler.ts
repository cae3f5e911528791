import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EventStore } from '../event-store/event-store.port';
import { GlobalLogPage, ReadGlobalLogQuery } from './read-global-log.query';

@QueryHandler(ReadGlobalLogQuery)
export class ReadGlobalLogHandler implements IQueryHandler<ReadGlobalLogQuery> {
  constructor(private readonly store: EventStore) {}

  async execute({ after, limit }: ReadGlobalLogQuery): Promise<GlobalLogPage> {
    const events = await this.store.readAll(after, limit);
    return { events, lastPosition: events.at(-1)?.globalPosition ?? after };
  }
}
