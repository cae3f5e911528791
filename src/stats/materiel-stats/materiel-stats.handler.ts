import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { StatsReadModel } from '../stats-read-model';
import { MaterielStats, MaterielStatsQuery } from './materiel-stats.query';

@QueryHandler(MaterielStatsQuery)
export class MaterielStatsHandler implements IQueryHandler<MaterielStatsQuery> {
  constructor(private readonly stats: StatsReadModel) {}

  async execute({ tally }: MaterielStatsQuery): Promise<MaterielStats> {
    return { groupBy: [...tally.groupBy], asOf: tally.asOf, groups: await this.stats.materiel(tally) };
  }
}
