import { IsOptional } from 'class-validator';
import { MATERIEL_DIMENSIONS, MaterielDimension } from '../../projections/materiel-tally/materiel-tally.queries';
import { CommaSeparated, IsListOf, TallyFiltersRequestDto, listParameter } from '../tally-request.dto';

export class MaterielStatsRequestDto extends TallyFiltersRequestDto {
  @listParameter(MATERIEL_DIMENSIONS, 'What the items are grouped by, in this order (default category).', 'category,country')
  @IsOptional() @CommaSeparated() @IsListOf(MATERIEL_DIMENSIONS)
  groupBy?: MaterielDimension[];
}
