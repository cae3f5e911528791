import { IncidentState } from '../../domain/incident/incident-state';
import { toIncidentView } from '../../domain/incident/incident-view';
import { ProjectionContext } from '../engine/projection';
import { actorKeyOf } from '../shared/comparable-keys';
import { IncidentStateProjection } from '../shared/incident-state-projection';
import { replaceIncidentRows } from '../shared/bulk-sql';

/** Who appears in which incident: the directory counts incidents per actor at read time. */
export class ActorDirectoryProjection extends IncidentStateProjection {
  readonly name = 'actor-directory';
  readonly version = 2;
  protected readonly ownTables = {
    actor_mentions: {
      columns: `incident_id TEXT NOT NULL, actor_key TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, side TEXT NOT NULL,
        parent TEXT, founded INTEGER, last_recorded_at TEXT NOT NULL, PRIMARY KEY (incident_id, actor_key)`,
      indexes: ['actor_key'],
    },
  };

  protected async write(context: ProjectionContext, states: IncidentState[]): Promise<void> {
    const views = states.map(toIncidentView);
    await replaceIncidentRows(
      context.sql, context.table('actor_mentions'), views.map((v) => v.incidentId),
      ['incident_id', 'actor_key', 'name', 'kind', 'side', 'parent', 'founded', 'last_recorded_at'],
      views.flatMap((view) =>
        // The latest mention of an actor in an incident says who it is there.
        [...new Map(view.actors.map((actor) => [actorKeyOf(actor.name), actor]))].map(([actorKey, actor]) => [
          view.incidentId, actorKey, actor.name, actor.kind, actor.side, actor.parent ?? null, actor.founded ?? null, view.lastRecordedAt,
        ]),
      ),
    );
  }
}
