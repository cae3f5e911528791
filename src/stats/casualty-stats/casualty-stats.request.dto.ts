import { IsIn, IsOptional } from 'class-validator';
import { IsMoment } from '../../http/validation/date-time';
import { CASUALTY_STATUSES } from '../../domain/incident/incident-events';
import { CASUALTY_GROUPINGS, CasualtyGrouping } from '../stats-read-model';

export class CasualtyStatsRequestDto {
  @IsOptional() @IsIn(CASUALTY_GROUPINGS)
  groupBy?: CasualtyGrouping;

  /** The tally as the log knew it at this record time. */
  @IsOptional() @IsMoment()
  asOf?: string;

  /** Only reports of this status (killed, neutralised, …). */
  @IsOptional() @IsIn(CASUALTY_STATUSES)
  status?: string;
}
