import { Query } from '@nestjs/cqrs';
import { MaterielDimension, MaterielGroup, MaterielTallyQuery } from '../../projections/materiel-tally/materiel-tally.queries';

export interface MaterielStats {
  groupBy: MaterielDimension[];
  asOf: string | null;
  groups: MaterielGroup[];
}

export class MaterielStatsQuery extends Query<MaterielStats> {
  constructor(readonly tally: MaterielTallyQuery) {
    super();
  }
}
