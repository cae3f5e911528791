import { ActorInvolvedData } from '../../domain/incident/incident-events';
import { FactRecord, IncidentState, isInForce } from '../../domain/incident/incident-state';
import { SqlParam } from '../../database/sql-runner';
import { IncidentChange } from '../engine/incident-fold';
import { ProjectionContext } from '../engine/projection';
import { insertMany } from '../shared/bulk-sql';
import { actorKeyOf } from '../shared/comparable-keys';
import { IncidentProjection, factsOnSide } from '../shared/incident-projection';

/** For each (incident, actor) the batch touched, the mention rows and name rows it has now. */
type Batch = Map<string, { incidentId: string; actorKey: string; mention: SqlParam[] | null; names: SqlParam[][] }>;

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
      columns: `incident_id TEXT NOT NULL, actor_key TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, side TEXT NOT NULL,
        parent TEXT, founded INTEGER, aliases TEXT NOT NULL, last_recorded_at TEXT NOT NULL, PRIMARY KEY (incident_id, actor_key)`,
      indexes: ['actor_key'],
    },
    actor_names: {
      columns: 'incident_id TEXT NOT NULL, actor_key TEXT NOT NULL, name_key TEXT NOT NULL, PRIMARY KEY (incident_id, actor_key, name_key)',
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
    for (const actorKey of keys) {
      const facts = mentions.get(actorKey) ?? [];
      batch.set(`${incidentId}\u0000${actorKey}`, { incidentId, actorKey, ...rowsOf(incidentId, actorKey, facts) });
    }
  }

  protected async write(context: ProjectionContext, batch: Batch): Promise<void> {
    const mentions = context.table('actor_mentions');
    const names = context.table('actor_names');
    for (const { incidentId, actorKey } of batch.values()) {
      await context.sql.run(`DELETE FROM ${mentions} WHERE incident_id = ? AND actor_key = ?`, [incidentId, actorKey]);
      await context.sql.run(`DELETE FROM ${names} WHERE incident_id = ? AND actor_key = ?`, [incidentId, actorKey]);
    }
    const entries = [...batch.values()];
    await insertMany(
      context.sql, mentions, ['incident_id', 'actor_key', 'name', 'kind', 'side', 'parent', 'founded', 'aliases', 'last_recorded_at'],
      entries.flatMap((e) => (e.mention ? [e.mention] : [])),
    );
    await insertMany(context.sql, names, ['incident_id', 'actor_key', 'name_key'], entries.flatMap((e) => e.names));
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
  return {
    mention: [incidentId, actorKey, actor.name, actor.kind, actor.side, actor.parent ?? null, actor.founded ?? null, JSON.stringify(aliases), latest.recordedAt],
    names: [...nameKeys].map((nameKey) => [incidentId, actorKey, nameKey]),
  };
}
