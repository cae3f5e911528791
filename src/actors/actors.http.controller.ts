import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ActorDirectoryResponseDto } from './actor.response.dto';
import { ActorDirectory, ListActorsQuery } from './list-actors.query';

@ApiTags('actors')
@Controller('actors')
export class ActorsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOkResponse({ type: ActorDirectoryResponseDto, description: 'Every actor named in an incident, with how many incidents name it' })
  list(): Promise<ActorDirectory> {
    return this.queries.execute(new ListActorsQuery());
  }
}
