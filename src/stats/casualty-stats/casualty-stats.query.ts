import { Query } from '@nestjs/cqrs';
import { CasualtyDimension, CasualtyGroup, CasualtyTallyQuery } from '../../projections/casualty-tally/casualty-tally.queries';

export interface CasualtyStats {
  groupBy: CasualtyDimension[];
  asOf: string | null;
  groups: CasualtyGroup[];
}

export class CasualtyStatsQuery extends Query<CasualtyStats> {
  constructor(readonly tally: CasualtyTallyQuery) {
    super();
  }
}
