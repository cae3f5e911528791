import { Query } from '@nestjs/cqrs';
import { IncidentView } from '../../domain/incident/incident-view';
import { LogMoment } from '../application/incident-at';

export class GetIncidentQuery extends Query<IncidentView> {
  constructor(readonly incidentId: string, readonly moment: LogMoment | null) {
    super();
  }
}
