import { IncidentState } from '../../domain/incident/incident-state';
import { toIncidentView } from '../../domain/incident/incident-view';
import { ProjectionContext } from '../engine/projection';
import { IncidentStateProjection, isOpen } from '../shared/incident-state-projection';

/** Time as a sortable, comparable text: ISO 8601 in UTC with milliseconds. */
export const sortableTime = (time: string): string => new Date(time).toISOString();

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

  protected override async onIncidentChanged(context: ProjectionContext, state: IncidentState): Promise<void> {
    if (!isOpen(state)) return;
    const view = toIncidentView(state);
    const summary = {
      incidentId: view.incidentId, title: view.title, occurred: view.occurred, location: view.location,
      operation: view.operation, version: view.version, lastRecordedAt: view.lastRecordedAt,
    };
    await context.sql.run(
      `INSERT INTO ${context.table('incidents')} (incident_id, title, country, operation, occurred_start, occurred_end, version, summary)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (incident_id) DO UPDATE SET title = excluded.title, country = excluded.country, operation = excluded.operation,
         occurred_start = excluded.occurred_start, occurred_end = excluded.occurred_end, version = excluded.version, summary = excluded.summary`,
      [view.incidentId, view.title, view.location.country, view.operation, sortableTime(view.occurred.start), sortableTime(view.occurred.end),
        view.version, JSON.stringify(summary)],
    );
    await context.sql.run(`DELETE FROM ${context.table('incident_actors')} WHERE incident_id = ?`, [view.incidentId]);
    for (const actorKey of new Set(view.actors.map((a) => actorKeyOf(a.name)))) {
      await context.sql.run(`INSERT INTO ${context.table('incident_actors')} (incident_id, actor_key) VALUES (?, ?)`, [view.incidentId, actorKey]);
    }
  }
}

/** Actors are found by name whatever the case and spacing the user types. */
export const actorKeyOf = (name: string): string => name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
