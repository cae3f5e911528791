/** The shapes the page reads, taken from the types generated from the served OpenAPI document (examples/api-types.ts). */
import type { components } from '../../examples/api-types';

type Schemas = components['schemas'];
export type IncidentListItem = Schemas['IncidentListItemDto'];
export type IncidentList = Schemas['IncidentListResponseDto'];
export type Incident = Schemas['IncidentResponseDto'];
export type History = Schemas['IncidentHistoryResponseDto'];
export type Revision = Schemas['RevisionDto'];
export type Source = Schemas['SourceResponseDto'];
export type SourceList = Schemas['SourceListResponseDto'];
export type Provenance = Schemas['ProvenanceDto'];
export type CorrectionNote = Schemas['CorrectionNoteDto'];
export type Estimate = Schemas['EstimateViewDto'];
export type CasualtyStats = Schemas['CasualtyStatsResponseDto'];
export type CasualtyGroup = Schemas['CasualtyGroupDto'];
export type Location = Schemas['LocationViewDto'];
export type TimeSpan = Schemas['TimeSpanDto'];
export type MapPlaces = Schemas['MapPlacesResponseDto'];
export type MapPlace = Schemas['MapPlaceDto'];
