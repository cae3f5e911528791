import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { SourceReadModel } from '../source-read-model';
import { ListSourcesQuery, SourcePage } from './list-sources.query';

@QueryHandler(ListSourcesQuery)
export class ListSourcesHandler implements IQueryHandler<ListSourcesQuery> {
  constructor(private readonly sources: SourceReadModel) {}

  async execute({ limit, cursor }: ListSourcesQuery): Promise<SourcePage> {
    const items = await this.sources.list(limit + 1, cursor);
    const page = items.slice(0, limit);
    return { items: page, nextCursor: items.length > limit ? page.at(-1)!.sourceId : null };
  }
}
