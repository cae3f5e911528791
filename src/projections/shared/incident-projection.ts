import { INCIDENT_EVENT_TYPES } from '../../domain/incident/incident-events';
import { FactRecord, IncidentState } from '../../domain/incident/incident-state';
import { StoredEvent } from '../../event-store/event-store.port';
import { IncidentChange } from '../engine/incident-fold';
import { Projection, ProjectionContext, ProjectionTable } from '../engine/projection';

/**
 * A projection derived from incidents. The engine folds each event once for every projection
 * (with the domain's own `evolve`, so corrections and retractions mean what they mean in the
 * domain); a projection updates only the rows of the facts the event touched, so its cost per
 * event does not grow with the incident's history.
 */
export abstract class IncidentProjection<Batch> implements Projection {
  abstract readonly name: string;
  abstract readonly version: number;
  abstract readonly tables: Readonly<Record<string, ProjectionTable>>;
  readonly handles = INCIDENT_EVENT_TYPES;

  async apply(context: ProjectionContext, events: readonly StoredEvent[], changes: ReadonlyMap<string, IncidentChange>): Promise<void> {
    const batch = this.startBatch();
    for (const event of events) this.onChange(batch, changes.get(event.eventId)!);
    await this.write(context, batch);
  }

  /** What a batch collects event by event, written once at its end. */
  protected abstract startBatch(): Batch;
  protected abstract onChange(batch: Batch, change: IncidentChange): void;
  protected abstract write(context: ProjectionContext, batch: Batch): Promise<void>;
}

/**
 * The facts whose rows an event may have changed, on one side of it: all of them when it changed
 * what every fact reads with (the opening, a withdrawal), else only those it touched.
 */
export function factsOnSide(change: IncidentChange, side: 'before' | 'after'): FactRecord[] {
  if (change.effect.wholeIncident) return change[side].facts;
  const facts: FactRecord[] = [];
  for (const touched of change.touched) {
    const fact = touched[side];
    if (fact) facts.push(fact);
  }
  return facts;
}

/**
 * Whether the fact did not exist before the change (the event records it): it has no rows yet,
 * so there are none to delete. Most events of a replay are such, and a delete is a statement.
 */
export function isNewFact(change: IncidentChange, eventId: string): boolean {
  for (const touched of change.touched) if (touched.eventId === eventId) return touched.before === undefined;
  return false;
}

/** A read model's rows are only meaningful once the incident is open. */
export const isOpen = (state: IncidentState): boolean => state.incidentId !== null;
