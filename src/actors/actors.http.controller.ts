import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { ApiReadErrors } from '../http/api-errors.decorator';
import { ActorDirectoryResponseDto } from './actor.response.dto';
import { ActorDirectory, ListActorsQuery } from './list-actors.query';
import { ListActorsRequestDto } from './list-actors.request.dto';

@ApiTags('actors')
@Controller('actors')
export class ActorsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @ApiOperation({ summary: 'Actors named in the log', description: 'Every actor recorded by an ActorInvolved fact, with its kind, side, parent and aliases, and the incidents it appears in. `name` matches a name or an alias (case-insensitive); paged with `limit` and `cursor`.' })
  @Get()
  @ApiReadErrors()
  @ApiOkResponse({ type: ActorDirectoryResponseDto, description: 'Every actor named in an incident, by name, with its aliases and how many incidents name it' })
  list(@Query() query: ListActorsRequestDto): Promise<ActorDirectory> {
    return this.queries.execute(new ListActorsQuery(query.name ?? null, query.limit ?? 50, query.cursor ?? null));
  }
}
