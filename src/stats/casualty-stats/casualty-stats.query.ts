import { Query } from '@nestjs/cqrs';
import { CasualtyGroup, CasualtyGrouping } from '../stats-read-model';

export interface CasualtyStats {
  groupBy: CasualtyGrouping;
  asOf: string | null;
  groups: CasualtyGroup[];
}

export class CasualtyStatsQuery extends Query<CasualtyStats> {
  constructor(readonly groupBy: CasualtyGrouping, readonly asOf: string | null, readonly status: string | null) {
    super();
  }
}
