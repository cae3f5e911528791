import { IncidentState } from '../domain/incident/incident-state';

/** About 70 MB of states at most (a fact record takes about 700 bytes of heap): beyond it some incidents are loaded again when next needed. */
const DEFAULT_MAX_FACTS = 100_000;

/** Lookups between two halvings of the use counts, per state kept (and at least this many in all). */
const USES_WINDOW_PER_STATE = 10;
const MIN_USES_WINDOW = 1_000;

export interface IncidentStateCacheOptions {
  /** How many facts the states kept may hold in all. */
  maxFacts?: number;
  /**
   * Whether a state that would push others out must have been looked up more often lately than
   * each one it pushes out (a frequency admission, as in TinyLFU); else it goes itself. A plain
   * LRU keeps the wrong states when writes go round more incidents than it holds: each write
   * pushes out the incident the next ones come back to. With it the cache keeps a steady part
   * of such a round and still takes in an incident that turns busy. (`bench/profile-http.ts --run
   * hundred`: 100-event appends over 200 incidents, twice the facts the cache holds: 38–39 % of the
   * states found and 10.1–10.2 ms of CPU per request with the LRU, 41–52 % and 9.0–9.5 ms with this.)
   * A fold reading the log wants the plain LRU: the incident it just folded is the one whose next events come next.
   */
  admitByFrequency?: boolean;
}

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
  private readonly maxFacts: number;
  private readonly admitByFrequency: boolean;
  /** Lookups of each incident lately, kept or not (halved every window, so they follow what is busy now). */
  private readonly uses = new Map<string, number>();
  private lookups = 0;

  constructor({ maxFacts = DEFAULT_MAX_FACTS, admitByFrequency = false }: IncidentStateCacheOptions = {}) {
    this.maxFacts = maxFacts;
    this.admitByFrequency = admitByFrequency;
  }

  get(incidentId: string): IncidentState | undefined {
    if (this.admitByFrequency) this.countUse(incidentId);
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
      if (this.admitByFrequency && this.usesOf(incidentId) <= this.usesOf(oldest)) {
        // The one it would push out is used at least as much: it stays, and this state goes.
        this.forget(incidentId);
        return;
      }
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

  private usesOf(incidentId: string): number {
    return this.uses.get(incidentId) ?? 0;
  }

  private countUse(incidentId: string): void {
    this.uses.set(incidentId, this.usesOf(incidentId) + 1);
    if (++this.lookups < Math.max(MIN_USES_WINDOW, USES_WINDOW_PER_STATE * this.states.size)) return;
    // Halving keeps the counts of what is busy now and bounds the map to the incidents of about one window.
    this.lookups = 0;
    for (const [id, count] of this.uses) {
      if (count > 1) this.uses.set(id, count >> 1);
      else this.uses.delete(id);
    }
  }
}
