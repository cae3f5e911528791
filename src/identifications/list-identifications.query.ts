import { Query } from '@nestjs/cqrs';
import { IdentificationStatus } from '../domain/incident/incident-view';

export interface IdentificationPage {
  items: unknown[];
  nextCursor: string | null;
}

export class ListIdentificationsQuery extends Query<IdentificationPage> {
  constructor(readonly status: IdentificationStatus | null, readonly limit: number, readonly cursor: string | null) {
    super();
  }
}
