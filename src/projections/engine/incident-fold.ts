import { evolve } from '../../domain/incident/evolve';
import { EventEffect, effectOf } from '../../domain/incident/event-effects';
import { fold } from '../../domain/incident/fold';
import { INCIDENT_STREAM_PREFIX } from '../../domain/incident/incident-events';
import { FactRecord, IncidentState, findFact, initialIncidentState } from '../../domain/incident/incident-state';
import { EventStore, StoredEvent } from '../../event-store/event-store.port';
import { toRecordedIncidentEvent } from '../../log/incident-log-events';
import { IncidentStateCache } from '../../log/incident-state-cache';

/** A fact the event added or changed, as it was before (if it existed) and as it is after. */
export interface TouchedFact {
  eventId: string;
  before: FactRecord | undefined;
  after: FactRecord | undefined;
}

/** One incident event with the incident's state before and after it, and what it changed. */
export interface IncidentChange {
  event: StoredEvent;
  incidentId: string;
  before: IncidentState;
  after: IncidentState;
  effect: EventEffect;
  /** The facts of `effect.facts`, looked up once for every projection. */
  touched: TouchedFact[];
}

/**
 * The one fold of incident events that every incident-derived projection shares: each event is
 * evolved once per run, whatever the number of projections, and each projection updates only the
 * rows the event touched. States are kept in memory, least recently used dropped first; one that
 * is missing or does not line up with the event (dropped, or left by a rolled-back batch) is folded
 * again from its stream, up to the event.
 */
export class IncidentFold {
  private readonly states = new IncidentStateCache();

  constructor(private readonly store: EventStore) {}

  /** The changes of a batch's incident events, in order, keyed by event id. */
  async changes(events: readonly StoredEvent[]): Promise<Map<string, IncidentChange>> {
    const changes = new Map<string, IncidentChange>();
    for (const event of events) {
      if (!event.streamId.startsWith(INCIDENT_STREAM_PREFIX)) continue;
      const incidentId = event.streamId.slice(INCIDENT_STREAM_PREFIX.length);
      const before = await this.stateBefore(incidentId, event);
      const recorded = toRecordedIncidentEvent(event);
      const after = evolve(before, recorded);
      this.states.set(incidentId, after);
      const effect = effectOf(recorded, before);
      changes.set(event.eventId, { event, incidentId, before, after, effect, touched: touchedFacts(effect, before, after, event.eventId) });
    }
    return changes;
  }

  private async stateBefore(incidentId: string, event: StoredEvent): Promise<IncidentState> {
    const known = this.states.get(incidentId);
    if (known && known.version === event.streamVersion - 1) return known;
    if (event.streamVersion === 1) return initialIncidentState();
    const earlier = (await this.store.readStream(event.streamId)).filter((e) => e.streamVersion < event.streamVersion);
    return fold(earlier.map(toRecordedIncidentEvent));
  }
}

/** The event's own fact is the last one; the others (a corrected or retracted fact) are looked up. */
function touchedFacts(effect: EventEffect, before: IncidentState, after: IncidentState, eventId: string): TouchedFact[] {
  return effect.facts.map((id) =>
    id === eventId ? { eventId: id, before: undefined, after: after.facts.at(-1) } : { eventId: id, before: findFact(before, id), after: findFact(after, id) },
  );
}
