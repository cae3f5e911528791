import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import {
  IsIn, IsISO31661Alpha2, IsInt, IsNotEmpty, IsNumber, IsOptional, IsPositive, IsString, ValidateIf, Max, MaxLength, Min,
} from 'class-validator';
import { CONFIDENCE_LEVELS } from '../../domain/shared/confidence';
import { COMPASS_DIRECTIONS, CompassDirection, LOCATION_PRECISIONS, LocationPrecision } from '../../domain/shared/location';
import { TIME_PRECISIONS, TimePrecision } from '../../domain/shared/time-span';
import { GivesAFigure, IsAtLeast, IsAtMost, IsGivenWith, IsNotBefore } from '../../http/validation/relational-validators';
import { IsDateTimeWithOffset } from '../../http/validation/date-time';
import { Transform } from 'class-transformer';
import { NestedObject } from '../../http/validation/nested-object';
import { IsId, MaxSafeInteger } from '../../http/validation/identifier';

export const SHORT_TEXT = 2000;
export const EXCERPT_TEXT = 20_000;

/** The source document a fact comes from and the exact excerpt of it that supports the fact. */
export class ProvenanceDto {
  @IsId()
  sourceId: string;

  @IsString() @IsNotEmpty() @MaxLength(EXCERPT_TEXT)
  excerpt: string;
}

/** In an import the source is the imported document unless another `sourceId` is named. */
export class ImportedProvenanceDto {
  @IsOptional() @IsId()
  sourceId?: string;

  @IsString() @IsNotEmpty() @MaxLength(EXCERPT_TEXT)
  excerpt: string;
}

const IsCount = () =>
  applyDecorators(IsInt({ message: '$property must be an integer ≥ 0' }), Min(0, { message: '$property must be an integer ≥ 0' }), MaxSafeInteger());

const isGiven = (value: unknown) => value !== undefined && value !== null;

/** A count as the source gives it: any of low, best and high (null is the same as absent). */
export class EstimateDto {
  @ApiProperty({ required: false, nullable: true, type: Number, description: 'Lower bound ("plusieurs" is { low: 2 })' })
  @ValidateIf((e: EstimateDto) => isGiven(e.low)) @IsCount() @IsAtMost('best') @IsAtMost('high')
  low?: number | null;

  @ApiProperty({ required: false, nullable: true, type: Number, description: 'The best figure, only when the source gives one' })
  @ValidateIf((e: EstimateDto) => isGiven(e.best)) @IsCount()
  best?: number | null;

  @ApiProperty({ required: false, nullable: true, type: Number, description: 'Upper bound' })
  @ValidateIf((e: EstimateDto) => isGiven(e.high)) @IsCount() @IsAtLeast('best')
  high?: number | null;
}

/** An estimate field: an object with at least one of low, best and high. */
export const EstimateProperty = (options: { required: boolean } = { required: true }) =>
  applyDecorators(
    ApiProperty({ type: EstimateDto, required: options.required, nullable: !options.required }),
    ...(options.required ? [] : [ValidateIf((_o: object, value: unknown) => value !== undefined && value !== null)]),
    NestedObject(() => EstimateDto),
    GivesAFigure() as PropertyDecorator,
  );

export class TimeSpanDto {
  @IsDateTimeWithOffset()
  start: string;

  @IsDateTimeWithOffset() @IsNotBefore('start')
  end: string;

  @ApiProperty({ enum: TIME_PRECISIONS })
  @IsIn(TIME_PRECISIONS)
  precision: TimePrecision;
}

/** A place the source names, and how far and which way from it the thing happened. */
export class RelativePlaceDto {
  @IsString() @IsNotEmpty() @MaxLength(SHORT_TEXT)
  place: string;

  @ApiProperty({ enum: COMPASS_DIRECTIONS, required: false, nullable: true })
  @IsOptional() @IsIn(COMPASS_DIRECTIONS)
  direction?: CompassDirection | null;

  @ApiProperty({ required: false, nullable: true, type: Number, description: 'Greater than 0' })
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @IsPositive({ message: '$property must be greater than 0' }) @Max(40_075)
  distanceKm?: number | null;
}

export class LocationDto {
  @ApiProperty({ description: 'ISO 3166-1 alpha-2 (stored in capitals)', example: 'ML' })
  @Transform(({ value }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @IsISO31661Alpha2()
  country: string;

  @IsOptional() @IsString() @MaxLength(SHORT_TEXT)
  area?: string | null;

  @IsOptional() @IsString() @MaxLength(SHORT_TEXT)
  admin1?: string | null;

  @IsOptional() @IsString() @MaxLength(SHORT_TEXT)
  name?: string | null;

  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-90) @Max(90) @IsGivenWith('longitude')
  latitude?: number | null;

  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-180) @Max(180) @IsGivenWith('latitude')
  longitude?: number | null;

  @ApiProperty({ required: false, nullable: true, type: () => RelativePlaceDto, description: '"80 km à l\'est de Tessalit"' })
  @ValidateIf((_l: LocationDto, value: unknown) => value !== undefined && value !== null) @NestedObject(() => RelativePlaceDto)
  relativeTo?: RelativePlaceDto | null;

  @ApiProperty({ enum: LOCATION_PRECISIONS })
  @IsIn(LOCATION_PRECISIONS)
  precision: LocationPrecision;
}

/** The fields of an incident's opening, the part a correction may change. */
export class IncidentFieldsDto {
  @IsString() @IsNotEmpty() @MaxLength(SHORT_TEXT)
  title: string;

  @NestedObject(() => TimeSpanDto)
  occurred: TimeSpanDto;

  @NestedObject(() => LocationDto)
  location: LocationDto;

  @IsOptional() @IsString() @MaxLength(SHORT_TEXT)
  operation?: string | null;
}

export const ConfidenceProperty = () => ApiProperty({ enum: CONFIDENCE_LEVELS, required: false, default: 'confirmed' });
