import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsObject, IsString, Max, MaxLength, Min, ValidateIf,
} from 'class-validator';
import {
  ACTIVITY_KINDS, ACTOR_KINDS, ACTOR_SIDES, ATTACK_MEANS, ATTACK_TARGETS, CASUALTY_SIDES, CASUALTY_STATUSES, IDENTIFICATION_FATES,
  LINK_RELATIONS, MATERIEL_CATEGORIES, RAID_MODES, SITE_KINDS, STRIKE_MEANS,
} from '../../domain/incident/incident-events';
import { CONFIDENCE_LEVELS, Confidence } from '../../domain/shared/confidence';
import { EstimateDto, EstimateProperty, IncidentFieldsDto, SHORT_TEXT } from './value-objects.dto';
import { NestedObjects } from '../../http/validation/nested-object';
import { IsId, MaxSafeInteger } from '../../http/validation/identifier';
import { IsNonEmptyListOf, IsNotGivenWith, IsNotGivenWithin, IsOneOrMoreOf } from '../../http/validation/list-validators';

export const LIST_LIMIT = 100;
export const LONG_TEXT = SHORT_TEXT * 5;

/** Optional in requests, and `null` means the same as absent (reads show null). */
const isGiven = (_object: object, value: unknown) => value !== undefined && value !== null;
const Optional = () => ValidateIf(isGiven);

const Text = () => (target: object, property: string) => {
  IsString()(target, property);
  IsNotEmpty()(target, property);
  MaxLength(SHORT_TEXT)(target, property);
};

const Texts = () => (target: object, property: string) => {
  IsArray()(target, property);
  ArrayMaxSize(LIST_LIMIT)(target, property);
  IsString({ each: true })(target, property);
  IsNotEmpty({ each: true })(target, property);
  MaxLength(SHORT_TEXT, { each: true })(target, property);
};

export class IncidentOpenedDataDto extends IncidentFieldsDto {
  @IsId()
  incidentId: string;
}

export class RaidConductedDataDto {
  @Text() force: string;
  @ApiProperty({ enum: RAID_MODES, isArray: true, required: false, description: 'At least one (a raid may be motorised and heliborne); required unless `mode` is sent' })
  @ValidateIf((raid: RaidConductedDataDto) => raid.mode === undefined || raid.mode === null) @IsNonEmptyListOf(RAID_MODES)
  modes: (typeof RAID_MODES)[number][];
  @ApiProperty({ enum: RAID_MODES, required: false, nullable: true, deprecated: true, description: 'The v1 form of modes (one value): read as [mode]; not with modes' })
  @Optional() @IsIn(RAID_MODES) @IsNotGivenWith('modes')
  mode?: (typeof RAID_MODES)[number] | null;
  @Texts() support: string[];
  @Text() target: string;
}

export class StrikeConductedDataDto {
  @Text() force: string;
  @ApiProperty({ enum: STRIKE_MEANS, isArray: true, description: 'At least one, no repeats; a single string (the v1 form) is still accepted and reads as a list of one' })
  @IsOneOrMoreOf(STRIKE_MEANS)
  means: (typeof STRIKE_MEANS)[number][];
  @Texts() platforms: string[];
  @Text() target: string;
}

export class FireExchangedDataDto {
  @ApiProperty({ required: false, nullable: true, type: String }) @Optional() @Text() initiatedBy?: string | null;
  @ApiProperty({ required: false, nullable: true, type: Boolean }) @Optional() @IsBoolean() warningShots?: boolean | null;
  @Texts() hostileWeapons: string[];
  @Text() outcome: string;
}

export class CasualtiesReportedDataDto {
  @ApiProperty({ enum: CASUALTY_SIDES }) @IsIn(CASUALTY_SIDES) side: (typeof CASUALTY_SIDES)[number];
  @ApiProperty({ enum: CASUALTY_STATUSES }) @IsIn(CASUALTY_STATUSES) status: (typeof CASUALTY_STATUSES)[number];
  @EstimateProperty() count: EstimateDto;
  @ApiProperty({ required: false, nullable: true, type: String, description: "The communiqué's own words, kept beside the figures" })
  @Optional() @IsString() @MaxLength(SHORT_TEXT) wording?: string | null;
}

export class MaterielItemDto {
  @ApiProperty({ enum: MATERIEL_CATEGORIES }) @IsIn(MATERIEL_CATEGORIES) category: (typeof MATERIEL_CATEGORIES)[number];
  @Text() description: string;
  @ApiProperty({ required: false, nullable: true, type: Number, description: 'Only when the source gives a number' })
  @Optional() @IsInt() @Min(0) @MaxSafeInteger() quantity?: number | null;
}

export class MaterielDataDto {
  @ArrayNotEmpty() @ArrayMaxSize(LIST_LIMIT) @NestedObjects(() => MaterielItemDto)
  items: MaterielItemDto[];
}

export class PersonsFreedDataDto {
  @EstimateProperty() count: EstimateDto;
  @Text() description: string;
}

export class ActorInvolvedDataDto {
  @Text() name: string;
  @ApiProperty({ enum: ACTOR_KINDS }) @IsIn(ACTOR_KINDS) kind: (typeof ACTOR_KINDS)[number];
  @ApiProperty({ enum: ACTOR_SIDES }) @IsIn(ACTOR_SIDES) side: (typeof ACTOR_SIDES)[number];
  @ApiProperty({ required: false, nullable: true, type: String, description: 'The group it belongs to' }) @Optional() @Text() parent?: string | null;
  @ApiProperty({ required: false, nullable: true, type: Number }) @Optional() @IsInt() @Min(1000) @Max(2100) founded?: number | null;
  @ApiProperty({ required: false, nullable: true, type: String }) @Optional() @IsString() @MaxLength(LONG_TEXT) notes?: string | null;
  @ApiProperty({ required: false, nullable: true, type: [String], description: 'Other names, each once: "EIGS", "État islamique au Grand Sahara"' })
  @Optional() @Texts() @ArrayUnique({ message: '$property must not name an alias twice' }) aliases?: string[] | null;
}

export class IdentificationPendingDataDto {
  @ApiProperty({ required: false, nullable: true, type: String, description: 'Required unless a role is given (an unnamed deputy)' })
  // A null person is "not given": with no role either, it is missing, not a wrong null.
  @Transform(({ value }) => (value === null ? undefined : value))
  @ValidateIf((i: IdentificationPendingDataDto) => isGiven(i, i.person) || !isGiven(i, i.role)) @Text() person?: string | null;
  @ApiProperty({ required: false, nullable: true, type: String }) @Optional() @Text() role?: string | null;
  @ApiProperty({ required: false, nullable: true, type: String }) @Optional() @Text() group?: string | null;
  @ApiProperty({ required: false, nullable: true, enum: IDENTIFICATION_FATES }) @Optional() @IsIn(IDENTIFICATION_FATES) fate?: (typeof IDENTIFICATION_FATES)[number] | null;
}

export class IdentificationDecisionDataDto {
  @ApiProperty({ description: 'The eventId of the IdentificationPending event' })
  @IsId() identificationId: string;
}

export class AttackReportedDataDto {
  @ApiProperty({ required: false, nullable: true, type: String, description: 'The attacker as the source names it' }) @Optional() @Text() by?: string | null;
  @ApiProperty({ enum: ATTACK_TARGETS }) @IsIn(ATTACK_TARGETS) against: (typeof ATTACK_TARGETS)[number];
  @ApiProperty({ enum: ATTACK_MEANS, isArray: true, description: 'At least one' }) @IsNonEmptyListOf(ATTACK_MEANS) means: (typeof ATTACK_MEANS)[number][];
  @Text() description: string;
}

export class PersonsDetainedDataDto {
  @EstimateProperty() count: EstimateDto;
  @Text() description: string;
  @ApiProperty({ required: false, nullable: true, type: String }) @Optional() @Text() by?: string | null;
  @ApiProperty({ required: false, nullable: true, type: String, description: 'e.g. "la justice malienne"' }) @Optional() @Text() handedTo?: string | null;
}

export class PersonsAbductedDataDto {
  @EstimateProperty() count: EstimateDto;
  @Text() description: string;
  @ApiProperty({ required: false, nullable: true, type: String }) @Optional() @Text() by?: string | null;
}

export class SiteDiscoveredDataDto {
  @ApiProperty({ enum: SITE_KINDS }) @IsIn(SITE_KINDS) kind: (typeof SITE_KINDS)[number];
  @Text() description: string;
}

export class ActivityReportedDataDto {
  @ApiProperty({ enum: ACTIVITY_KINDS }) @IsIn(ACTIVITY_KINDS) kind: (typeof ACTIVITY_KINDS)[number];
  @ApiProperty({ required: false, nullable: true, type: String }) @Optional() @Text() force?: string | null;
  @EstimateProperty({ required: false }) count?: EstimateDto | null;
  @Text() description: string;
}

export class IncidentLinkedDataDto {
  @ApiProperty({ description: 'Another incident, which must exist' }) @IsId() incidentId: string;
  @ApiProperty({ enum: LINK_RELATIONS }) @IsIn(LINK_RELATIONS) relation: (typeof LINK_RELATIONS)[number];
  @ApiProperty({ required: false, nullable: true, type: String }) @Optional() @IsString() @MaxLength(LONG_TEXT) note?: string | null;
}

export class IncidentWithdrawnDataDto {
  @Text() reason: string;
  @ApiProperty({ required: false, nullable: true, type: String, description: 'The incident this one duplicates, which must exist' })
  @Optional() @IsId() duplicateOf?: string | null;
}

export class FactCorrectedDataDto {
  @IsId() correctsEventId: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "The corrected fields of that event's data, merged over it (may be empty when a confidence is given)" })
  @IsObject() @IsNotGivenWithin('mode', 'modes') data: Record<string, unknown>;
  @Text() reason: string;
  @ApiProperty({ enum: CONFIDENCE_LEVELS, required: false, nullable: true, description: "The corrected fact's new confidence" })
  @Optional() @IsIn(CONFIDENCE_LEVELS) confidence?: Confidence | null;
}

export class FactRetractedDataDto {
  @IsId() retractsEventId: string;
  @Text() reason: string;
}
