import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize, ArrayNotEmpty, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Max, MaxLength, Min,
} from 'class-validator';
import {
  ACTOR_KINDS, ACTOR_SIDES, CASUALTY_SIDES, CASUALTY_STATUSES, MATERIEL_CATEGORIES, RAID_MODES, STRIKE_MEANS,
} from '../../domain/incident/incident-events';
import { EstimateDto, IncidentFieldsDto, SHORT_TEXT } from './value-objects.dto';
import { NestedObject, NestedObjects } from '../../http/validation/nested-object';
import { IsId, MaxSafeInteger } from '../../http/validation/identifier';

const LIST_LIMIT = 100;

export class IncidentOpenedDataDto extends IncidentFieldsDto {
  @IsId()
  incidentId: string;
}

export class RaidConductedDataDto {
  @IsString() @IsNotEmpty() @MaxLength(SHORT_TEXT) force: string;
  @ApiProperty({ enum: RAID_MODES }) @IsIn(RAID_MODES) mode: (typeof RAID_MODES)[number];
  @IsArray() @ArrayMaxSize(LIST_LIMIT) @IsString({ each: true }) @IsNotEmpty({ each: true }) support: string[];
  @IsString() @IsNotEmpty() @MaxLength(SHORT_TEXT) target: string;
}

export class StrikeConductedDataDto {
  @IsString() @IsNotEmpty() @MaxLength(SHORT_TEXT) force: string;
  @ApiProperty({ enum: STRIKE_MEANS }) @IsIn(STRIKE_MEANS) means: (typeof STRIKE_MEANS)[number];
  @IsArray() @ArrayMaxSize(LIST_LIMIT) @IsString({ each: true }) @IsNotEmpty({ each: true }) platforms: string[];
  @IsString() @IsNotEmpty() @MaxLength(SHORT_TEXT) target: string;
}

export class FireExchangedDataDto {
  @IsString() @IsNotEmpty() @MaxLength(SHORT_TEXT) initiatedBy: string;
  @IsBoolean() warningShots: boolean;
  @IsArray() @ArrayMaxSize(LIST_LIMIT) @IsString({ each: true }) @IsNotEmpty({ each: true }) hostileWeapons: string[];
  @IsString() @IsNotEmpty() @MaxLength(SHORT_TEXT) outcome: string;
}

export class CasualtiesReportedDataDto {
  @ApiProperty({ enum: CASUALTY_SIDES }) @IsIn(CASUALTY_SIDES) side: (typeof CASUALTY_SIDES)[number];
  @ApiProperty({ enum: CASUALTY_STATUSES }) @IsIn(CASUALTY_STATUSES) status: (typeof CASUALTY_STATUSES)[number];
  @NestedObject(() => EstimateDto) count: EstimateDto;
  @ApiProperty({ required: false, description: "The communiqué's own words, kept beside the number" })
  @IsOptional() @IsString() @MaxLength(SHORT_TEXT) wording?: string;
}

export class MaterielItemDto {
  @ApiProperty({ enum: MATERIEL_CATEGORIES }) @IsIn(MATERIEL_CATEGORIES) category: (typeof MATERIEL_CATEGORIES)[number];
  @IsString() @IsNotEmpty() @MaxLength(SHORT_TEXT) description: string;
  @IsOptional() @IsInt() @Min(0) @MaxSafeInteger() quantity?: number;
}

export class MaterielDataDto {
  @ArrayNotEmpty() @ArrayMaxSize(LIST_LIMIT) @NestedObjects(() => MaterielItemDto)
  items: MaterielItemDto[];
}

export class PersonsFreedDataDto {
  @NestedObject(() => EstimateDto) count: EstimateDto;
  @IsString() @IsNotEmpty() @MaxLength(SHORT_TEXT) description: string;
}

export class ActorInvolvedDataDto {
  @IsString() @IsNotEmpty() @MaxLength(SHORT_TEXT) name: string;
  @ApiProperty({ enum: ACTOR_KINDS }) @IsIn(ACTOR_KINDS) kind: (typeof ACTOR_KINDS)[number];
  @ApiProperty({ enum: ACTOR_SIDES }) @IsIn(ACTOR_SIDES) side: (typeof ACTOR_SIDES)[number];
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(SHORT_TEXT) parent?: string;
  @IsOptional() @IsInt() @Min(1000) @Max(2100) founded?: number;
  @IsOptional() @IsString() @MaxLength(SHORT_TEXT * 5) notes?: string;
}

export class IdentificationPendingDataDto {
  @IsString() @IsNotEmpty() @MaxLength(SHORT_TEXT) person: string;
  @IsOptional() @IsString() @MaxLength(SHORT_TEXT) role?: string;
  @IsOptional() @IsString() @MaxLength(SHORT_TEXT) group?: string;
}

export class IdentificationDecisionDataDto {
  @ApiProperty({ description: 'The eventId of the IdentificationPending event' })
  @IsId() identificationId: string;
}

export class FactCorrectedDataDto {
  @IsId() correctsEventId: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "The corrected fields of that event's data, merged over it" })
  @IsObject() data: Record<string, unknown>;
  @IsString() @IsNotEmpty() @MaxLength(SHORT_TEXT) reason: string;
}

export class FactRetractedDataDto {
  @IsId() retractsEventId: string;
  @IsString() @IsNotEmpty() @MaxLength(SHORT_TEXT) reason: string;
}
