import { IsIn, IsOptional } from 'class-validator';
import { IsMoment } from '../../http/validation/date-time';
import { MATERIEL_GROUPINGS, MaterielGrouping } from '../stats-read-model';

export class MaterielStatsRequestDto {
  @IsOptional() @IsIn(MATERIEL_GROUPINGS)
  groupBy?: MaterielGrouping;

  /** The tally as the log knew it at this record time. */
  @IsOptional() @IsMoment()
  asOf?: string;
}
