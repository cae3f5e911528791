import { evolve } from '../../domain/incident/evolve';
import { INCIDENT_EVENT_TYPES } from '../../domain/incident/incident-events';
import { IncidentState, initialIncidentState } from '../../domain/incident/incident-state';
import { StoredEvent } from '../../event-store/event-store.port';
import { incidentIdOfStream, toRecordedIncidentEvent } from '../../log/incident-log-events';
import { Projection, ProjectionContext, ProjectionTable } from '../engine/projection';

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
export abstract class IncidentStateProjection implements Projection {
  abstract readonly name: string;
  abstract readonly version: number;
  readonly handles = INCIDENT_EVENT_TYPES;
  protected abstract readonly ownTables: Record<string, ProjectionTable>;

  get tables(): Record<string, ProjectionTable> {
    return { incident_states: { columns: 'incident_id TEXT PRIMARY KEY, state TEXT NOT NULL' }, ...this.ownTables };
  }

  async apply(context: ProjectionContext, events: readonly StoredEvent[]): Promise<void> {
    const states = new Map<string, IncidentState>();
    for (const event of events) {
      const incidentId = incidentIdOfStream(event.streamId);
      const before = states.get(incidentId) ?? (await this.load(context, incidentId));
      const after = evolve(before, toRecordedIncidentEvent(event));
      await this.onEvent(context, { before, after, event });
      states.set(incidentId, after);
    }
    for (const [incidentId, state] of states) {
      await context.sql.run(
        `INSERT INTO ${context.table('incident_states')} (incident_id, state) VALUES (?, ?)
         ON CONFLICT (incident_id) DO UPDATE SET state = excluded.state`,
        [incidentId, JSON.stringify(state)],
      );
      await this.onIncidentChanged(context, state);
    }
  }

  /** Called for every event, with the incident's state before and after it. */
  protected async onEvent(_context: ProjectionContext, _change: IncidentChange): Promise<void> {}

  /** Called once per batch for every incident the batch changed, with its state after the batch. */
  protected async onIncidentChanged(_context: ProjectionContext, _state: IncidentState): Promise<void> {}

  private async load(context: ProjectionContext, incidentId: string): Promise<IncidentState> {
    const row = await context.sql.get<{ state: string }>(`SELECT state FROM ${context.table('incident_states')} WHERE incident_id = ?`, [incidentId]);
    return row ? (JSON.parse(row.state) as IncidentState) : initialIncidentState();
  }
}

/** A projection's rows are only meaningful once the incident is open. */
export const isOpen = (state: IncidentState): boolean => state.incidentId !== null;
