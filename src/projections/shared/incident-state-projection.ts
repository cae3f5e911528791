import { evolve } from '../../domain/incident/evolve';
import { INCIDENT_EVENT_TYPES, incidentIdOfStream } from '../../domain/incident/incident-events';
import { IncidentState, initialIncidentState } from '../../domain/incident/incident-state';
import { StoredEvent } from '../../event-store/event-store.port';
import { toRecordedIncidentEvent } from '../../log/incident-log-events';
import { Projection, ProjectionContext, ProjectionTable } from '../engine/projection';
import { insertMany, selectWhereIn } from './bulk-sql';

export interface IncidentChange {
  before: IncidentState;
  after: IncidentState;
  event: StoredEvent;
}

/**
 * A projection derived from incidents' states. It folds each incident's events with the
 * domain's own `evolve`, keeping the states in a table of its own, so it never depends on
 * another projection and corrections and retractions mean exactly what they mean in the domain.
 */
export abstract class IncidentStateProjection<Batch = void> implements Projection {
  abstract readonly name: string;
  abstract readonly version: number;
  readonly handles = INCIDENT_EVENT_TYPES;
  protected abstract readonly ownTables: Record<string, ProjectionTable>;

  get tables(): Record<string, ProjectionTable> {
    return { incident_states: { columns: 'incident_id TEXT PRIMARY KEY, state TEXT NOT NULL' }, ...this.ownTables };
  }

  async apply(context: ProjectionContext, events: readonly StoredEvent[]): Promise<void> {
    const incidentIds = [...new Set(events.map((e) => incidentIdOfStream(e.streamId)))];
    const states = await this.load(context, incidentIds);
    const batch = this.startBatch();
    for (const event of events) {
      const incidentId = incidentIdOfStream(event.streamId);
      const before = states.get(incidentId) ?? initialIncidentState();
      const after = evolve(before, toRecordedIncidentEvent(event));
      this.onEvent(batch, { before, after, event });
      states.set(incidentId, after);
    }
    await insertMany(
      context.sql, context.table('incident_states'), ['incident_id', 'state'],
      [...states].map(([incidentId, state]) => [incidentId, JSON.stringify(state)]),
      'ON CONFLICT (incident_id) DO UPDATE SET state = excluded.state',
    );
    await this.write(context, [...states.values()].filter(isOpen), batch);
  }

  /** What a batch collects event by event, written once at its end (see `write`); nothing by default. */
  protected startBatch(): Batch {
    return undefined as Batch;
  }

  /** Called for every event, with the incident's state before and after it. */
  protected onEvent(_batch: Batch, _change: IncidentChange): void {}

  /** Writes the batch's rows, given the states after the batch of every open incident it touched. */
  protected abstract write(context: ProjectionContext, states: IncidentState[], batch: Batch): Promise<void>;

  private async load(context: ProjectionContext, incidentIds: string[]): Promise<Map<string, IncidentState>> {
    const rows = await selectWhereIn<{ incident_id: string; state: string }>(
      context.sql, 'incident_id, state', context.table('incident_states'), 'incident_id', incidentIds,
    );
    return new Map(rows.map((row) => [row.incident_id, JSON.parse(row.state) as IncidentState]));
  }
}

/** A projection's rows are only meaningful once the incident is open. */
export const isOpen = (state: IncidentState): boolean => state.incidentId !== null;
