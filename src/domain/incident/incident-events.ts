import { Confidence } from '../shared/confidence';
import { Estimate } from '../shared/estimate';
import { Location } from '../shared/location';
import { Provenance } from '../shared/provenance';
import { TimeSpan } from '../shared/time-span';

export const RAID_MODES = ['heliborne', 'ground', 'airborne', 'naval', 'other'] as const;
export const STRIKE_MEANS = ['aircraft', 'drone', 'helicopter', 'artillery', 'missile', 'other'] as const;
export const CASUALTY_SIDES = ['hostile', 'friendly', 'civilian', 'unknown'] as const;
export const CASUALTY_STATUSES = ['killed', 'neutralised', 'wounded', 'captured', 'surrendered', 'missing'] as const;
export const MATERIEL_CATEGORIES = [
  'heavy-weapons', 'light-weapons', 'ammunition', 'explosives', 'ied-components',
  'communications', 'vehicles', 'documents', 'other',
] as const;
export const ACTOR_KINDS = ['state-force', 'armed-group', 'militia', 'civilians', 'other'] as const;
export const ACTOR_SIDES = ['friendly', 'hostile', 'neutral', 'unknown'] as const;

export interface IncidentOpenedData {
  incidentId: string;
  title: string;
  occurred: TimeSpan;
  location: Location;
  operation?: string | null;
}

export interface RaidConductedData {
  force: string;
  mode: (typeof RAID_MODES)[number];
  support: string[];
  target: string;
}

export interface StrikeConductedData {
  force: string;
  means: (typeof STRIKE_MEANS)[number];
  platforms: string[];
  target: string;
}

export interface FireExchangedData {
  initiatedBy: string;
  warningShots: boolean;
  hostileWeapons: string[];
  outcome: string;
}

export interface CasualtiesReportedData {
  side: (typeof CASUALTY_SIDES)[number];
  status: (typeof CASUALTY_STATUSES)[number];
  count: Estimate;
  wording?: string;
}

export interface MaterielItem {
  category: (typeof MATERIEL_CATEGORIES)[number];
  description: string;
  quantity?: number;
}

export interface MaterielData {
  items: MaterielItem[];
}

export interface PersonsFreedData {
  count: Estimate;
  description: string;
}

export interface ActorInvolvedData {
  name: string;
  kind: (typeof ACTOR_KINDS)[number];
  side: (typeof ACTOR_SIDES)[number];
  parent?: string;
  founded?: number;
  notes?: string;
}

export interface IdentificationPendingData {
  person: string;
  role?: string;
  group?: string;
}

export interface IdentificationDecisionData {
  identificationId: string;
}

export interface FactCorrectedData {
  correctsEventId: string;
  data: Record<string, unknown>;
  reason: string;
}

export interface FactRetractedData {
  retractsEventId: string;
  reason: string;
}

/** The data of each event type an incident's stream holds, in schema version 1. */
export interface IncidentEventDataByType {
  IncidentOpened: IncidentOpenedData;
  RaidConducted: RaidConductedData;
  StrikeConducted: StrikeConductedData;
  FireExchanged: FireExchangedData;
  CasualtiesReported: CasualtiesReportedData;
  MaterielSeized: MaterielData;
  MaterielDestroyed: MaterielData;
  PersonsFreed: PersonsFreedData;
  ActorInvolved: ActorInvolvedData;
  IdentificationPending: IdentificationPendingData;
  IdentificationConfirmed: IdentificationDecisionData;
  IdentificationRefuted: IdentificationDecisionData;
  FactCorrected: FactCorrectedData;
  FactRetracted: FactRetractedData;
}

export type IncidentEventType = keyof IncidentEventDataByType;
/** The event types a user records with `POST /incidents/{id}/events`; `IncidentOpened` comes from opening. */
export type FactType = Exclude<IncidentEventType, 'IncidentOpened'>;

export const FACT_TYPES = [
  'RaidConducted', 'StrikeConducted', 'FireExchanged', 'CasualtiesReported', 'MaterielSeized',
  'MaterielDestroyed', 'PersonsFreed', 'ActorInvolved', 'IdentificationPending',
  'IdentificationConfirmed', 'IdentificationRefuted', 'FactCorrected', 'FactRetracted',
] as const satisfies readonly FactType[];

export const INCIDENT_EVENT_TYPES: readonly IncidentEventType[] = ['IncidentOpened', ...FACT_TYPES];

/** Every type is at schema version 1; a later version comes with an upcaster for stored v1 events. */
export const INCIDENT_EVENT_SCHEMA_VERSION = 1;

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
