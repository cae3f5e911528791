import { ActorInvolvedData } from '../../domain/incident/incident-events';
import { FactRecord, IncidentState, isInForce } from '../../domain/incident/incident-state';
import { incidentHeadline } from '../../domain/incident/incident-view';
import { SqlParam } from '../../database/sql-runner';
import { IncidentChange } from '../engine/incident-fold';
import { ProjectionContext } from '../engine/projection';
import { deleteWhereIn, insertMany } from '../shared/bulk-sql';
import { actorKeyOf, sortableTime } from '../shared/comparable-keys';
import { IncidentProjection } from '../shared/incident-projection';
import { factRecordRow } from './fact-record-row';

/** The names an actor fact gives (its name and aliases), as `?actor=` compares them. */
const actorNameKeys = (data: ActorInvolvedData): string[] => [...new Set([data.name, ...(data.aliases ?? [])].map(actorKeyOf))];

/** What the state keeps beside its facts, stored once per incident. */
type Header = Omit<IncidentState, 'facts'>;

interface Batch {
  /** The state after the batch of each incident it touched. */
  states: Map<string, IncidentState>;
  /** The facts it added or changed, by event id. */
  facts: Map<string, { incidentId: string; fact: FactRecord }>;
  /** The facts among them that may have source and actor rows from before the batch. */
  existing: string[];
}

/**
 * What `GET /incidents/{id}` and the list show: each incident's facts as records (one row per
 * fact, rewritten only when an event touches it), its header, and the columns the list filters
 * and pages by (when and where, withdrawn or not, the sources its facts cite, its actors' names).
 */
export class IncidentDetailsProjection extends IncidentProjection<Batch> {
  readonly name = 'incident-details';
  /** 4: fact records kept compact (`factRecordRow`), without an event_id column. */
  readonly version = 4;
  readonly tables = {
    incidents: {
      columns: `incident_id TEXT PRIMARY KEY, title TEXT NOT NULL, country TEXT NOT NULL, operation TEXT,
        occurred_start TEXT NOT NULL, occurred_end TEXT NOT NULL, version INTEGER NOT NULL, withdrawn INTEGER NOT NULL,
        summary TEXT NOT NULL, header TEXT NOT NULL`,
      indexes: ['occurred_start, incident_id', 'country, occurred_start'],
    },
    incident_facts: {
      columns: 'incident_id TEXT NOT NULL, version INTEGER NOT NULL, record TEXT NOT NULL, PRIMARY KEY (incident_id, version)',
    },
    incident_actors: {
      columns: 'event_id TEXT NOT NULL, actor_key TEXT NOT NULL, incident_id TEXT NOT NULL, PRIMARY KEY (event_id, actor_key)',
      indexes: ['actor_key, incident_id'],
    },
    incident_sources: {
      columns: 'event_id TEXT PRIMARY KEY, source_id TEXT NOT NULL, incident_id TEXT NOT NULL',
      indexes: ['source_id, incident_id'],
    },
  };

  protected startBatch(): Batch {
    return { states: new Map(), facts: new Map(), existing: [] };
  }

  protected onChange(batch: Batch, { incidentId, after, touched }: IncidentChange): void {
    batch.states.set(incidentId, after);
    for (const { eventId, before, after: fact } of touched) {
      if (!fact) continue;
      if (before && !batch.facts.has(eventId)) batch.existing.push(eventId);
      batch.facts.set(eventId, { incidentId, fact });
    }
  }

  protected async write(context: ProjectionContext, { states, facts, existing }: Batch): Promise<void> {
    const open = [...states.values()].filter((state) => state.incidentId !== null);
    await insertMany(
      context.sql, context.table('incidents'),
      ['incident_id', 'title', 'country', 'operation', 'occurred_start', 'occurred_end', 'version', 'withdrawn', 'summary', 'header'],
      open.map((state) => {
        const summary = incidentHeadline(state);
        const { facts: _facts, ...header }: IncidentState = state;
        return [
          summary.incidentId, summary.title, summary.location.country, summary.operation, sortableTime(summary.occurred.start),
          sortableTime(summary.occurred.end), summary.version, summary.withdrawn ? 1 : 0, JSON.stringify(summary), JSON.stringify(header satisfies Header),
        ];
      }),
      `ON CONFLICT (incident_id) DO UPDATE SET title = excluded.title, country = excluded.country, operation = excluded.operation,
         occurred_start = excluded.occurred_start, occurred_end = excluded.occurred_end, version = excluded.version,
         withdrawn = excluded.withdrawn, summary = excluded.summary, header = excluded.header`,
    );
    const touched = [...facts.values()];
    await insertMany(
      context.sql, context.table('incident_facts'), ['incident_id', 'version', 'record'],
      touched.map(({ incidentId, fact }) => [incidentId, fact.version, factRecordRow(fact)]),
      'ON CONFLICT (incident_id, version) DO UPDATE SET record = excluded.record',
    );
    const inForce = touched.filter(({ fact }) => isInForce(fact));
    await deleteWhereIn(context.sql, context.table('incident_sources'), 'event_id', existing);
    await insertMany(
      context.sql, context.table('incident_sources'), ['event_id', 'source_id', 'incident_id'],
      inForce.map(({ incidentId, fact }): SqlParam[] => [fact.eventId, fact.source.sourceId, incidentId]),
    );
    await deleteWhereIn(context.sql, context.table('incident_actors'), 'event_id', existing);
    await insertMany(
      context.sql, context.table('incident_actors'), ['event_id', 'actor_key', 'incident_id'],
      inForce
        .filter(({ fact }) => fact.type === 'ActorInvolved')
        .flatMap(({ incidentId, fact }) => actorNameKeys(fact.data as ActorInvolvedData).map((key): SqlParam[] => [fact.eventId, key, incidentId])),
    );
  }
}
