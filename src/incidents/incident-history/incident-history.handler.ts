import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { NotFound } from '../../application/application-errors';
import { IncidentStreams } from '../application/incident-streams';
import { revisionsOf } from '../application/revisions';
import { IncidentHistory, IncidentHistoryQuery } from './incident-history.query';

@QueryHandler(IncidentHistoryQuery)
export class IncidentHistoryHandler implements IQueryHandler<IncidentHistoryQuery> {
  constructor(private readonly streams: IncidentStreams) {}

  async execute({ incidentId }: IncidentHistoryQuery): Promise<IncidentHistory> {
    const events = await this.streams.events(incidentId);
    if (events.length === 0) throw new NotFound(`incident ${incidentId} does not exist`);
    return { incidentId, revisions: revisionsOf(events) };
  }
}
