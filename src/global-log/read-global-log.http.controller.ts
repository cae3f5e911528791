import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { GlobalLogResponseDto } from './global-log.response.dto';
import { GlobalLogPage, ReadGlobalLogQuery } from './read-global-log.query';
import { ReadGlobalLogRequestDto } from './read-global-log.request.dto';
import { ApiReadErrors } from '../http/api-errors.decorator';

@ApiTags('events')
@Controller('events')
export class ReadGlobalLogHttpController {
  constructor(private readonly queries: QueryBus) {}

  @ApiOperation({ summary: 'The global log, in order', description: 'Every event of every stream in the order of the log, after a position (`after`), at most `limit` per page; `lastPosition` is where the next page starts.' })
  @Get()
  @ApiReadErrors()
  @ApiOkResponse({ type: GlobalLogResponseDto, description: 'The global log in order' })
  read(@Query() query: ReadGlobalLogRequestDto): Promise<GlobalLogPage> {
    return this.queries.execute(new ReadGlobalLogQuery(query.after ?? 0, query.limit ?? 100));
  }
}
