import { Query } from '@nestjs/cqrs';
import { SourceSummary } from '../source-read-model';

export interface SourcePage {
  items: SourceSummary[];
  nextCursor: string | null;
}

export class ListSourcesQuery extends Query<SourcePage> {
  constructor(readonly limit: number, readonly cursor: string | null) {
    super();
  }
}
