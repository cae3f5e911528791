import { Module } from '@nestjs/common';
import { CasualtyStatsHandler } from './casualty-stats/casualty-stats.handler';
import { MaterielStatsHandler } from './materiel-stats/materiel-stats.handler';
import { StatsHttpController } from './stats.http.controller';
import { StatsReadModel } from './stats-read-model';

@Module({ controllers: [StatsHttpController], providers: [StatsReadModel, CasualtyStatsHandler, MaterielStatsHandler] })
export class StatsModule {}
