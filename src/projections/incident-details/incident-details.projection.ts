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
  /** The facts among them that may have actor rows from before the batch. */
  existing: string[];
  /** How many more (or fewer) facts in force cite each source in each incident, by `citationKey`. */
  citations: Map<string, Citation>;
}

/** An incident's count of facts in force that cite one source, as the batch changes it. */
interface Citation {
  incidentId: string;
  sourceId: string;
  delta: number;
  /** Whether a fact stopped citing it in this batch: the count may have fallen to 0, and the row goes. */
  lost: boolean;
}

const citationKey = (incidentId: string, sourceId: string): string => `${sourceId} ${incidentId}`;

/**
 * What `GET /incidents/{id}` and the list show: each incident's facts as records (one row per
 * fact, rewritten only when an event touches it), its header, and the columns the list filters
 * and pages by (when and where, withdrawn or not, the sources its facts cite, its actors' names).
 */
export class IncidentDetailsProjection extends IncidentProjection<Batch> {
  readonly name = 'incident-details';
  /** 5: `incident_sources` counts citations per source and incident instead of keeping a row per fact. */
  readonly version = 5;
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
    // One row per source an incident cites (`?sourceId=`), with how many of its facts in force
    // cite it, kept up to date by adding and subtracting: not a row per fact.
    incident_sources: {
      columns: 'source_id TEXT NOT NULL, incident_id TEXT NOT NULL, facts INTEGER NOT NULL, PRIMARY KEY (source_id, incident_id)',
    },
  };

  protected startBatch(): Batch {
    return { states: new Map(), facts: new Map(), existing: [], citations: new Map() };
  }

  protected onChange(batch: Batch, { incidentId, after, touched }: IncidentChange): void {
    batch.states.set(incidentId, after);
    for (const { eventId, before, after: fact } of touched) {
      if (before && isInForce(before)) cite(batch, incidentId, before.source.sourceId, -1);
      if (fact && isInForce(fact)) cite(batch, incidentId, fact.source.sourceId, +1);
      if (!fact) continue;
      if (before && !batch.facts.has(eventId)) batch.existing.push(eventId);
      batch.facts.set(eventId, { incidentId, fact });
    }
  }

  protected async write(context: ProjectionContext, { states, facts, existing, citations }: Batch): Promise<void> {
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
    // A fact new in the batch has no record yet: a plain insert (a COPY on PostgreSQL), the others replace theirs.
    const rewritten = new Set(existing);
    const added = touched.filter(({ fact }) => !rewritten.has(fact.eventId));
    const changed = touched.filter(({ fact }) => rewritten.has(fact.eventId));
    const factColumns = ['incident_id', 'version', 'record'];
    const factRow = ({ incidentId, fact }: { incidentId: string; fact: FactRecord }): SqlParam[] => [incidentId, fact.version, factRecordRow(fact)];
    await insertMany(context.sql, context.table('incident_facts'), factColumns, added.map(factRow));
    await insertMany(
      context.sql, context.table('incident_facts'), factColumns, changed.map(factRow),
      'ON CONFLICT (incident_id, version) DO UPDATE SET record = excluded.record',
    );
    const inForce = touched.filter(({ fact }) => isInForce(fact));
    await writeCitations(context, [...citations.values()]);
    await deleteWhereIn(context.sql, context.table('incident_actors'), 'event_id', existing);
    await insertMany(
      context.sql, context.table('incident_actors'), ['event_id', 'actor_key', 'incident_id'],
      inForce
        .filter(({ fact }) => fact.type === 'ActorInvolved')
        .flatMap(({ incidentId, fact }) => actorNameKeys(fact.data as ActorInvolvedData).map((key): SqlParam[] => [fact.eventId, key, incidentId])),
    );
  }
}

/** Counts a fact that starts (+1) or stops (-1) citing a source. */
function cite(batch: Batch, incidentId: string, sourceId: string, delta: 1 | -1): void {
  const key = citationKey(incidentId, sourceId);
  const citation = batch.citations.get(key);
  if (citation) {
    citation.delta += delta;
    citation.lost ||= delta < 0;
  } else batch.citations.set(key, { incidentId, sourceId, delta, lost: delta < 0 });
}

/**
 * Adds each count to its row (one row per source and incident: one statement never meets a key
 * twice, as PostgreSQL requires), then drops the rows whose count fell to 0, so a row exists
 * exactly while a fact in force cites the source, however the events were batched.
 */
async function writeCitations({ sql, table }: ProjectionContext, citations: Citation[]): Promise<void> {
  const sources = table('incident_sources');
  await insertMany(
    sql, sources, ['source_id', 'incident_id', 'facts'],
    citations.map(({ sourceId, incidentId, delta }): SqlParam[] => [sourceId, incidentId, delta]),
    `ON CONFLICT (source_id, incident_id) DO UPDATE SET facts = ${sources}.facts + excluded.facts`,
  );
  const lost = citations.filter((c) => c.lost).map(({ sourceId, incidentId }): SqlParam[] => [sourceId, incidentId]);
  if (lost.length > 0) await sql.runEach(`DELETE FROM ${sources} WHERE source_id = ? AND incident_id = ? AND facts = 0`, lost);
}
