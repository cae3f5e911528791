import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { StatsReadModel } from '../stats-read-model';
import { CasualtyStats, CasualtyStatsQuery } from './casualty-stats.query';

@QueryHandler(CasualtyStatsQuery)
export class CasualtyStatsHandler implements IQueryHandler<CasualtyStatsQuery> {
  constructor(private readonly stats: StatsReadModel) {}

  async execute({ tally }: CasualtyStatsQuery): Promise<CasualtyStats> {
    return { groupBy: [...tally.groupBy], asOf: tally.asOf, groups: await this.stats.casualties(tally) };
  }
}
