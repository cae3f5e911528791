import { IncidentState } from '../../domain/incident/incident-state';
import { toIncidentView } from '../../domain/incident/incident-view';
import { ProjectionContext } from '../engine/projection';
import { IncidentStateProjection } from '../shared/incident-state-projection';
import { replaceIncidentRows } from '../shared/bulk-sql';

/** The queue of identifications, by status, across incidents. */
export class IdentificationsProjection extends IncidentStateProjection {
  readonly name = 'identifications';
  readonly version = 2;
  protected readonly ownTables = {
    identifications: {
      columns: `identification_id TEXT PRIMARY KEY, incident_id TEXT NOT NULL, status TEXT NOT NULL, item TEXT NOT NULL`,
      indexes: ['status, identification_id', 'incident_id'],
    },
  };

  protected async write(context: ProjectionContext, states: IncidentState[]): Promise<void> {
    const views = states.map(toIncidentView);
    await replaceIncidentRows(
      context.sql, context.table('identifications'), views.map((v) => v.incidentId), ['identification_id', 'incident_id', 'status', 'item'],
      views.flatMap((view) =>
        view.identifications.map((identification) => [
          identification.identificationId, view.incidentId, identification.status,
          JSON.stringify({ ...identification, incidentId: view.incidentId, incidentTitle: view.title, occurred: view.occurred, location: view.location }),
        ]),
      ),
    );
  }
}
