import { Query } from '@nestjs/cqrs';
import { MaterielGroup, MaterielGrouping } from '../stats-read-model';

export interface MaterielStats {
  groupBy: MaterielGrouping;
  asOf: string | null;
  groups: MaterielGroup[];
}

export class MaterielStatsQuery extends Query<MaterielStats> {
  constructor(readonly groupBy: MaterielGrouping, readonly asOf: string | null) {
    super();
  }
}
