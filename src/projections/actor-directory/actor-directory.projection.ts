import { ActorInvolvedData } from '../../domain/incident/incident-events';
import { FactRecord, isInForce } from '../../domain/incident/incident-state';
import { SqlParam } from '../../database/sql-runner';
import { IncidentChange } from '../engine/incident-fold';
import { ProjectionContext } from '../engine/projection';
import { deleteWhereIn, insertMany } from '../shared/bulk-sql';
import { actorKeyOf } from '../shared/comparable-keys';
import { IncidentProjection, factsOnSide, isNewFact } from '../shared/incident-projection';

/** Each actor fact the batch touched: its mention row and name rows now (none once retracted or withdrawn). */
interface Batch {
  rows: Map<string, { mention: SqlParam[] | null; names: SqlParam[][] }>;
  /** The actor facts that may have rows from before the batch. */
  existing: string[];
}

/**
 * Who appears in which incident, under every name: one row per actor fact in force of an
 * incident that is not withdrawn (a withdrawn duplicate would count twice), and one per name it
 * gives. The directory groups them by actor at read time: details from the latest, aliases from all.
 */
export class ActorDirectoryProjection extends IncidentProjection<Batch> {
  readonly name = 'actor-directory';
  readonly version = 4;
  readonly tables = {
    actor_mentions: {
      columns: `event_id TEXT PRIMARY KEY, incident_id TEXT NOT NULL, actor_key TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL,
        side TEXT NOT NULL, parent TEXT, founded INTEGER, aliases TEXT NOT NULL, recorded_at TEXT NOT NULL, version INTEGER NOT NULL`,
      indexes: ['actor_key'],
    },
    actor_names: {
      columns: 'event_id TEXT NOT NULL, actor_key TEXT NOT NULL, name_key TEXT NOT NULL, PRIMARY KEY (event_id, name_key)',
      indexes: ['name_key'],
    },
  };

  protected startBatch(): Batch {
    return { rows: new Map(), existing: [] };
  }

  protected onChange(batch: Batch, change: IncidentChange): void {
    const withdrawn = change.after.withdrawnBy !== null;
    for (const fact of factsOnSide(change, 'after')) {
      if (fact.type !== 'ActorInvolved') continue;
      if (!batch.rows.has(fact.eventId) && !isNewFact(change, fact.eventId)) batch.existing.push(fact.eventId);
      batch.rows.set(fact.eventId, isInForce(fact) && !withdrawn ? rowsOf(change, fact) : { mention: null, names: [] });
    }
  }

  protected async write(context: ProjectionContext, batch: Batch): Promise<void> {
    const mentions = context.table('actor_mentions');
    const names = context.table('actor_names');
    await deleteWhereIn(context.sql, mentions, 'event_id', batch.existing);
    await deleteWhereIn(context.sql, names, 'event_id', batch.existing);
    const entries = [...batch.rows.values()];
    await insertMany(
      context.sql, mentions, ['event_id', 'incident_id', 'actor_key', 'name', 'kind', 'side', 'parent', 'founded', 'aliases', 'recorded_at', 'version'],
      entries.flatMap((e) => (e.mention ? [e.mention] : [])),
    );
    await insertMany(context.sql, names, ['event_id', 'actor_key', 'name_key'], entries.flatMap((e) => e.names));
  }
}

/** A mention is ordered by when its fact was recorded (the latest says who the actor is); corrections change its details, not its place. */
function rowsOf(change: IncidentChange, fact: FactRecord): { mention: SqlParam[]; names: SqlParam[][] } {
  const actor = fact.data as ActorInvolvedData;
  const actorKey = actorKeyOf(actor.name);
  const aliases = [...new Set(actor.aliases ?? [])];
  return {
    mention: [fact.eventId, change.incidentId, actorKey, actor.name, actor.kind, actor.side, actor.parent ?? null, actor.founded ?? null,
      JSON.stringify(aliases), fact.recordedAt, fact.version],
    names: [...new Set([actorKey, ...aliases.map(actorKeyOf)])].map((nameKey) => [fact.eventId, actorKey, nameKey]),
  };
}
