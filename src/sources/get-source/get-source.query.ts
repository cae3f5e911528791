import { Query } from '@nestjs/cqrs';
import { SourceDocument } from '../source-read-model';

export class GetSourceQuery extends Query<SourceDocument> {
  constructor(readonly sourceId: string) {
    super();
  }
}
