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

export const findFact = (state: IncidentState, eventId: string): FactRecord | undefined =>
  state.facts.find((fact) => fact.eventId === eventId);

export const isInForce = (fact: FactRecord): boolean => fact.retractedBy === null;

/** The withdrawal in force, if the incident is withdrawn. */
export const withdrawalOf = (state: IncidentState): FactRecord | undefined =>
  state.withdrawnBy === null ? undefined : findFact(state, state.withdrawnBy);

/** The confirmation or refutation in force of an identification, if it was decided. */
export const decisionOf = (state: IncidentState, identificationId: string): FactRecord | undefined =>
  state.facts.findLast(
    (fact) =>
      (fact.type === 'IdentificationConfirmed' || fact.type === 'IdentificationRefuted') &&
      isInForce(fact) &&
      (fact.data as { identificationId: string }).identificationId === identificationId,
  );
