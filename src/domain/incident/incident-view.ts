import { Confidence } from '../shared/confidence';
import { Estimate } from '../shared/estimate';
import { Location } from '../shared/location';
import { Provenance } from '../shared/provenance';
import { TimeSpan } from '../shared/time-span';
import {
  ActorInvolvedData, CasualtiesReportedData, FireExchangedData, IdentificationDecisionData, IdentificationPendingData,
  IncidentEventType, IncidentOpenedData, MaterielData, MaterielItem, PersonsFreedData, RaidConductedData, StrikeConductedData,
} from './incident-events';
import { FactRecord, IncidentState, isInForce } from './incident-state';

/** What every fact in the view carries beside its own fields: which event, how sure, from where. */
export interface FactAttribution {
  eventId: string;
  confidence: Confidence;
  source: Provenance;
}

export const IDENTIFICATION_STATUSES = ['pending', 'confirmed', 'refuted'] as const;
export type IdentificationStatus = (typeof IDENTIFICATION_STATUSES)[number];

export interface IdentificationView {
  identificationId: string;
  person: string;
  role: string | null;
  group: string | null;
  status: IdentificationStatus;
  confidence: Confidence;
  source: Provenance;
  decidedBy: string | null;
}

export type CasualtyView = FactAttribution & {
  side: CasualtiesReportedData['side'];
  status: CasualtiesReportedData['status'];
  count: Estimate;
  wording: string | null;
};

export type MaterielItemView = FactAttribution & MaterielItem;

/** An incident as it stands: corrections applied, retracted facts left out. */
export interface IncidentView {
  incidentId: string;
  version: number;
  title: string;
  occurred: TimeSpan;
  location: Location;
  operation: string | null;
  raids: (FactAttribution & RaidConductedData)[];
  strikes: (FactAttribution & StrikeConductedData)[];
  fireExchanges: (FactAttribution & FireExchangedData)[];
  casualties: CasualtyView[];
  materiel: { seized: MaterielItemView[]; destroyed: MaterielItemView[] };
  personsFreed: (FactAttribution & PersonsFreedData)[];
  actors: (FactAttribution & ActorInvolvedData)[];
  identifications: IdentificationView[];
  sources: string[];
  corrections: number;
  openedAt: string;
  lastRecordedAt: string;
}

const attribution = (fact: FactRecord): FactAttribution => ({
  eventId: fact.eventId,
  confidence: fact.confidence,
  source: fact.source,
});

const withAttribution = <T>(fact: FactRecord): FactAttribution & T => ({ ...(fact.data as T), ...attribution(fact) });

function identificationStatus(inForce: FactRecord[], identificationId: string): { status: IdentificationStatus; decidedBy: string | null } {
  const decision = inForce
    .filter((f) => f.type === 'IdentificationConfirmed' || f.type === 'IdentificationRefuted')
    .filter((f) => (f.data as IdentificationDecisionData).identificationId === identificationId)
    .at(-1);
  if (!decision) return { status: 'pending', decidedBy: null };
  return { status: decision.type === 'IdentificationConfirmed' ? 'confirmed' : 'refuted', decidedBy: decision.eventId };
}

const materielItems = (facts: FactRecord[]): MaterielItemView[] =>
  facts.flatMap((fact) => (fact.data as MaterielData).items.map((item) => ({ ...item, ...attribution(fact) })));

export function toIncidentView(state: IncidentState): IncidentView {
  const inForce = state.facts.filter(isInForce);
  const opening = state.facts.find((f) => f.type === 'IncidentOpened');
  if (!opening || state.incidentId === null) throw new Error('an incident view needs an opened incident');
  const opened = opening.data as IncidentOpenedData;
  const ofType = (type: IncidentEventType) => inForce.filter((f) => f.type === type);

  return {
    incidentId: state.incidentId,
    version: state.version,
    title: opened.title,
    occurred: opened.occurred,
    location: opened.location,
    operation: opened.operation ?? null,
    raids: ofType('RaidConducted').map(withAttribution<RaidConductedData>),
    strikes: ofType('StrikeConducted').map(withAttribution<StrikeConductedData>),
    fireExchanges: ofType('FireExchanged').map(withAttribution<FireExchangedData>),
    casualties: ofType('CasualtiesReported').map((fact) => {
      const { side, status, count, wording } = fact.data as CasualtiesReportedData;
      return { side, status, count, wording: wording ?? null, ...attribution(fact) };
    }),
    materiel: { seized: materielItems(ofType('MaterielSeized')), destroyed: materielItems(ofType('MaterielDestroyed')) },
    personsFreed: ofType('PersonsFreed').map(withAttribution<PersonsFreedData>),
    actors: ofType('ActorInvolved').map(withAttribution<ActorInvolvedData>),
    identifications: ofType('IdentificationPending').map((fact) => {
      const { person, role, group } = fact.data as IdentificationPendingData;
      return {
        identificationId: fact.eventId,
        person,
        role: role ?? null,
        group: group ?? null,
        ...identificationStatus(inForce, fact.eventId),
        confidence: fact.confidence,
        source: fact.source,
      };
    }),
    sources: [...new Set(inForce.map((f) => f.source.sourceId))],
    corrections: ofType('FactCorrected').filter((f) => inForce.some((t) => t.eventId === (f.data as { correctsEventId: string }).correctsEventId)).length,
    openedAt: state.openedAt ?? opening.recordedAt,
    lastRecordedAt: state.lastRecordedAt ?? opening.recordedAt,
  };
}
