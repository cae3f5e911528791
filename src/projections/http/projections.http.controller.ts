import { Controller, Get, HttpCode, Logger, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ProjectionEngine, ProjectionStatusView } from '../engine/projection-engine';
import { ProjectionStatusDto, RebuildStartedDto } from './projection.response.dto';

@ApiTags('projections')
@Controller('projections')
export class ProjectionsHttpController {
  private readonly logger = new Logger('Projections');

  constructor(private readonly engine: ProjectionEngine) {}

  @Get()
  @ApiOkResponse({ type: [ProjectionStatusDto] })
  list(): Promise<ProjectionStatusView[]> {
    return this.engine.status();
  }

  /** Rebuilds into new tables in the background; reads answer from the current ones until the swap. */
  @Post(':name/rebuild')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: RebuildStartedDto })
  @ApiNotFoundResponse({ description: 'No projection has that name' })
  @ApiConflictResponse({ description: 'That projection is being rebuilt already' })
  async rebuild(@Param('name') name: string): Promise<RebuildStartedDto> {
    const started = this.engine.startRebuild(name);
    started.finished.catch((error: unknown) => this.logger.error(`rebuild of ${name} failed: ${String(error)}`));
    return { name, status: 'rebuilding' };
  }
}
