import { ApiProperty, IntersectionType } from '@nestjs/swagger';
import { CONFIDENCE_LEVELS } from '../domain/shared/confidence';
import { EstimateDto, LocationDto, ProvenanceDto, TimeSpanDto } from './facts/value-objects.dto';
import {
  ActorInvolvedDataDto, FireExchangedDataDto, MaterielItemDto, PersonsFreedDataDto, RaidConductedDataDto, StrikeConductedDataDto,
} from './facts/fact-data.dto';
import { CASUALTY_SIDES, CASUALTY_STATUSES } from '../domain/incident/incident-events';

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

/** What every fact in an incident carries beside its own fields. */
class Attribution {
  eventId: string;
  @ApiProperty({ enum: CONFIDENCE_LEVELS }) confidence: string;
  source: ProvenanceDto;
}

class RaidView extends IntersectionType(RaidConductedDataDto, Attribution) {}
class StrikeView extends IntersectionType(StrikeConductedDataDto, Attribution) {}
class FireExchangeView extends IntersectionType(FireExchangedDataDto, Attribution) {}
class PersonsFreedView extends IntersectionType(PersonsFreedDataDto, Attribution) {}
class ActorView extends IntersectionType(ActorInvolvedDataDto, Attribution) {}
class MaterielItemView extends IntersectionType(MaterielItemDto, Attribution) {}

class CasualtyView extends Attribution {
  @ApiProperty({ enum: CASUALTY_SIDES }) side: string;
  @ApiProperty({ enum: CASUALTY_STATUSES }) status: string;
  count: EstimateDto;
  wording: string | null;
}

class MaterielView {
  seized: MaterielItemView[];
  destroyed: MaterielItemView[];
}

export class IdentificationViewDto {
  identificationId: string;
  person: string;
  role: string | null;
  group: string | null;
  @ApiProperty({ enum: ['pending', 'confirmed', 'refuted'] }) status: string;
  @ApiProperty({ enum: CONFIDENCE_LEVELS }) confidence: string;
  source: ProvenanceDto;
  @ApiProperty({ description: 'The event that confirmed or refuted it', nullable: true, type: String }) decidedBy: string | null;
}

export class IncidentSummaryDto {
  incidentId: string;
  title: string;
  occurred: TimeSpanDto;
  location: LocationDto;
  operation: string | null;
  version: number;
  lastRecordedAt: string;
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
  @ApiProperty({ description: 'The sourceIds the incident cites' }) sources: string[];
  @ApiProperty({ description: 'How many corrections are in force' }) corrections: number;
  openedAt: string;
}

export class IncidentListResponseDto {
  items: IncidentSummaryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ChangeDto {
  @ApiProperty({ example: 'casualties.0.count.best' }) path: string;
  @ApiProperty({ nullable: true }) before: unknown;
  @ApiProperty({ nullable: true }) after: unknown;
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
