import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { sortableTime } from '../../projections/shared/comparable-keys';
import { IncidentListResponseDto } from '../incident.response.dto';
import { decodeCursor } from './incident-cursor';
import { IncidentPage, ListIncidentsQuery } from './list-incidents.query';
import { ListIncidentsRequestDto } from './list-incidents.request.dto';
import { ApiReadErrors } from '../../http/api-errors.decorator';

@ApiTags('incidents')
@Controller('incidents')
export class ListIncidentsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @ApiOperation({ summary: 'List incidents', description: 'Incidents, newest first, filtered by country, time range, operation, actor and source; withdrawn incidents only with `includeWithdrawn=true`. Paged with `limit` and `cursor`.' })
  @Get()
  @ApiReadErrors()
  @ApiOkResponse({ type: IncidentListResponseDto, description: 'Newest first by when it happened' })
  list(@Query() query: ListIncidentsRequestDto): Promise<IncidentPage> {
    return this.queries.execute(
      new ListIncidentsQuery({
        country: query.country?.toUpperCase() ?? null,
        from: query.from ? sortableTime(query.from) : null,
        to: query.to ? sortableTime(query.to) : null,
        operation: query.operation ?? null,
        actor: query.actor ?? null,
        sourceId: query.sourceId ?? null,
        includeWithdrawn: query.includeWithdrawn === 'true',
        limit: query.limit ?? 50,
        after: query.cursor ? decodeCursor(query.cursor) : null,
      }),
    );
  }
}
