import { Query } from '@nestjs/cqrs';
import { Revision } from '../application/revisions';

export interface IncidentHistory {
  incidentId: string;
  revisions: Revision[];
}

export class IncidentHistoryQuery extends Query<IncidentHistory> {
  constructor(readonly incidentId: string) {
    super();
  }
}
