import { Controller, Get, HttpCode, Logger, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ProjectionStatusView } from '../engine/projection-engine';
import { ListProjectionsQuery, RebuildProjectionCommand } from './projection-queries';
import { ProjectionStatusDto, RebuildStartedDto } from './projection.response.dto';

@ApiTags('projections')
@Controller('projections')
export class ProjectionsHttpController {
  private readonly logger = new Logger('Projections');

  constructor(private readonly queries: QueryBus, private readonly commands: CommandBus) {}

  @ApiOperation({ summary: 'Projections and their state', description: 'Each read model\'s version, checkpoint, the head of the log, its lag, its status (live, rebuilding, failed) and a rebuild\'s progress.' })
  @Get()
  @ApiOkResponse({ type: [ProjectionStatusDto] })
  list(): Promise<ProjectionStatusView[]> {
    return this.queries.execute(new ListProjectionsQuery());
  }

  @Post(':name/rebuild')
  @ApiOperation({
    summary: 'Rebuild a projection from the start of the log',
    description: 'Rebuilds into new tables in the background (202); reads answer from the current tables until the rebuilt ones take over. `GET /projections` shows its progress.',
  })
  @HttpCode(202)
  @ApiAcceptedResponse({ type: RebuildStartedDto })
  @ApiNotFoundResponse({ description: 'No projection has that name' })
  @ApiConflictResponse({ description: 'That projection is being rebuilt already' })
  async rebuild(@Param('name') name: string): Promise<RebuildStartedDto> {
    const started = await this.commands.execute(new RebuildProjectionCommand(name));
    started.finished.catch((error: unknown) => this.logger.error(`rebuild of ${name} failed: ${String(error)}`));
    return { name, status: 'rebuilding' };
  }
}
