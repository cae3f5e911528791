import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { StatsReadModel } from '../stats-read-model';
import { MaterielStats, MaterielStatsQuery } from './materiel-stats.query';

@QueryHandler(MaterielStatsQuery)
export class MaterielStatsHandler implements IQueryHandler<MaterielStatsQuery> {
  constructor(private readonly stats: StatsReadModel) {}

  async execute({ groupBy, asOf }: MaterielStatsQuery): Promise<MaterielStats> {
    return { groupBy, asOf, groups: await this.stats.materiel(groupBy, asOf) };
  }
}
