import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiPreconditionFailedResponse, ApiTags,
  ApiUnprocessableEntityResponse, ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { IfMatch, parseIfMatch } from '../../http/if-match';
import { UuidParam } from '../../http/uuid-param';
import { Writer } from '../../http/write-context.decorator';
import { WriteContext } from '../../log/incident-log-events';
import { RecordEventsResponseDto } from '../incident.response.dto';
import { RecordIncidentEventsCommand } from './record-incident-events.command';
import { RecordIncidentEventsRequestDto } from './record-incident-events.request.dto';
import { ApiWriteErrors } from '../../http/api-errors.decorator';

@ApiTags('incidents')
@Controller('incidents')
export class RecordIncidentEventsHttpController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({ summary: 'Record facts about an incident', description: 'Appends facts, corrections, retractions, links or a withdrawal, atomically: all are stored or none. Each cites an excerpt of a registered source. `If-Match: "<version>"` makes the append conditional (412 when the incident moved on). Events with client-chosen `eventId`s already stored identically are not stored twice (200).' })
  @Post(':incidentId/events')
  @ApiWriteErrors()
  @ApiHeader({ name: 'If-Match', required: false, description: 'Append only if the incident is at this version, e.g. "3"' })
  @ApiCreatedResponse({ type: RecordEventsResponseDto, headers: { ETag: { description: 'The new version, e.g. "4"', schema: { type: 'string' } } } })
  @ApiOkResponse({ type: RecordEventsResponseDto, description: 'Every event was stored before (same ids, same content): nothing new stored' })
  @ApiNotFoundResponse({ description: 'Unknown incident' })
  @ApiConflictResponse({ description: 'An eventId is stored with other content' })
  @ApiPreconditionFailedResponse({ description: 'The incident is not at the If-Match version' })
  @ApiUnprocessableEntityResponse({ description: 'A rule of the domain is broken, or an excerpt is not in its source' })
  async record(
    @UuidParam('incidentId') incidentId: string,
    @Body() body: RecordIncidentEventsRequestDto,
    @IfMatch() ifMatch: string | undefined,
    @Writer() writer: WriteContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RecordEventsResponseDto> {
    const outcome = await this.commands.execute(new RecordIncidentEventsCommand(incidentId, body.events, parseIfMatch(ifMatch), writer));
    reply.status(outcome.appendedCount > 0 ? 201 : 200).header('ETag', `"${outcome.version}"`);
    return { incidentId, version: outcome.version, events: outcome.events };
  }
}
