import { IncidentState } from '../../domain/incident/incident-state';
import { toIncidentView } from '../../domain/incident/incident-view';
import { ProjectionContext } from '../engine/projection';
import { IncidentStateProjection, isOpen } from '../shared/incident-state-projection';

/** The queue of identifications, by status, across incidents. */
export class IdentificationsProjection extends IncidentStateProjection {
  readonly name = 'identifications';
  readonly version = 1;
  protected readonly ownTables = {
    identifications: {
      columns: `identification_id TEXT PRIMARY KEY, incident_id TEXT NOT NULL, status TEXT NOT NULL, item TEXT NOT NULL`,
      indexes: ['status, identification_id', 'incident_id'],
    },
  };

  protected override async onIncidentChanged(context: ProjectionContext, state: IncidentState): Promise<void> {
    if (!isOpen(state)) return;
    const view = toIncidentView(state);
    await context.sql.run(`DELETE FROM ${context.table('identifications')} WHERE incident_id = ?`, [view.incidentId]);
    for (const identification of view.identifications) {
      const item = { ...identification, incidentId: view.incidentId, incidentTitle: view.title, occurred: view.occurred, location: view.location };
      await context.sql.run(
        `INSERT INTO ${context.table('identifications')} (identification_id, incident_id, status, item) VALUES (?, ?, ?, ?)`,
        [identification.identificationId, view.incidentId, identification.status, JSON.stringify(item)],
      );
    }
  }
}
