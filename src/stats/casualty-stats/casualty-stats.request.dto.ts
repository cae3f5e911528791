import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { CASUALTY_STATUSES } from '../../domain/incident/incident-events';
import { CASUALTY_GROUPINGS, CasualtyGrouping } from '../stats-read-model';

export class CasualtyStatsRequestDto {
  @IsOptional() @IsIn(CASUALTY_GROUPINGS)
  groupBy?: CasualtyGrouping;

  /** The tally as the log knew it at this record time. */
  @IsOptional() @IsISO8601({ strict: true })
  asOf?: string;

  /** Only reports of this status (killed, neutralised, …). */
  @IsOptional() @IsIn(CASUALTY_STATUSES)
  status?: string;
}
