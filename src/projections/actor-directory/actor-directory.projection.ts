import { IncidentState } from '../../domain/incident/incident-state';
import { toIncidentView } from '../../domain/incident/incident-view';
import { ProjectionContext } from '../engine/projection';
import { actorKeyOf } from '../shared/comparable-keys';
import { IncidentStateProjection } from '../shared/incident-state-projection';
import { replaceIncidentRows } from '../shared/bulk-sql';

/** Who appears in which incident, and every name each actor goes by there. */
export class ActorDirectoryProjection extends IncidentStateProjection {
  readonly name = 'actor-directory';
  readonly version = 3;
  protected readonly ownTables = {
    actor_mentions: {
      columns: `incident_id TEXT NOT NULL, actor_key TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, side TEXT NOT NULL,
        parent TEXT, founded INTEGER, aliases TEXT NOT NULL, last_recorded_at TEXT NOT NULL, PRIMARY KEY (incident_id, actor_key)`,
      indexes: ['actor_key'],
    },
    actor_names: {
      columns: 'incident_id TEXT NOT NULL, actor_key TEXT NOT NULL, name_key TEXT NOT NULL, PRIMARY KEY (incident_id, actor_key, name_key)',
      indexes: ['name_key'],
    },
  };

  protected async write(context: ProjectionContext, states: IncidentState[]): Promise<void> {
    const views = states.map(toIncidentView);
    const incidentIds = views.map((v) => v.incidentId);
    // The latest mention of an actor in an incident says who it is there.
    const mentions = views.flatMap((view) =>
      [...new Map(view.actors.map((actor) => [actorKeyOf(actor.name), actor]))].map(([actorKey, actor]) => ({ view, actorKey, actor })),
    );
    await replaceIncidentRows(
      context.sql, context.table('actor_mentions'), incidentIds,
      ['incident_id', 'actor_key', 'name', 'kind', 'side', 'parent', 'founded', 'aliases', 'last_recorded_at'],
      mentions.map(({ view, actorKey, actor }) => [
        view.incidentId, actorKey, actor.name, actor.kind, actor.side, actor.parent, actor.founded, JSON.stringify(actor.aliases), view.lastRecordedAt,
      ]),
    );
    await replaceIncidentRows(
      context.sql, context.table('actor_names'), incidentIds, ['incident_id', 'actor_key', 'name_key'],
      mentions.flatMap(({ view, actorKey, actor }) =>
        [...new Set([actorKey, ...actor.aliases.map(actorKeyOf)])].map((nameKey) => [view.incidentId, actorKey, nameKey]),
      ),
    );
  }
}
