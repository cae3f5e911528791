import { IncidentState } from '../../domain/incident/incident-state';
import { IncidentView, isWithdrawn, toIncidentView } from '../../domain/incident/incident-view';
import { ProjectionContext } from '../engine/projection';
import { IncidentStateProjection } from '../shared/incident-state-projection';
import { actorKeyOf, sortableTime } from '../shared/comparable-keys';
import { insertMany, replaceIncidentRows } from '../shared/bulk-sql';

/** Every name an incident's actors go by, so `?actor=` finds an actor by an alias too. */
export const actorNameKeys = (view: IncidentView): string[] =>
  [...new Set(view.actors.flatMap((actor) => [actor.name, ...actor.aliases].map(actorKeyOf)))];

/**
 * Each incident's state (what `GET /incidents/{id}` shows) and the columns the incident list
 * filters and pages by: when and where, withdrawn or not, the sources it cites, its actors' names.
 */
export class IncidentDetailsProjection extends IncidentStateProjection {
  readonly name = 'incident-details';
  readonly version = 2;
  protected readonly ownTables = {
    incidents: {
      columns: `incident_id TEXT PRIMARY KEY, title TEXT NOT NULL, country TEXT NOT NULL, operation TEXT,
        occurred_start TEXT NOT NULL, occurred_end TEXT NOT NULL, version INTEGER NOT NULL, withdrawn INTEGER NOT NULL, summary TEXT NOT NULL`,
      indexes: ['occurred_start, incident_id', 'country, occurred_start'],
    },
    incident_actors: {
      columns: 'incident_id TEXT NOT NULL, actor_key TEXT NOT NULL, PRIMARY KEY (incident_id, actor_key)',
      indexes: ['actor_key'],
    },
    incident_sources: {
      columns: 'incident_id TEXT NOT NULL, source_id TEXT NOT NULL, PRIMARY KEY (incident_id, source_id)',
      indexes: ['source_id'],
    },
  };

  protected async write(context: ProjectionContext, states: IncidentState[]): Promise<void> {
    const views = states.map(toIncidentView);
    const incidentIds = views.map((v) => v.incidentId);
    await insertMany(
      context.sql, context.table('incidents'),
      ['incident_id', 'title', 'country', 'operation', 'occurred_start', 'occurred_end', 'version', 'withdrawn', 'summary'],
      views.map((view) => [
        view.incidentId, view.title, view.location.country, view.operation, sortableTime(view.occurred.start), sortableTime(view.occurred.end),
        view.version, isWithdrawn(view) ? 1 : 0, JSON.stringify(summaryOf(view)),
      ]),
      `ON CONFLICT (incident_id) DO UPDATE SET title = excluded.title, country = excluded.country, operation = excluded.operation,
         occurred_start = excluded.occurred_start, occurred_end = excluded.occurred_end, version = excluded.version,
         withdrawn = excluded.withdrawn, summary = excluded.summary`,
    );
    await replaceIncidentRows(
      context.sql, context.table('incident_actors'), incidentIds, ['incident_id', 'actor_key'],
      views.flatMap((view) => actorNameKeys(view).map((actorKey) => [view.incidentId, actorKey])),
    );
    await replaceIncidentRows(
      context.sql, context.table('incident_sources'), incidentIds, ['incident_id', 'source_id'],
      views.flatMap((view) => view.sources.map((sourceId) => [view.incidentId, sourceId])),
    );
  }
}

/** What the incident list shows of each incident. */
const summaryOf = (view: IncidentView) => ({
  incidentId: view.incidentId, title: view.title, occurred: view.occurred, location: view.location,
  operation: view.operation, version: view.version, lastRecordedAt: view.lastRecordedAt, withdrawn: isWithdrawn(view),
});
