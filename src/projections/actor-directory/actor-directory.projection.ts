import { ActorInvolvedData } from '../../domain/incident/incident-events';
import { FactRecord, IncidentState, isInForce } from '../../domain/incident/incident-state';
import { SqlParam } from '../../database/sql-runner';
import { IncidentChange } from '../engine/incident-fold';
import { ProjectionContext } from '../engine/projection';
import { deleteWhereIn, insertMany } from '../shared/bulk-sql';
import { actorKeyOf } from '../shared/comparable-keys';
import { IncidentProjection, factsOnSide } from '../shared/incident-projection';

/** For each mention (an actor in an incident) the batch touched, its row and name rows now; keyed by mention id. */
type Batch = Map<string, { mention: SqlParam[] | null; names: SqlParam[][] }>;

/** One actor in one incident (names are compared by key). */
const mentionIdOf = (incidentId: string, actorKey: string) => `${incidentId}/${actorKey}`;

const actorsIn = (facts: FactRecord[]) => facts.filter((f) => f.type === 'ActorInvolved');
const keyOf = (fact: FactRecord) => actorKeyOf((fact.data as ActorInvolvedData).name);

/**
 * Who appears in which incident, under every name: one mention per actor and incident, its
 * details from the latest fact naming it there, its aliases from all of them. A withdrawn
 * incident's actors leave the directory, and come back with it.
 */
export class ActorDirectoryProjection extends IncidentProjection<Batch> {
  readonly name = 'actor-directory';
  readonly version = 4;
  readonly tables = {
    actor_mentions: {
      columns: `mention_id TEXT PRIMARY KEY, incident_id TEXT NOT NULL, actor_key TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL,
        side TEXT NOT NULL, parent TEXT, founded INTEGER, aliases TEXT NOT NULL, last_recorded_at TEXT NOT NULL`,
      indexes: ['actor_key'],
    },
    actor_names: {
      columns: 'mention_id TEXT NOT NULL, actor_key TEXT NOT NULL, name_key TEXT NOT NULL, PRIMARY KEY (mention_id, name_key)',
      indexes: ['name_key'],
    },
  };

  protected startBatch(): Batch {
    return new Map();
  }

  protected onChange(batch: Batch, change: IncidentChange): void {
    const keys = new Set([...actorsIn(factsOnSide(change, 'before')), ...actorsIn(factsOnSide(change, 'after'))].map(keyOf));
    if (keys.size === 0) return;
    const { after: state, incidentId } = change;
    const mentions = mentionsIn(state, keys);
    for (const actorKey of keys) batch.set(mentionIdOf(incidentId, actorKey), rowsOf(incidentId, actorKey, mentions.get(actorKey) ?? []));
  }

  protected async write(context: ProjectionContext, batch: Batch): Promise<void> {
    const mentions = context.table('actor_mentions');
    const names = context.table('actor_names');
    await deleteWhereIn(context.sql, mentions, 'mention_id', [...batch.keys()]);
    await deleteWhereIn(context.sql, names, 'mention_id', [...batch.keys()]);
    const entries = [...batch.values()];
    await insertMany(
      context.sql, mentions, ['mention_id', 'incident_id', 'actor_key', 'name', 'kind', 'side', 'parent', 'founded', 'aliases', 'last_recorded_at'],
      entries.flatMap((e) => (e.mention ? [e.mention] : [])),
    );
    await insertMany(context.sql, names, ['mention_id', 'actor_key', 'name_key'], entries.flatMap((e) => e.names));
  }
}

/** The actor facts in force of a (not withdrawn) incident, for the keys asked, in the order recorded. */
function mentionsIn(state: IncidentState, keys: Set<string>): Map<string, FactRecord[]> {
  const mentions = new Map<string, FactRecord[]>();
  if (state.withdrawnBy !== null) return mentions;
  for (const fact of state.facts) {
    if (fact.type !== 'ActorInvolved' || !isInForce(fact)) continue;
    const key = keyOf(fact);
    if (keys.has(key)) mentions.set(key, [...(mentions.get(key) ?? []), fact]);
  }
  return mentions;
}

function rowsOf(incidentId: string, actorKey: string, facts: FactRecord[]): { mention: SqlParam[] | null; names: SqlParam[][] } {
  const latest = facts.at(-1);
  if (!latest) return { mention: null, names: [] };
  const actor = latest.data as ActorInvolvedData;
  const aliases = [...new Set(facts.flatMap((f) => (f.data as ActorInvolvedData).aliases ?? []))].sort();
  const nameKeys = new Set([actorKey, ...aliases.map(actorKeyOf)]);
  const mentionId = mentionIdOf(incidentId, actorKey);
  return {
    mention: [mentionId, incidentId, actorKey, actor.name, actor.kind, actor.side, actor.parent ?? null, actor.founded ?? null, JSON.stringify(aliases), latest.recordedAt],
    names: [...nameKeys].map((nameKey) => [mentionId, actorKey, nameKey]),
  };
}
