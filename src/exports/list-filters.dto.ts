import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO31661Alpha2, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsBooleanText } from '../http/validation/boolean-text';
import { IsMoment } from '../http/validation/date-time';
import { IsId } from '../http/validation/identifier';
import { sortableTime } from '../projections/shared/comparable-keys';
import { ExportFilters } from './export-filters';

/** The filters of `GET /incidents`, with the same checks, without its paging: exports and the map take every incident they keep. */
export class ListFiltersDto {
  @ApiPropertyOptional({ type: String, description: 'Only incidents in this country (ISO 3166-1 alpha-2).', example: 'ML' })
  @IsOptional() @IsISO31661Alpha2()
  country?: string;

  @ApiPropertyOptional({ type: String, description: 'Only incidents that happened (in part) at or after this time: a date, or a date-time (UTC without offset).', example: '2018-11-01' })
  @IsOptional() @IsMoment()
  from?: string;

  @ApiPropertyOptional({ type: String, description: 'Only incidents that happened (in part) at or before this time: a date, or a date-time (UTC without offset).', example: '2018-11-30T23:59:59Z' })
  @IsOptional() @IsMoment()
  to?: string;

  @ApiPropertyOptional({ type: String, description: 'Only incidents of this operation, whatever its case.', example: 'Barkhane', maxLength: 200 })
  @IsOptional() @IsString() @MaxLength(200)
  operation?: string;

  @ApiPropertyOptional({ type: String, description: 'Only incidents involving an actor of this name or alias, whatever its case.', example: 'RVIM', maxLength: 200 })
  @IsOptional() @IsString() @MaxLength(200)
  actor?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'Only incidents that cite this source.' })
  @IsOptional() @IsId()
  sourceId?: string;

  @ApiPropertyOptional({ type: Boolean, default: false, description: 'Withdrawn incidents are left out unless this is true.' })
  @IsOptional() @IsBooleanText()
  includeWithdrawn?: 'true' | 'false';
}

export const timeOrNull = (time: string | undefined): string | null => (time ? sortableTime(time) : null);

export const listFiltersOf = (query: ListFiltersDto): Omit<ExportFilters, 'asOf'> => ({
  country: query.country?.toUpperCase() ?? null,
  from: timeOrNull(query.from),
  to: timeOrNull(query.to),
  operation: query.operation ?? null,
  actor: query.actor ?? null,
  sourceId: query.sourceId ?? null,
  includeWithdrawn: query.includeWithdrawn === 'true',
});

