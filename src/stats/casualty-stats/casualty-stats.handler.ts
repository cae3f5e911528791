import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { StatsReadModel } from '../stats-read-model';
import { CasualtyStats, CasualtyStatsQuery } from './casualty-stats.query';

@QueryHandler(CasualtyStatsQuery)
export class CasualtyStatsHandler implements IQueryHandler<CasualtyStatsQuery> {
  constructor(private readonly stats: StatsReadModel) {}

  async execute({ groupBy, asOf, status }: CasualtyStatsQuery): Promise<CasualtyStats> {
    return { groupBy, asOf, groups: await this.stats.casualties(groupBy, asOf, status) };
  }
}
