import { Confidence } from '../shared/confidence';
import { Provenance } from '../shared/provenance';
import { IncidentEventDataByType, IncidentEventType, INCIDENT_EVENT_TYPES } from './event-catalogue';

export { INCIDENT_EVENT_TYPES };
export type { IncidentEventDataByType, IncidentEventType };
export * from './event-types/activity-reported';
export * from './event-types/actor-involved';
export * from './event-types/attack-reported';
export * from './event-types/casualties-reported';
export * from './event-types/fact-corrected';
export * from './event-types/fact-retracted';
export * from './event-types/fire-exchanged';
export * from './event-types/identification';
export * from './event-types/incident-linked';
export * from './event-types/incident-opened';
export * from './event-types/incident-withdrawn';
export * from './event-types/materiel';
export * from './event-types/persons-abducted';
export * from './event-types/persons-detained';
export * from './event-types/persons-freed';
export * from './event-types/raid-conducted';
export * from './event-types/site-discovered';
export * from './event-types/strike-conducted';

/** The event types a user records with `POST /incidents/{id}/events`; `IncidentOpened` comes from opening. */
export type FactType = Exclude<IncidentEventType, 'IncidentOpened'>;
export const FACT_TYPES = INCIDENT_EVENT_TYPES.filter((type): type is FactType => type !== 'IncidentOpened');

/** An incident event as the domain decides it, before the store gives it a place in the log. */
export type IncidentEvent = {
  [T in IncidentEventType]: {
    eventId: string;
    type: T;
    data: IncidentEventDataByType[T];
    source: Provenance;
    confidence: Confidence;
  };
}[IncidentEventType];

/** What the log adds when it stores an event. */
export interface RecordingFacts {
  version: number;
  recordedAt: string;
  recordedBy: string;
}

export type RecordedIncidentEvent = IncidentEvent & RecordingFacts;

export const INCIDENT_STREAM_PREFIX = 'incident-';
export const incidentStreamId = (incidentId: string): string => `${INCIDENT_STREAM_PREFIX}${incidentId}`;
export const incidentIdOfStream = (streamId: string): string => streamId.slice(INCIDENT_STREAM_PREFIX.length);
