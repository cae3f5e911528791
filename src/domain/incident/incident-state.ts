import { Confidence } from '../shared/confidence';
import { Provenance } from '../shared/provenance';
import { IncidentEventType } from './incident-events';

/** A correction in force of a fact, as the fact keeps it. */
export interface CorrectionRecord {
  eventId: string;
  reason: string;
  source: Provenance;
  /** How sure the source of the correction is. */
  confidence: Confidence;
  recordedAt: string;
  /** The corrected fields, merged over the fact's data. */
  data: Record<string, unknown>;
  /** The fact's new confidence, when the correction gives one. */
  factConfidence: Confidence | null;
}

/**
 * One event of the incident as it stands now: `data` and `confidence` are what was recorded
 * with every correction still in force applied, oldest first.
 */
export interface FactRecord {
  eventId: string;
  type: IncidentEventType;
  recordedData: unknown;
  data: unknown;
  source: Provenance;
  recordedConfidence: Confidence;
  confidence: Confidence;
  version: number;
  recordedAt: string;
  recordedBy: string;
  retractedBy: string | null;
  corrections: CorrectionRecord[];
  /** On an identification: the confirmation or refutation in force, if any. */
  decision: IdentificationDecision | null;
}

export interface IdentificationDecision {
  eventId: string;
  type: 'IdentificationConfirmed' | 'IdentificationRefuted';
  recordedAt: string;
  source: Provenance;
}

/** Everything the log knows about one incident; plain data, so it can be stored as JSON. */
export interface IncidentState {
  incidentId: string | null;
  version: number;
  facts: FactRecord[];
  openedAt: string | null;
  lastRecordedAt: string | null;
  /** The withdrawal in force, if the incident is withdrawn (kept so it is known without a scan). */
  withdrawnBy: string | null;
}

export const initialIncidentState = (): IncidentState => ({
  incidentId: null,
  version: 0,
  facts: [],
  openedAt: null,
  lastRecordedAt: null,
  withdrawnBy: null,
});

/**
 * Where each fact sits in a facts list, for lists a fold owns and keeps growing (see
 * `evolveInPlace`): found in constant time there, by a scan elsewhere.
 */
const positions = new WeakMap<FactRecord[], Map<string, number>>();

/** Makes `findFact` on this state constant-time; the state's facts must then change only through `evolveInPlace`. */
export function indexFacts(state: IncidentState): void {
  positions.set(state.facts, new Map(state.facts.map((fact, index) => [fact.eventId, index])));
}

function positionOf(state: IncidentState, eventId: string): number {
  const index = positions.get(state.facts);
  if (!index) return state.facts.findIndex((fact) => fact.eventId === eventId);
  // A fact pushed since the index was last told is found at the end.
  for (let position = index.size; position < state.facts.length; position++) index.set(state.facts[position].eventId, position);
  return index.get(eventId) ?? -1;
}

export function findFact(state: IncidentState, eventId: string): FactRecord | undefined {
  const position = positionOf(state, eventId);
  return position < 0 ? undefined : state.facts[position];
}

/** Replaces a fact's record (records are values: the old one stays as it was for whoever holds it). */
export function replaceFact(state: IncidentState, eventId: string, change: (fact: FactRecord) => FactRecord): void {
  const position = positionOf(state, eventId);
  if (position >= 0) state.facts[position] = change(state.facts[position]);
}

export const isInForce = (fact: FactRecord): boolean => fact.retractedBy === null;

/** The withdrawal in force, if the incident is withdrawn. */
export const withdrawalOf = (state: IncidentState): FactRecord | undefined =>
  state.withdrawnBy === null ? undefined : findFact(state, state.withdrawnBy);

/** The confirmation or refutation in force of an identification, if it was decided. */
export const decisionOf = (state: IncidentState, identificationId: string): IdentificationDecision | null =>
  findFact(state, identificationId)?.decision ?? null;
