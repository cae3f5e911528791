import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { MATERIEL_GROUPINGS, MaterielGrouping } from '../stats-read-model';

export class MaterielStatsRequestDto {
  @IsOptional() @IsIn(MATERIEL_GROUPINGS)
  groupBy?: MaterielGrouping;

  /** The tally as the log knew it at this record time. */
  @IsOptional() @IsISO8601({ strict: true })
  asOf?: string;
}
