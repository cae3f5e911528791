import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { NotFound } from '../../application/application-errors';
import { IncidentView, toIncidentView } from '../../domain/incident/incident-view';
import { IncidentStreams } from '../application/incident-streams';
import { IncidentReadModel } from '../application/incident-read-model';
import { incidentAt } from '../application/incident-at';
import { GetIncidentQuery } from './get-incident.query';

/** The current state comes from the read model; a past one is folded from the stream. */
@QueryHandler(GetIncidentQuery)
export class GetIncidentHandler implements IQueryHandler<GetIncidentQuery> {
  constructor(private readonly readModel: IncidentReadModel, private readonly streams: IncidentStreams) {}

  async execute({ incidentId, moment }: GetIncidentQuery): Promise<IncidentView> {
    if (moment === null) {
      const state = await this.readModel.state(incidentId);
      if (!state) throw new NotFound(`incident ${incidentId} does not exist`);
      return toIncidentView(state);
    }
    const { events } = await this.streams.load(incidentId);
    if (events.length === 0) throw new NotFound(`incident ${incidentId} does not exist`);
    const view = incidentAt(events, moment);
    if (!view) throw new NotFound(`incident ${incidentId} did not exist yet at ${'asOf' in moment ? moment.asOf : `version ${moment.atVersion}`}`);
    return view;
  }
}
