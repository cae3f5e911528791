import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { NotFound } from '../../application/application-errors';
import { IncidentView, toIncidentView } from '../../domain/incident/incident-view';
import { IncidentStreams } from '../application/incident-streams';
import { IncidentReadModel } from '../application/incident-read-model';
import { incidentAt } from '../application/incident-at';
import { GetIncidentQuery } from './get-incident.query';

/**
 * The current state comes from the read model; a past one is folded from the stream. Links
 * other incidents record to this one are added, as they stood at the same moment.
 */
@QueryHandler(GetIncidentQuery)
export class GetIncidentHandler implements IQueryHandler<GetIncidentQuery> {
  constructor(private readonly readModel: IncidentReadModel, private readonly streams: IncidentStreams) {}

  async execute({ incidentId, moment }: GetIncidentQuery): Promise<IncidentView> {
    if (moment === null) {
      const state = await this.readModel.state(incidentId);
      if (!state) throw new NotFound(`incident ${incidentId} does not exist`);
      return this.withInboundLinks(toIncidentView(state), null);
    }
    const events = await this.streams.events(incidentId);
    if (events.length === 0) throw new NotFound(`incident ${incidentId} does not exist`);
    if ('atVersion' in moment && moment.atVersion > events.length) {
      throw new NotFound(`incident ${incidentId} has no version ${moment.atVersion}: it is at version ${events.length}`);
    }
    const known = incidentAt(events, moment);
    if (!known) throw new NotFound(`incident ${incidentId} did not exist yet at ${'asOf' in moment ? moment.asOf : `version ${moment.atVersion}`}`);
    return this.withInboundLinks(known.view, known.recordTime);
  }

  private async withInboundLinks(view: IncidentView, asOf: string | null): Promise<IncidentView> {
    return { ...view, links: [...view.links, ...(await this.readModel.inboundLinks(view.incidentId, asOf))] };
  }
}
