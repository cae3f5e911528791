import { CompleteEstimate } from '../shared/estimate';
import { CompleteLocation, completeLocation } from '../shared/location';
import { Provenance } from '../shared/provenance';
import { TimeSpan } from '../shared/time-span';
import { entryOf } from './event-catalogue';
import { FactAttribution } from './event-type';
import {
  ActivityReportedData, ActorInvolvedData, AttackReportedData, CasualtiesReportedData, IdentificationPendingData, IncidentLinkedData,
  IncidentOpenedData, MaterielItem, RaidConductedData, SiteDiscoveredData, StrikeConductedData,
} from './incident-events';
import { FactRecord, IncidentState, isInForce } from './incident-state';

export type { FactAttribution };

export const IDENTIFICATION_STATUSES = ['pending', 'confirmed', 'refuted'] as const;
export type IdentificationStatus = (typeof IDENTIFICATION_STATUSES)[number];

type Nullable<T> = { [K in keyof T]-?: Exclude<T[K], undefined> | null };

export type RaidView = FactAttribution & RaidConductedData;
export type StrikeView = FactAttribution & StrikeConductedData;
export type FireExchangeView = FactAttribution & { initiatedBy: string | null; warningShots: boolean | null; hostileWeapons: string[]; outcome: string };
export type CasualtyView = FactAttribution & Omit<Nullable<CasualtiesReportedData>, 'count'> & {
  side: CasualtiesReportedData['side'];
  status: CasualtiesReportedData['status'];
  count: CompleteEstimate;
};
export type MaterielItemView = FactAttribution & Pick<MaterielItem, 'category' | 'description'> & { quantity: number | null };
export type PersonsFreedView = FactAttribution & { count: CompleteEstimate; description: string };
export type ActorView = FactAttribution & Omit<Nullable<ActorInvolvedData>, 'aliases' | 'name' | 'kind' | 'side'> &
  Pick<ActorInvolvedData, 'name' | 'kind' | 'side'> & { aliases: string[] };
export type AttackView = FactAttribution & Pick<AttackReportedData, 'against' | 'means' | 'description'> & { by: string | null };
export type DetentionView = FactAttribution & { count: CompleteEstimate; description: string; by: string | null; handedTo: string | null };
export type AbductionView = FactAttribution & { count: CompleteEstimate; description: string; by: string | null };
export type SiteView = FactAttribution & SiteDiscoveredData;
export type ActivityView = FactAttribution & Pick<ActivityReportedData, 'kind' | 'description'> & {
  force: string | null;
  count: CompleteEstimate | null;
};

export type IdentificationView = Nullable<IdentificationPendingData> & Omit<FactAttribution, 'eventId'> & {
  identificationId: string;
  status: IdentificationStatus;
  /** The confirmation or refutation in force: which event, when, and on what provenance. */
  decidedBy: string | null;
  decidedAt: string | null;
  decisionSource: Provenance | null;
};

/** A link recorded on this incident (outbound) or on the other one (inbound). */
export interface LinkView {
  incidentId: string;
  relation: IncidentLinkedData['relation'];
  note: string | null;
  eventId: string;
  direction: 'outbound' | 'inbound';
}

export interface WithdrawalView {
  reason: string;
  duplicateOf: string | null;
  eventId: string;
}

/** The parts of the view that facts show in; each catalogue entry says where its facts go. */
export interface ViewParts {
  opening: IncidentOpenedData | null;
  raids: RaidView[];
  strikes: StrikeView[];
  fireExchanges: FireExchangeView[];
  casualties: CasualtyView[];
  materielSeized: MaterielItemView[];
  materielDestroyed: MaterielItemView[];
  personsFreed: PersonsFreedView[];
  actors: ActorView[];
  identifications: IdentificationView[];
  attacks: AttackView[];
  detentions: DetentionView[];
  abductions: AbductionView[];
  sitesDiscovered: SiteView[];
  activities: ActivityView[];
  links: LinkView[];
  withdrawn: WithdrawalView | null;
}

/** One fact in force, as an entry's `show` sees it. */
export interface FactShown<Data> {
  data: Data;
  record: FactRecord;
  state: IncidentState;
}

/** An incident as it stands: corrections applied, retracted facts left out. */
export type IncidentView = Omit<ViewParts, 'opening' | 'materielSeized' | 'materielDestroyed'> & {
  incidentId: string;
  version: number;
  title: string;
  occurred: TimeSpan;
  location: CompleteLocation;
  operation: string | null;
  materiel: { seized: MaterielItemView[]; destroyed: MaterielItemView[] };
  sources: string[];
  corrections: number;
  openedAt: string;
  lastRecordedAt: string;
};

const emptyParts = (): ViewParts => ({
  opening: null, raids: [], strikes: [], fireExchanges: [], casualties: [], materielSeized: [], materielDestroyed: [], personsFreed: [],
  actors: [], identifications: [], attacks: [], detentions: [], abductions: [], sitesDiscovered: [], activities: [], links: [],
  withdrawn: null,
});

export function toIncidentView(state: IncidentState): IncidentView {
  if (state.incidentId === null) throw new Error('an incident view needs an opened incident');
  const inForce = state.facts.filter(isInForce);
  const parts = emptyParts();
  for (const record of inForce) entryOf(record.type).show({ data: record.data, record, state }, parts);
  const { opening, materielSeized, materielDestroyed, ...lists } = parts;
  if (!opening) throw new Error('an incident view needs its opening');
  const inForceIds = new Set(inForce.map((f) => f.eventId));

  return {
    incidentId: state.incidentId,
    version: state.version,
    title: opening.title,
    occurred: opening.occurred,
    location: completeLocation(opening.location),
    operation: opening.operation ?? null,
    ...lists,
    materiel: { seized: materielSeized, destroyed: materielDestroyed },
    sources: [...new Set(inForce.map((f) => f.source.sourceId))],
    corrections: inForce.filter((f) => f.type === 'FactCorrected' && inForceIds.has((f.data as { correctsEventId: string }).correctsEventId)).length,
    openedAt: state.openedAt ?? state.facts[0].recordedAt,
    lastRecordedAt: state.lastRecordedAt ?? state.facts[0].recordedAt,
  };
}

/** What the view says of an incident's facts: withdrawn incidents leave lists and tallies. */
export const isWithdrawn = (view: Pick<IncidentView, 'withdrawn'>): boolean => view.withdrawn !== null;

/** One fact as the view shows it (in force or not), without building the whole view. */
export function showFact(state: IncidentState, record: FactRecord): ViewParts {
  const parts = emptyParts();
  entryOf(record.type).show({ data: record.data, record, state }, parts);
  return parts;
}

/** The incident's own fields (title, when, where, operation), from its opening as corrected: no need for the whole view. */
export function incidentHeadline(state: IncidentState): Pick<IncidentView, 'incidentId' | 'title' | 'occurred' | 'location' | 'operation' | 'version' | 'lastRecordedAt'> & { withdrawn: boolean } {
  const opening = state.facts[0];
  if (state.incidentId === null || opening?.type !== 'IncidentOpened') throw new Error('an incident headline needs an opened incident');
  const data = opening.data as IncidentOpenedData;
  return {
    incidentId: state.incidentId,
    title: data.title,
    occurred: data.occurred,
    location: completeLocation(data.location),
    operation: data.operation ?? null,
    version: state.version,
    lastRecordedAt: state.lastRecordedAt ?? opening.recordedAt,
    withdrawn: state.withdrawnBy !== null,
  };
}
