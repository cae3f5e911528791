import { IncidentState } from '../../domain/incident/incident-state';
import { IncidentView, toIncidentView } from '../../domain/incident/incident-view';
import { ProjectionContext } from '../engine/projection';
import { IncidentStateProjection } from '../shared/incident-state-projection';
import { actorKeyOf, sortableTime } from '../shared/comparable-keys';
import { insertMany, replaceIncidentRows } from '../shared/bulk-sql';


/**
 * Each incident's state (what `GET /incidents/{id}` shows) and the columns the incident list
 * filters and pages by.
 */
export class IncidentDetailsProjection extends IncidentStateProjection {
  readonly name = 'incident-details';
  readonly version = 1;
  protected readonly ownTables = {
    incidents: {
      columns: `incident_id TEXT PRIMARY KEY, title TEXT NOT NULL, country TEXT NOT NULL, operation TEXT,
        occurred_start TEXT NOT NULL, occurred_end TEXT NOT NULL, version INTEGER NOT NULL, summary TEXT NOT NULL`,
      indexes: ['occurred_start, incident_id', 'country, occurred_start'],
    },
    incident_actors: {
      columns: 'incident_id TEXT NOT NULL, actor_key TEXT NOT NULL, PRIMARY KEY (incident_id, actor_key)',
      indexes: ['actor_key'],
    },
  };

  protected async write(context: ProjectionContext, states: IncidentState[]): Promise<void> {
    const views = states.map(toIncidentView);
    await insertMany(
      context.sql, context.table('incidents'),
      ['incident_id', 'title', 'country', 'operation', 'occurred_start', 'occurred_end', 'version', 'summary'],
      views.map((view) => [
        view.incidentId, view.title, view.location.country, view.operation, sortableTime(view.occurred.start), sortableTime(view.occurred.end),
        view.version, JSON.stringify(summaryOf(view)),
      ]),
      `ON CONFLICT (incident_id) DO UPDATE SET title = excluded.title, country = excluded.country, operation = excluded.operation,
         occurred_start = excluded.occurred_start, occurred_end = excluded.occurred_end, version = excluded.version, summary = excluded.summary`,
    );
    await replaceIncidentRows(
      context.sql, context.table('incident_actors'), views.map((v) => v.incidentId), ['incident_id', 'actor_key'],
      views.flatMap((view) => [...new Set(view.actors.map((a) => actorKeyOf(a.name)))].map((actorKey) => [view.incidentId, actorKey])),
    );
  }
}

/** What the incident list shows of each incident. */
const summaryOf = (view: IncidentView) => ({
  incidentId: view.incidentId, title: view.title, occurred: view.occurred, location: view.location,
  operation: view.operation, version: view.version, lastRecordedAt: view.lastRecordedAt,
});
