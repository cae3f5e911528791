import { Query } from '@nestjs/cqrs';
import { IncidentFilters } from '../application/incident-read-model';

export interface IncidentPage {
  items: unknown[];
  nextCursor: string | null;
}

export class ListIncidentsQuery extends Query<IncidentPage> {
  constructor(readonly filters: IncidentFilters) {
    super();
  }
}
