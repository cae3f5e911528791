import { BadRequestException, Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { IncidentView } from '../../domain/incident/incident-view';
import { UuidParam } from '../../http/uuid-param';
import { sortableTime } from '../../projections/shared/comparable-keys';
import { IncidentResponseDto } from '../incident.response.dto';
import { GetIncidentQuery } from './get-incident.query';
import { GetIncidentRequestDto } from './get-incident.request.dto';
import { ApiReadErrors } from '../../http/api-errors.decorator';

@ApiTags('incidents')
@Controller('incidents')
export class GetIncidentHttpController {
  constructor(private readonly queries: QueryBus) {}

  @ApiOperation({ summary: 'One incident, now or as the log knew it', description: 'The incident\'s current view: every fact in force with its provenance, confidence and corrections, its links and identifications. `atVersion` shows it at a version of its stream, `asOf` at a moment of the log (404 before it existed). A withdrawn incident is still readable here. `ETag` is the version shown.' })
  @Get(':incidentId')
  @ApiReadErrors()
  @ApiOkResponse({ type: IncidentResponseDto, headers: { ETag: { description: 'The version shown, e.g. "4"', schema: { type: 'string' } } } })
  @ApiNotFoundResponse({ description: 'Unknown incident, or it did not exist yet at asOf/atVersion' })
  async get(
    @UuidParam('incidentId') incidentId: string,
    @Query() query: GetIncidentRequestDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IncidentView> {
    if (query.asOf !== undefined && query.atVersion !== undefined) throw new BadRequestException(['asOf and atVersion cannot be combined']);
    const moment = query.asOf !== undefined ? { asOf: sortableTime(query.asOf) } : query.atVersion !== undefined ? { atVersion: query.atVersion } : null;
    const view = await this.queries.execute(new GetIncidentQuery(incidentId, moment));
    reply.header('ETag', `"${view.version}"`);
    return view;
  }
}
