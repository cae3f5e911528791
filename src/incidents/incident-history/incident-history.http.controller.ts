import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { UuidParam } from '../../http/uuid-param';
import { IncidentHistoryResponseDto } from '../incident.response.dto';
import { IncidentHistory, IncidentHistoryQuery } from './incident-history.query';
import { ApiReadErrors } from '../../http/api-errors.decorator';

@ApiTags('incidents')
@Controller('incidents')
export class IncidentHistoryHttpController {
  constructor(private readonly queries: QueryBus) {}

  @ApiOperation({ summary: 'The incident\'s revision history', description: 'Every event of the incident in order, each with who recorded it, when, its provenance and what it changed (`changes`: path, before, after).' })
  @Get(':incidentId/history')
  @ApiReadErrors()
  @ApiOkResponse({ type: IncidentHistoryResponseDto, description: 'Every event of the incident, oldest first, with what it changed' })
  @ApiNotFoundResponse()
  history(@UuidParam('incidentId') incidentId: string): Promise<IncidentHistory> {
    return this.queries.execute(new IncidentHistoryQuery(incidentId));
  }
}
