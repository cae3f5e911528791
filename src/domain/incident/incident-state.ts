import { Confidence } from '../shared/confidence';
import { Provenance } from '../shared/provenance';
import { IncidentEventType } from './incident-events';

/**
 * One event of the incident as it stands now: `data` is the recorded data with every
 * correction that is still in force merged over it.
 */
export interface FactRecord {
  eventId: string;
  type: IncidentEventType;
  recordedData: unknown;
  data: unknown;
  source: Provenance;
  confidence: Confidence;
  version: number;
  recordedAt: string;
  recordedBy: string;
  retractedBy: string | null;
}

/** Everything the log knows about one incident; plain data, so it can be stored as JSON. */
export interface IncidentState {
  incidentId: string | null;
  version: number;
  facts: FactRecord[];
  openedAt: string | null;
  lastRecordedAt: string | null;
}

export const initialIncidentState = (): IncidentState => ({
  incidentId: null,
  version: 0,
  facts: [],
  openedAt: null,
  lastRecordedAt: null,
});

export const findFact = (state: IncidentState, eventId: string): FactRecord | undefined =>
  state.facts.find((fact) => fact.eventId === eventId);

export const isInForce = (fact: FactRecord): boolean => fact.retractedBy === null;
