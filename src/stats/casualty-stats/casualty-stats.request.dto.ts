import { IsOptional } from 'class-validator';
import { CASUALTY_SIDES, CASUALTY_STATUSES } from '../../domain/incident/incident-events';
import { CASUALTY_DIMENSIONS, CasualtyDimension } from '../../projections/casualty-tally/casualty-tally.queries';
import { CommaSeparated, IsListOf, TallyFiltersRequestDto, listParameter } from '../tally-request.dto';

export class CasualtyStatsRequestDto extends TallyFiltersRequestDto {
  @listParameter(CASUALTY_DIMENSIONS, 'What the reports are grouped by, in this order (default country).', 'country,side')
  @IsOptional() @CommaSeparated() @IsListOf(CASUALTY_DIMENSIONS)
  groupBy?: CasualtyDimension[];

  @listParameter(CASUALTY_SIDES, 'Only reports of these sides.', 'hostile,civilian')
  @IsOptional() @CommaSeparated() @IsListOf(CASUALTY_SIDES)
  side?: string[];

  @listParameter(CASUALTY_STATUSES, 'Only reports of these statuses.', 'killed,neutralised')
  @IsOptional() @CommaSeparated() @IsListOf(CASUALTY_STATUSES)
  status?: string[];
}
