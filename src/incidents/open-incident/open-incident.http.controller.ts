import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse, ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { DEFAULT_CONFIDENCE } from '../../domain/shared/confidence';
import { Writer } from '../../http/write-context.decorator';
import { WriteContext } from '../../log/incident-log-events';
import { OpenIncidentResponseDto } from '../incident.response.dto';
import { OpenIncidentCommand } from './open-incident.command';
import { OpenIncidentRequestDto } from './open-incident.request.dto';
import { ApiWriteErrors } from '../../http/api-errors.decorator';
import { storedLocation } from '../../domain/shared/location';

@ApiTags('incidents')
@Controller('incidents')
export class OpenIncidentHttpController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({ summary: 'Open an incident', description: 'Opens an incident with its title, when and where it happened (with the precision the source gives) and the excerpt that says so. Answers 201 with `Location` and `ETag: "1"`; the same opening again (same `incidentId`) answers 200.' })
  @Post()
  @ApiWriteErrors()
  @ApiCreatedResponse({ type: OpenIncidentResponseDto, headers: { Location: { description: '/incidents/{incidentId}', schema: { type: 'string' } }, ETag: { description: '"1"', schema: { type: 'string' } } } })
  @ApiOkResponse({ type: OpenIncidentResponseDto, description: 'The same incidentId and body were posted before' })
  @ApiConflictResponse({ description: 'The incidentId exists with another opening' })
  @ApiUnprocessableEntityResponse({ description: 'Unknown source, or the excerpt is not in it' })
  async open(
    @Body() body: OpenIncidentRequestDto,
    @Writer() writer: WriteContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OpenIncidentResponseDto> {
    const incidentId = body.incidentId ?? uuidv7();
    const outcome = await this.commands.execute(
      new OpenIncidentCommand(
        incidentId,
        {
          eventId: uuidv7(),
          data: { incidentId, title: body.title, occurred: body.occurred, location: storedLocation(body.location), operation: body.operation ?? null },
          source: { sourceId: body.source.sourceId, excerpt: body.source.excerpt },
          confidence: body.confidence ?? DEFAULT_CONFIDENCE,
        },
        writer,
      ),
    );
    const [opening] = outcome.events;
    reply
      .status(outcome.appendedCount > 0 ? 201 : 200)
      .header('Location', `/incidents/${incidentId}`)
      .header('ETag', `"${opening.streamVersion}"`);
    return { incidentId, version: opening.streamVersion, globalPosition: opening.globalPosition };
  }
}
