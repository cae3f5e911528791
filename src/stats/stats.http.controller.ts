import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { sortableTime } from '../projections/shared/comparable-keys';
import { CasualtyStatsRequestDto } from './casualty-stats/casualty-stats.request.dto';
import { CasualtyStats, CasualtyStatsQuery } from './casualty-stats/casualty-stats.query';
import { MaterielStatsRequestDto } from './materiel-stats/materiel-stats.request.dto';
import { MaterielStats, MaterielStatsQuery } from './materiel-stats/materiel-stats.query';
import { CasualtyStatsResponseDto, MaterielStatsResponseDto } from './stats.response.dto';
import { ApiReadErrors } from '../http/api-errors.decorator';

@ApiTags('stats')
@Controller('stats')
export class StatsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('casualties')
  @ApiReadErrors()
  @ApiOkResponse({ type: CasualtyStatsResponseDto, description: 'Corrections applied, retractions removed' })
  casualties(@Query() query: CasualtyStatsRequestDto): Promise<CasualtyStats> {
    return this.queries.execute(new CasualtyStatsQuery(query.groupBy ?? 'country', query.asOf ? sortableTime(query.asOf) : null, query.status ?? null));
  }

  @Get('materiel')
  @ApiReadErrors()
  @ApiOkResponse({ type: MaterielStatsResponseDto })
  materiel(@Query() query: MaterielStatsRequestDto): Promise<MaterielStats> {
    return this.queries.execute(new MaterielStatsQuery(query.groupBy ?? 'category', query.asOf ? sortableTime(query.asOf) : null));
  }
}
