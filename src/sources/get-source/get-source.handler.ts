import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { NotFound } from '../../application/application-errors';
import { SourceDocument, SourceReadModel } from '../source-read-model';
import { GetSourceQuery } from './get-source.query';

@QueryHandler(GetSourceQuery)
export class GetSourceHandler implements IQueryHandler<GetSourceQuery> {
  constructor(private readonly sources: SourceReadModel) {}

  async execute({ sourceId }: GetSourceQuery): Promise<SourceDocument> {
    const source = await this.sources.find(sourceId);
    if (!source) throw new NotFound(`source ${sourceId} does not exist`);
    return source;
  }
}
