import { evolveInPlace } from '../../domain/incident/evolve';
import { EventEffect, effectOf } from '../../domain/incident/event-effects';
import { INCIDENT_STREAM_PREFIX } from '../../domain/incident/incident-events';
import { FactRecord, IncidentState, findFact, indexFacts, initialIncidentState } from '../../domain/incident/incident-state';
import { EventStore, StoredEvent } from '../../event-store/event-store.port';
import { toRecordedIncidentEvent } from '../../log/incident-log-events';
import { IncidentStateCache } from '../../log/incident-state-cache';

/** A fact the event added or changed, as it was before (if it existed) and as it is after. */
export interface TouchedFact {
  eventId: string;
  before: FactRecord | undefined;
  after: FactRecord | undefined;
}

/**
 * One incident event with the incident as it was before and after it, and what it changed.
 * `before` and `after` hold the state's own fields and its opening (`facts[0]`); they hold every
 * fact only when the event changed the whole incident (`effect.wholeIncident`). The other facts a
 * projection needs are in `touched`: that is what keeps an event's cost independent of history.
 */
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
  private readonly states: IncidentStateCache;

  /** `maxFacts`: how many facts the states it keeps may hold in all (the cache's default unless given). */
  constructor(private readonly store: EventStore, maxFacts?: number) {
    this.states = new IncidentStateCache({ maxFacts });
  }

  /**
   * The changes of a batch's incident events, in order, keyed by event id. The states the fold
   * lacks are read first; the batch is then folded in one go, with no await between two events
   * (a caller that starts the next batch's fold before this one ends must wait for this one:
   * the states are shared and grow in place).
   */
  async changes(events: readonly StoredEvent[]): Promise<Map<string, IncidentChange>> {
    const states = await this.statesBefore(events);
    const changes = new Map<string, IncidentChange>();
    for (const event of events) {
      const incidentId = incidentIdOf(event);
      if (incidentId === null) continue;
      const state = states.get(incidentId)!;
      if (state.version !== event.streamVersion - 1) throw new Error(`event ${event.eventId} is version ${event.streamVersion} of an incident at ${state.version}`);
      const recorded = toRecordedIncidentEvent(event);
      const effect = effectOf(recorded, state);
      const touchedBefore = effect.facts.map((id) => findFact(state, id));
      const before = moment(state, effect);
      // The fold owns this state: it grows in place, and what a change keeps of it is copied first.
      evolveInPlace(state, recorded);
      const touched = effect.facts.map((id, i) => ({ eventId: id, before: touchedBefore[i], after: findFact(state, id) }));
      changes.set(event.eventId, { event, incidentId, before, after: moment(state, effect), effect, touched });
    }
    for (const [incidentId, state] of states) this.states.set(incidentId, state);
    return changes;
  }

  /**
   * Takes a state its caller already holds (the writer's, the append was decided on) when the
   * fold has not that incident at that version: a copy, as the fold's states grow in place. Fact
   * records are never changed, only replaced, so the copy shares them. The state must be the fold
   * of the incident's stream up to its version.
   */
  adopt(incidentId: string, state: IncidentState): void {
    if (this.states.peekVersion(incidentId) === state.version) return;
    const copy = { ...state, facts: [...state.facts] };
    indexFacts(copy);
    this.states.set(incidentId, copy);
  }

  /** Whether the fold holds the state before each of these events, so `changes` need not read the log. */
  holdsStatesFor(events: readonly StoredEvent[]): boolean {
    const versions = new Map<string, number>();
    return events.every((event) => {
      const incidentId = incidentIdOf(event);
      if (incidentId === null) return true;
      const version = versions.get(incidentId) ?? this.states.peekVersion(incidentId) ?? 0;
      versions.set(incidentId, event.streamVersion);
      return event.streamVersion === 1 || version === event.streamVersion - 1;
    });
  }

  /**
   * The state of each incident of the batch just before its first event there, owned by the fold:
   * kept from earlier batches, or folded again from its stream when it does not line up (dropped,
   * or left by a rolled-back batch). Held here for the whole batch, whatever the cache drops meanwhile.
   */
  private async statesBefore(events: readonly StoredEvent[]): Promise<Map<string, IncidentState>> {
    const states = new Map<string, IncidentState>();
    const missing: StoredEvent[] = [];
    for (const event of events) {
      const incidentId = incidentIdOf(event);
      if (incidentId === null || states.has(incidentId)) continue;
      const known = this.states.get(incidentId);
      if (known && known.version === event.streamVersion - 1) states.set(incidentId, known);
      else {
        states.set(incidentId, initialIndexedState());
        if (event.streamVersion > 1) missing.push(event);
      }
    }
    for (const event of missing) {
      const state = states.get(incidentIdOf(event)!)!;
      for (const earlier of await this.store.readStream(event.streamId)) {
        if (earlier.streamVersion < event.streamVersion) evolveInPlace(state, toRecordedIncidentEvent(earlier));
      }
    }
    return states;
  }
}

const incidentIdOf = (event: StoredEvent): string | null =>
  event.streamId.startsWith(INCIDENT_STREAM_PREFIX) ? event.streamId.slice(INCIDENT_STREAM_PREFIX.length) : null;

function initialIndexedState(): IncidentState {
  const state = initialIncidentState();
  indexFacts(state);
  return state;
}

/** What a change keeps of the state at one moment: its own fields and opening, every fact only when the event concerns them all. */
function moment(state: IncidentState, effect: EventEffect): IncidentState {
  return { ...state, facts: effect.wholeIncident ? [...state.facts] : state.facts.slice(0, 1) };
}
