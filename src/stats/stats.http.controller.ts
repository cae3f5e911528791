import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IncidentFilters } from '../projections/shared/incident-dimensions';
import { sortableTime } from '../projections/shared/comparable-keys';
import { CasualtyStatsRequestDto } from './casualty-stats/casualty-stats.request.dto';
import { CasualtyStats, CasualtyStatsQuery } from './casualty-stats/casualty-stats.query';
import { MaterielStatsRequestDto } from './materiel-stats/materiel-stats.request.dto';
import { MaterielStats, MaterielStatsQuery } from './materiel-stats/materiel-stats.query';
import { CasualtyStatsResponseDto, MaterielStatsResponseDto } from './stats.response.dto';
import { TallyFiltersRequestDto } from './tally-request.dto';
import { ApiReadErrors } from '../http/api-errors.decorator';

const timeOrNull = (time: string | undefined): string | null => (time ? sortableTime(time) : null);

const filtersOf = (query: TallyFiltersRequestDto): IncidentFilters & { asOf: string | null } => ({
  country: query.country?.toUpperCase() ?? null,
  operation: query.operation ?? null,
  from: timeOrNull(query.from),
  to: timeOrNull(query.to),
  asOf: timeOrNull(query.asOf),
});

@ApiTags('stats')
@Controller('stats')
export class StatsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('casualties')
  @ApiOperation({
    summary: 'Casualty reports in force, summed by group',
    description:
      'Withdrawn incidents are left out; corrections applied, retractions removed. Per report, low = low ?? best ?? 0 and high = high ?? best ' +
      '(unbounded when both are missing). A group\'s high is null when any of its reports is unbounded; best sums only the reports that ' +
      'give one and is null when none does; withoutBest counts the reports without one.',
  })
  @ApiReadErrors()
  @ApiOkResponse({ type: CasualtyStatsResponseDto })
  casualties(@Query() query: CasualtyStatsRequestDto): Promise<CasualtyStats> {
    return this.queries.execute(
      new CasualtyStatsQuery({ ...filtersOf(query), groupBy: query.groupBy ?? ['country'], sides: query.side ?? null, statuses: query.status ?? null }),
    );
  }

  @Get('materiel')
  @ApiOperation({
    summary: 'Materiel items in force, seized and destroyed, counted by group',
    description: 'Withdrawn incidents are left out. quantity sums only the stated quantities: null when items were counted but none states one.',
  })
  @ApiReadErrors()
  @ApiOkResponse({ type: MaterielStatsResponseDto })
  materiel(@Query() query: MaterielStatsRequestDto): Promise<MaterielStats> {
    return this.queries.execute(new MaterielStatsQuery({ ...filtersOf(query), groupBy: query.groupBy ?? ['category'] }));
  }
}
