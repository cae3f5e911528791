import { ApiProperty } from '@nestjs/swagger';
import { CONFIDENCE_LEVELS } from '../domain/shared/confidence';
import { COMPASS_DIRECTIONS, LOCATION_PRECISIONS } from '../domain/shared/location';
import {
  ACTIVITY_KINDS, ACTOR_KINDS, ACTOR_SIDES, ATTACK_MEANS, ATTACK_TARGETS, CASUALTY_SIDES, CASUALTY_STATUSES, IDENTIFICATION_FATES,
  LINK_RELATIONS, MATERIEL_CATEGORIES, RAID_MODES, SITE_KINDS, STRIKE_MEANS,
} from '../domain/incident/incident-events';
import { IDENTIFICATION_STATUSES } from '../domain/incident/incident-view';
import { ProvenanceDto, TimeSpanDto } from './facts/value-objects.dto';

export class OpenIncidentResponseDto {
  incidentId: string;
  version: number;
  globalPosition: number;
}

export class EventReceiptDto {
  eventId: string;
  type: string;
  streamVersion: number;
  globalPosition: number;
}

export class RecordEventsResponseDto {
  incidentId: string;
  version: number;
  events: EventReceiptDto[];
}

/** How reads show an estimate: every key, null where the source gave no figure. */
export class EstimateViewDto {
  @ApiProperty({ nullable: true, type: Number }) low: number | null;
  @ApiProperty({ nullable: true, type: Number }) best: number | null;
  @ApiProperty({ nullable: true, type: Number }) high: number | null;
}

class RelativePlaceViewDto {
  place: string;
  @ApiProperty({ enum: COMPASS_DIRECTIONS, nullable: true }) direction: string | null;
  @ApiProperty({ nullable: true, type: Number }) distanceKm: number | null;
}

export class LocationViewDto {
  @ApiProperty({ example: 'ML' }) country: string;
  @ApiProperty({ nullable: true, type: String }) area: string | null;
  @ApiProperty({ nullable: true, type: String }) admin1: string | null;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
  @ApiProperty({ nullable: true, type: Number }) latitude: number | null;
  @ApiProperty({ nullable: true, type: Number }) longitude: number | null;
  @ApiProperty({ nullable: true, type: RelativePlaceViewDto }) relativeTo: RelativePlaceViewDto | null;
  @ApiProperty({ enum: LOCATION_PRECISIONS }) precision: string;
}

/** A correction in force of a fact: the provenance of its corrected value. */
class CorrectionNoteDto {
  eventId: string;
  reason: string;
  source: ProvenanceDto;
  @ApiProperty({ enum: CONFIDENCE_LEVELS, description: 'How sure the source of the correction is' }) confidence: string;
  recordedAt: string;
  @ApiProperty({ enum: CONFIDENCE_LEVELS, nullable: true, description: 'The confidence this correction gave the fact, if it gave one' }) setsConfidence: string | null;
}

/** What every fact in an incident carries beside its own fields. */
class Attribution {
  eventId: string;
  @ApiProperty({ enum: CONFIDENCE_LEVELS, description: 'The current confidence (a correction may have changed it)' }) confidence: string;
  @ApiProperty({ type: ProvenanceDto, description: 'The provenance the fact was recorded with' }) source: ProvenanceDto;
  @ApiProperty({ type: [CorrectionNoteDto], description: 'The corrections in force, oldest first' }) corrections: CorrectionNoteDto[];
}

class RaidView extends Attribution {
  force: string;
  @ApiProperty({ enum: RAID_MODES, isArray: true }) modes: string[];
  support: string[];
  target: string;
}

class StrikeView extends Attribution {
  force: string;
  @ApiProperty({ enum: STRIKE_MEANS, isArray: true }) means: string[];
  platforms: string[];
  target: string;
}

class FireExchangeView extends Attribution {
  @ApiProperty({ nullable: true, type: String }) initiatedBy: string | null;
  @ApiProperty({ nullable: true, type: Boolean }) warningShots: boolean | null;
  hostileWeapons: string[];
  outcome: string;
}

class CasualtyView extends Attribution {
  @ApiProperty({ enum: CASUALTY_SIDES }) side: string;
  @ApiProperty({ enum: CASUALTY_STATUSES }) status: string;
  count: EstimateViewDto;
  @ApiProperty({ nullable: true, type: String }) wording: string | null;
}

class MaterielItemView extends Attribution {
  @ApiProperty({ enum: MATERIEL_CATEGORIES }) category: string;
  description: string;
  @ApiProperty({ nullable: true, type: Number }) quantity: number | null;
}

class MaterielView {
  seized: MaterielItemView[];
  destroyed: MaterielItemView[];
}

class PersonsFreedView extends Attribution {
  count: EstimateViewDto;
  description: string;
}

class ActorView extends Attribution {
  name: string;
  @ApiProperty({ enum: ACTOR_KINDS }) kind: string;
  @ApiProperty({ enum: ACTOR_SIDES }) side: string;
  @ApiProperty({ nullable: true, type: String }) parent: string | null;
  @ApiProperty({ nullable: true, type: Number }) founded: number | null;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  aliases: string[];
}

class AttackView extends Attribution {
  @ApiProperty({ nullable: true, type: String }) by: string | null;
  @ApiProperty({ enum: ATTACK_TARGETS }) against: string;
  @ApiProperty({ enum: ATTACK_MEANS, isArray: true }) means: string[];
  description: string;
}

class DetentionView extends Attribution {
  count: EstimateViewDto;
  description: string;
  @ApiProperty({ nullable: true, type: String }) by: string | null;
  @ApiProperty({ nullable: true, type: String }) handedTo: string | null;
}

class AbductionView extends Attribution {
  count: EstimateViewDto;
  description: string;
  @ApiProperty({ nullable: true, type: String }) by: string | null;
}

class SiteView extends Attribution {
  @ApiProperty({ enum: SITE_KINDS }) kind: string;
  description: string;
}

class ActivityView extends Attribution {
  @ApiProperty({ enum: ACTIVITY_KINDS }) kind: string;
  @ApiProperty({ nullable: true, type: String }) force: string | null;
  @ApiProperty({ nullable: true, type: EstimateViewDto }) count: EstimateViewDto | null;
  description: string;
}

class LinkView {
  @ApiProperty({ description: 'The other incident' }) incidentId: string;
  @ApiProperty({ enum: LINK_RELATIONS }) relation: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ description: 'The IncidentLinked event' }) eventId: string;
  @ApiProperty({ enum: ['outbound', 'inbound'], description: 'outbound: recorded on this incident; inbound: recorded on the other one' }) direction: string;
}

class WithdrawalView {
  reason: string;
  @ApiProperty({ nullable: true, type: String }) duplicateOf: string | null;
  eventId: string;
}

export class IdentificationViewDto {
  identificationId: string;
  @ApiProperty({ nullable: true, type: String }) person: string | null;
  @ApiProperty({ nullable: true, type: String }) role: string | null;
  @ApiProperty({ nullable: true, type: String }) group: string | null;
  @ApiProperty({ nullable: true, enum: IDENTIFICATION_FATES }) fate: string | null;
  @ApiProperty({ enum: IDENTIFICATION_STATUSES }) status: string;
  @ApiProperty({ enum: CONFIDENCE_LEVELS }) confidence: string;
  source: ProvenanceDto;
  @ApiProperty({ type: [CorrectionNoteDto] }) corrections: CorrectionNoteDto[];
  @ApiProperty({ description: 'The event that confirmed or refuted it', nullable: true, type: String }) decidedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: ProvenanceDto, description: 'The provenance of the confirmation or refutation' }) decisionSource: ProvenanceDto | null;
}

export class IncidentSummaryDto {
  incidentId: string;
  title: string;
  occurred: TimeSpanDto;
  location: LocationViewDto;
  @ApiProperty({ nullable: true, type: String }) operation: string | null;
  version: number;
  lastRecordedAt: string;
}

export class IncidentListItemDto extends IncidentSummaryDto {
  withdrawn: boolean;
}

export class IncidentResponseDto extends IncidentSummaryDto {
  raids: RaidView[];
  strikes: StrikeView[];
  fireExchanges: FireExchangeView[];
  casualties: CasualtyView[];
  materiel: MaterielView;
  personsFreed: PersonsFreedView[];
  actors: ActorView[];
  identifications: IdentificationViewDto[];
  attacks: AttackView[];
  detentions: DetentionView[];
  abductions: AbductionView[];
  sitesDiscovered: SiteView[];
  activities: ActivityView[];
  @ApiProperty({ type: [LinkView], description: 'Links recorded on this incident and on others to it' }) links: LinkView[];
  @ApiProperty({ nullable: true, type: WithdrawalView }) withdrawn: WithdrawalView | null;
  @ApiProperty({ description: 'The sourceIds the incident cites' }) sources: string[];
  @ApiProperty({ description: 'How many corrections are in force' }) corrections: number;
  openedAt: string;
}

export class IncidentListResponseDto {
  items: IncidentListItemDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

/** A changed value may be any JSON: a count, a text, a list, an object, or null (absent). */
const ANY_JSON_VALUE = {
  nullable: true,
  description: 'The value at that path, of any JSON type; null when absent',
  anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'array', items: {} }, { type: 'object' }],
};

export class ChangeDto {
  @ApiProperty({ example: 'casualties.0.count.best' }) path: string;
  @ApiProperty(ANY_JSON_VALUE) before: unknown;
  @ApiProperty(ANY_JSON_VALUE) after: unknown;
}

export class RevisionDto {
  version: number;
  eventId: string;
  type: string;
  recordedAt: string;
  recordedBy: string;
  source: ProvenanceDto;
  @ApiProperty({ enum: CONFIDENCE_LEVELS }) confidence: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: Record<string, unknown>;
  changes: ChangeDto[];
}

export class IncidentHistoryResponseDto {
  incidentId: string;
  revisions: RevisionDto[];
}
