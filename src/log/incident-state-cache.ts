import { IncidentState } from '../domain/incident/incident-state';

/** About 100 MB of states at most: beyond it the least recently used incidents are folded again when next needed. */
const DEFAULT_MAX_FACTS = 100_000;

/**
 * Incident states kept in memory, least recently used dropped first, so that work on an incident
 * starts from the state it left rather than from event 1. A cache only: states are immutable
 * values, each user checks a state's version against the log before it trusts it, and emptying
 * the cache changes no answer.
 */
export class IncidentStateCache {
  /** Each state with the number of facts it was counted with (a fold's own state grows in place between two `set`s). */
  private readonly states = new Map<string, { state: IncidentState; size: number }>();
  private facts = 0;

  constructor(private readonly maxFacts = DEFAULT_MAX_FACTS) {}

  get(incidentId: string): IncidentState | undefined {
    const entry = this.states.get(incidentId);
    if (entry) {
      // Map order is insertion order: moving it to the end marks it most recently used.
      this.states.delete(incidentId);
      this.states.set(incidentId, entry);
    }
    return entry?.state;
  }

  /** The version of the state kept for an incident, without marking it used. */
  peekVersion(incidentId: string): number | undefined {
    return this.states.get(incidentId)?.state.version;
  }

  set(incidentId: string, state: IncidentState): void {
    this.forget(incidentId);
    this.states.set(incidentId, { state, size: state.facts.length });
    this.facts += state.facts.length;
    for (const [oldest, evicted] of this.states) {
      if (this.facts <= this.maxFacts || oldest === incidentId) break;
      this.states.delete(oldest);
      this.facts -= evicted.size;
    }
  }

  forget(incidentId: string): void {
    const entry = this.states.get(incidentId);
    if (!entry) return;
    this.states.delete(incidentId);
    this.facts -= entry.size;
  }
}
