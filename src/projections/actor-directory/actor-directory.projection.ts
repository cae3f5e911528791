import { IncidentState } from '../../domain/incident/incident-state';
import { toIncidentView } from '../../domain/incident/incident-view';
import { ProjectionContext } from '../engine/projection';
import { actorKeyOf } from '../incident-details/incident-details.projection';
import { IncidentStateProjection, isOpen } from '../shared/incident-state-projection';

/** Who appears in which incident: the directory counts incidents per actor at read time. */
export class ActorDirectoryProjection extends IncidentStateProjection {
  readonly name = 'actor-directory';
  readonly version = 1;
  protected readonly ownTables = {
    actor_mentions: {
      columns: `incident_id TEXT NOT NULL, actor_key TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, side TEXT NOT NULL,
        parent TEXT, founded INTEGER, position BIGINT NOT NULL, PRIMARY KEY (incident_id, actor_key)`,
      indexes: ['actor_key'],
    },
  };

  protected override async onIncidentChanged(context: ProjectionContext, state: IncidentState): Promise<void> {
    if (!isOpen(state)) return;
    const view = toIncidentView(state);
    await context.sql.run(`DELETE FROM ${context.table('actor_mentions')} WHERE incident_id = ?`, [view.incidentId]);
    const latestByKey = new Map(view.actors.map((actor) => [actorKeyOf(actor.name), actor]));
    for (const [actorKey, actor] of latestByKey) {
      await context.sql.run(
        `INSERT INTO ${context.table('actor_mentions')} (incident_id, actor_key, name, kind, side, parent, founded, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [view.incidentId, actorKey, actor.name, actor.kind, actor.side, actor.parent ?? null, actor.founded ?? null, view.version],
      );
    }
  }
}
