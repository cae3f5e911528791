import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsMoment } from '../http/validation/date-time';
import { ExportFilters } from './export-filters';
import { ListFiltersDto, listFiltersOf, timeOrNull } from './list-filters.dto';

/** The list's filters and `asOf`; no paging: an export is whole. */
export class ExportRequestDto extends ListFiltersDto {
  @ApiPropertyOptional({
    type: String, example: '2018-11-13T00:00:00Z',
    description: 'The incidents as the log knew them at this record time (default: now); the filters apply to what they were then.',
  })
  @IsOptional() @IsMoment()
  asOf?: string;
}

export const exportFiltersOf = (query: ExportRequestDto): ExportFilters => ({ ...listFiltersOf(query), asOf: timeOrNull(query.asOf) });
